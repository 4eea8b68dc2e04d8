import { Accounts } from './accounts/accounts.js';
import { type PasswordHasher, scryptPasswordHasher } from './accounts/passwords.js';
import { gatedHasher } from './accounts/hash-gate.js';
import { DEFAULT_LIMITS, type PauzContext, type PauzLimits } from './context.js';
import { migrateToLatest, type MigrationReport } from './db/migrate.js';
import type { Kysely } from 'kysely';
import { type PauzDatabase, type PauzTables, pauzView } from './db/schema.js';
import { PauzConfigError } from './errors.js';
import { FreeJournal } from './free-journal/free-journal.js';
import { Garden } from './garden/garden.js';
import { type Clock, type IdGenerator, randomIds, systemClock } from './runtime.js';
import { Stats } from './stats/stats.js';
import { type CallOptions, throwIfAborted } from './upstream.js';
import { localWriter } from './ai/local-writer.js';
import type { Transcriber, Writer } from './ai/types.js';
import { GuidedJournals } from './guided/journals.js';
import { Hints } from './hints/hints.js';
import { consoleLogger, type PauzLogger } from './logger.js';
import { Recordings } from './recordings/recordings.js';
import { Voice } from './recordings/voice.js';
import { Reflections } from './reflection/reflect.js';
import { Exports } from './export/exports.js';
import { Portability } from './portability/portability.js';
import type { PdfStore } from './pdf-store/types.js';
import type { RenderJournalPdfOptions } from './pdf/render.js';
import { BUCKET_NAMES, BUCKET_ROLES, type PauzBuckets } from './storage/buckets.js';
import { reconcile, type ReconcileOptions, type ReconcileReport } from './storage/reconcile.js';
import { Search } from './search/search.js';

/**
 * What {@link createPauz} needs: a database, the three buckets and a PDF store; the
 * rest has defaults. `DB` is the database type of the Kysely instance passed as `db`;
 * it is inferred, and must include {@link PauzTables}.
 *
 * @category Configuration
 */
export interface PauzOptions<DB extends PauzTables = PauzTables> {
  /**
   * A Kysely instance of any dialect: `createSqliteDatabase()` from
   * `@pauz/core/sqlite`, `createPostgresDatabase()` from `@pauz/core/postgres`, or
   * the host's own — a `Kysely<HostTables & PauzTables>` (or a `Kysely<any>`) that
   * also serves the host's tables. Pauz only touches tables prefixed `pauz_`.
   */
  db: Kysely<DB>;
  /**
   * Whether {@link Pauz.close} destroys `db` (`db.destroy()`: the SQLite file
   * closed, the PostgreSQL pool ended). Set `false` when the host shares its own
   * Kysely instance with Pauz and closes it itself, after `pauz.close()`.
   * @defaultValue `true`
   */
  closeDb?: boolean;
  /**
   * The SmartBuckets for hints, guided journals and audio: `memoryBucket()` for tests,
   * `fsBucket()` from `@pauz/core/local`, or the Raindrop adapters from
   * `@pauz/core/raindrop`. Required — Pauz never falls back to another store.
   */
  buckets: PauzBuckets;
  /**
   * Where exported PDFs go: `s3PdfStore()`/`vultrPdfStore()` from `@pauz/core/s3`,
   * `fsPdfStore()` from `@pauz/core/local`, or `memoryPdfStore()` for tests.
   */
  pdfs: PdfStore;
  /**
   * How PDFs are rendered: the host's own fonts (for CJK, say), page size, labels.
   *
   * @defaultValue `{}` (every {@link RenderJournalPdfOptions} default)
   */
  pdf?: RenderJournalPdfOptions;
  /**
   * The AI that writes hints, guided prompts and reflections.
   *
   * @defaultValue `localWriter()` (offline, rule-based)
   */
  writer?: Writer;
  /**
   * Speech to text for voice journaling (`openAiTranscriber()` from `@pauz/core/openai`,
   * `raindropTranscriber()` from `@pauz/core/raindrop`).
   *
   * @remarks No default: without one, voice uploads answer `NOT_CONFIGURED`.
   */
  transcriber?: Transcriber;
  /**
   * Where clean-up failures and unexpected errors are logged.
   *
   * @defaultValue `consoleLogger` (`console.error` / `console.warn`, prefixed `[pauz]`)
   */
  logger?: PauzLogger;
  /**
   * Password hashing. On Node pass `nodePasswordHasher()` from `@pauz/core/node`
   * (native, off the event loop); inside a Workers / Raindrop isolate
   * `isolatePasswordHasher()` (the default's 128 MiB does not fit there). At most
   * `limits.hashConcurrency` hashes run at once.
   *
   * @defaultValue `scryptPasswordHasher()`: portable scrypt with `OWASP_SCRYPT` parameters
   */
  passwordHasher?: PasswordHasher;
  /**
   * Overrides of the default {@link PauzLimits}; the fields left out keep their defaults.
   *
   * @defaultValue `DEFAULT_LIMITS`
   */
  limits?: Partial<PauzLimits>;
  /**
   * Time source of every timestamp, expiry and rate-limit window.
   *
   * @defaultValue `systemClock`
   */
  clock?: Clock;
  /**
   * Id generator of every new row.
   *
   * @defaultValue `randomIds` (random UUID v4s)
   */
  ids?: IdGenerator;
}

/**
 * A configured Pauz instance: the services, all scoped by the acting user's id.
 *
 * @category Services
 */
export interface Pauz {
  /** Accounts and tokens. */
  readonly accounts: Accounts;
  /** Free-journal sessions. */
  readonly freeJournal: FreeJournal;
  /** The mood garden. */
  readonly garden: Garden;
  /** Guided journals (documents in the `guided-journals` bucket). */
  readonly guidedJournals: GuidedJournals;
  /** Writing hints of free-journal sessions (the `hints` bucket). */
  readonly hints: Hints;
  /** Voice recordings of free-journal sessions (the `audio-files` bucket). */
  readonly recordings: Recordings;
  /** Voice journaling: recordings transcribed into their sessions. */
  readonly voice: Voice;
  /** Reflection on a session: mood, summary, insights, next questions, one flower. */
  readonly reflections: Reflections;
  /** PDF exports of both journal kinds, and the book of them all. */
  readonly exports: Exports;
  /** Export of the whole account as a zip, and import of one (or of a Day One export). */
  readonly portability: Portability;
  /** The PDF store, which also serves its own signed links (`GET /files/pdf/…`). */
  readonly pdfs: PdfStore;
  /** Overview statistics. */
  readonly stats: Stats;
  /** Full-text search over the user's own writing (merged with SmartBucket semantic search where offered). */
  readonly search: Search;
  /** The limits in force. */
  readonly limits: Readonly<PauzLimits>;
  /**
   * The database Pauz was given: the same instance, typed with Pauz's tables only
   * (query the host's own tables through the host's own reference).
   */
  readonly db: PauzDatabase;
  /** Applies pending migrations; harmless to call again. */
  migrate(): Promise<MigrationReport>;
  /**
   * Checks every configured store for real (a query, a request) and reports each.
   * `signal` reaches every check; an aborted health check rejects with `ABORTED`
   * instead of reporting the stores it cut short as failing.
   */
  health(options?: CallOptions): Promise<HealthReport>;
  /** Removes what a crash between the steps of a multi-store write left behind. */
  reconcile(options?: ReconcileOptions): Promise<ReconcileReport>;
  /**
   * Releases what Pauz holds: destroys the Kysely instance it was given, unless
   * {@link PauzOptions.closeDb} is `false` (a host sharing its own instance closes it
   * itself). The stores and AI ports are the host's: an adapter holding connections
   * (an S3 client, say) is closed by whoever made it. Idempotent: a second call
   * returns the first call's promise. Call it after the HTTP server stopped taking
   * requests (`server.close()`), so no request is cut short; the instance is not
   * usable afterwards.
   *
   * @example
   * {@includeCode ../../../docs/snippets/api/core/pauz.1.ts}
   */
  close(): Promise<void>;
}

/**
 * The state of one store: `unchecked` when the store offers no check (it does not fail the report).
 *
 * @category Services
 */
export interface HealthCheck {
  /** `ok`, `error` (the store failed a real round trip), or `unchecked`. */
  status: 'ok' | 'error' | 'unchecked';
  /** Why the check failed. */
  detail?: string;
}

/**
 * What {@link Pauz.health} reports: `ok` only when every check is.
 *
 * @category Services
 */
export interface HealthReport {
  /** `ok` when no check is `error`. */
  status: 'ok' | 'error';
  /** One entry per store: `database`, `smartbucket:<name>` for each bucket, `pdfs`. */
  checks: Record<string, HealthCheck>;
}

const HEALTH_PROBE_KEY = 'pauz-health-probe';

async function runCheck(check: () => Promise<unknown>): Promise<HealthCheck> {
  try {
    await check();
    return { status: 'ok' };
  } catch (error) {
    return { status: 'error', detail: error instanceof Error ? error.message.slice(0, 200) : 'check failed' };
  }
}

function isFunction(value: unknown): boolean {
  return typeof value === 'function';
}

function validate<DB extends PauzTables>(options: PauzOptions<DB>): string[] {
  const problems: string[] = [];
  if (options === null || typeof options !== 'object') return ['options must be an object'];
  const db = options.db as unknown as Record<string, unknown> | undefined;
  if (db === undefined || db === null) problems.push('`db` is required: a Kysely instance (see @pauz/core/sqlite or @pauz/core/postgres)');
  else if (!isFunction(db.selectFrom) || !isFunction(db.transaction)) problems.push('`db` must be a Kysely instance');
  const buckets = options.buckets as unknown as Record<string, Record<string, unknown> | undefined> | undefined;
  if (buckets === undefined || buckets === null) {
    problems.push('`buckets` is required: { hints, guidedJournals, audio } SmartBuckets (memoryBucket, fsBucket or the Raindrop adapters)');
  } else {
    for (const name of BUCKET_ROLES) {
      const bucket = buckets[name];
      if (bucket === undefined || ['put', 'get', 'head', 'delete', 'list'].some((m) => !isFunction(bucket[m]))) {
        problems.push(`\`buckets.${name}\` must be a SmartBucket (put, get, head, delete, list)`);
      }
    }
  }
  const pdfs = options.pdfs as unknown as Record<string, unknown> | undefined;
  if (pdfs === undefined || pdfs === null) problems.push('`pdfs` is required: a PdfStore (s3PdfStore, vultrPdfStore, fsPdfStore or memoryPdfStore)');
  else if (['put', 'url', 'delete'].some((m) => !isFunction(pdfs[m]))) problems.push('`pdfs` must be a PdfStore (put, url, delete)');
  const writer = options.writer as unknown as Record<string, unknown> | undefined;
  if (writer !== undefined && ['hint', 'guidedPrompts', 'reflect'].some((m) => !isFunction(writer[m]))) {
    problems.push('`writer` must have hint(), guidedPrompts() and reflect()');
  }
  const transcriber = options.transcriber as unknown as Record<string, unknown> | undefined;
  if (transcriber !== undefined && !isFunction(transcriber.transcribe)) problems.push('`transcriber` must have transcribe()');
  const hasher = options.passwordHasher as unknown as Record<string, unknown> | undefined;
  if (hasher !== undefined && (!isFunction(hasher.hash) || !isFunction(hasher.verify))) {
    problems.push('`passwordHasher` must have hash() and verify()');
  }
  if (options.clock !== undefined && !isFunction((options.clock as unknown as Record<string, unknown>).now)) {
    problems.push('`clock` must have now()');
  }
  if (options.ids !== undefined && !isFunction(options.ids)) problems.push('`ids` must be a function');
  if (options.closeDb !== undefined && typeof options.closeDb !== 'boolean') problems.push('`closeDb` must be a boolean');
  for (const [key, value] of Object.entries(options.limits ?? {})) {
    if (!(key in DEFAULT_LIMITS)) problems.push(`\`limits.${key}\` is not a known limit`);
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      problems.push(`\`limits.${key}\` must be a positive integer`);
    }
  }
  return problems;
}

/**
 * Builds a Pauz instance. Checks the whole configuration first and throws one
 * {@link PauzConfigError} listing every problem.
 *
 * @category Configuration
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/core/pauz.ts}
 */
export function createPauz<DB extends PauzTables>(options: PauzOptions<DB>): Pauz {
  const problems = validate(options);
  if (problems.length > 0) throw new PauzConfigError(problems);

  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const ctx: PauzContext = {
    db: pauzView(options.db),
    passwordHasher: gatedHasher(options.passwordHasher ?? scryptPasswordHasher(), limits.hashConcurrency, limits.hashQueue),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    limits,
    buckets: options.buckets,
    pdfs: options.pdfs,
    pdfOptions: options.pdf ?? {},
    writer: options.writer ?? localWriter(),
    transcriber: options.transcriber,
    logger: options.logger ?? consoleLogger,
  };
  const garden = Garden.create(ctx);
  const freeJournal = FreeJournal.create(ctx);
  const accounts = Accounts.create(ctx);
  const recordings = Recordings.create(ctx, freeJournal);
  const hints = Hints.create(ctx, freeJournal);
  const guidedJournals = GuidedJournals.create(ctx);
  const closeDb = options.closeDb ?? true;
  let closed: Promise<void> | undefined;
  return {
    accounts,
    freeJournal,
    garden,
    guidedJournals,
    hints,
    recordings,
    voice: Voice.create(ctx, freeJournal, recordings),
    reflections: Reflections.create(ctx, freeJournal, garden),
    exports: Exports.create(ctx, freeJournal, hints, guidedJournals),
    portability: Portability.create(ctx),
    pdfs: ctx.pdfs,
    stats: Stats.create(ctx, garden),
    search: Search.create(ctx),
    limits: Object.freeze({ ...ctx.limits }),
    db: ctx.db,
    migrate: () => migrateToLatest(ctx.db),
    async health(healthOptions = {}) {
      const { signal } = healthOptions;
      const pdfCheck = ctx.pdfs.check;
      const [database, pdfs, ...buckets] = await Promise.all([
        // Reading Pauz's own table also proves the migrations ran.
        runCheck(() => ctx.db.selectFrom('pauz_users').select('id').limit(1).execute()),
        pdfCheck === undefined ? Promise.resolve<HealthCheck>({ status: 'unchecked' }) : runCheck(() => pdfCheck.call(ctx.pdfs, { signal })),
        // Otherwise a head of a key no one writes: a real, bounded round trip to each bucket.
        // A bucket's own write check where it has one (a full disk still reads fine).
        ...BUCKET_ROLES.map((role) => {
          const bucket = ctx.buckets[role];
          return runCheck(() => (bucket.check === undefined ? bucket.head(HEALTH_PROBE_KEY, { signal }) : bucket.check({ signal })));
        }),
      ]);
      throwIfAborted(signal, 'Health check');
      const checks: Record<string, HealthCheck> = {
        database: database as HealthCheck,
        ...Object.fromEntries(BUCKET_ROLES.map((role, i) => [`smartbucket:${BUCKET_NAMES[role]}`, buckets[i] as HealthCheck])),
        pdfs: pdfs as HealthCheck,
      };
      const ok = Object.values(checks).every((c) => c.status !== 'error');
      return { status: ok ? 'ok' : 'error', checks };
    },
    reconcile: (reconcileOptions) => reconcile(ctx, reconcileOptions),
    close() {
      closed ??= closeDb ? ctx.db.destroy() : Promise.resolve();
      return closed;
    },
  };
}
