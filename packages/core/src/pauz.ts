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
import type { PdfStore } from './pdf-store/types.js';
import type { RenderJournalPdfOptions } from './pdf/render.js';
import { BUCKET_NAMES, BUCKET_ROLES, type PauzBuckets } from './storage/buckets.js';
import { reconcile, type ReconcileOptions, type ReconcileReport } from './storage/reconcile.js';

/**
 * What {@link createPauz} needs: a database, the three buckets and a PDF store; the
 * rest has defaults. `DB` is the database type of the Kysely instance passed as `db`;
 * it is inferred, and must include {@link PauzTables}.
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
  /** How PDFs are rendered: the host's own fonts (for CJK, say), page size, labels. */
  pdf?: RenderJournalPdfOptions;
  /** The AI that writes hints, guided prompts and reflections. Default: the offline `localWriter()`. */
  writer?: Writer;
  /**
   * Speech to text for voice journaling (`openAiTranscriber()` from `@pauz/core/openai`,
   * `raindropTranscriber()` from `@pauz/core/raindrop`). Without one, voice uploads
   * answer `NOT_CONFIGURED`.
   */
  transcriber?: Transcriber;
  /** Where clean-up failures and unexpected errors are logged. Default: `console.error`. */
  logger?: PauzLogger;
  /**
   * Password hashing. Default: portable scrypt with OWASP parameters. On Node pass
   * `nodePasswordHasher()` from `@pauz/core/node` (native, off the event loop).
   */
  passwordHasher?: PasswordHasher;
  /** Overrides of the default {@link PauzLimits}. */
  limits?: Partial<PauzLimits>;
  /** Time source; default the system clock. */
  clock?: Clock;
  /** Id generator; default random UUIDs. */
  ids?: IdGenerator;
}

/** A configured Pauz instance: the services, all scoped by the acting user's id. */
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
  /** PDF exports of both journal kinds. */
  readonly exports: Exports;
  /** The PDF store, which also serves its own signed links (`GET /files/pdf/…`). */
  readonly pdfs: PdfStore;
  /** Overview statistics. */
  readonly stats: Stats;
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
}

/** The state of one store: `unchecked` when the store offers no check (it does not fail the report). */
export interface HealthCheck {
  status: 'ok' | 'error' | 'unchecked';
  /** Why the check failed. */
  detail?: string;
}

/** What {@link Pauz.health} reports: `ok` only when every check is. */
export interface HealthReport {
  status: 'ok' | 'error';
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
  const garden = new Garden(ctx);
  const freeJournal = new FreeJournal(ctx);
  const accounts = new Accounts(ctx);
  const recordings = new Recordings(ctx, freeJournal);
  const hints = new Hints(ctx, freeJournal);
  const guidedJournals = new GuidedJournals(ctx);
  return {
    accounts,
    freeJournal,
    garden,
    guidedJournals,
    hints,
    recordings,
    voice: new Voice(ctx, freeJournal, recordings),
    reflections: new Reflections(ctx, freeJournal, garden),
    exports: new Exports(ctx, freeJournal, hints, guidedJournals),
    pdfs: ctx.pdfs,
    stats: new Stats(ctx, garden),
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
  };
}
