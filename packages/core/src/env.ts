/**
 * `createPauzFromEnv()`: a Pauz instance configured from environment variables.
 * Node only.
 * @module @pauz/core/env
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PauzDatabase } from './db/schema.js';
import { PauzConfigError } from './errors.js';
import { createPauz, type Pauz, type PauzOptions } from './pauz.js';
import { type PauzBuckets, pauzBuckets } from './storage/buckets.js';
import type { PdfStore } from './pdf-store/types.js';
import type { Transcriber, Writer } from './ai/types.js';

/**
 * The environment variables Pauz reads (see the README's configuration table).
 *
 * @category Configuration
 */
export type PauzEnv = Record<string, string | undefined>;

/**
 * Where the database lives, as parsed from `DATABASE_URL`.
 *
 * @category Configuration
 */
export type DatabaseLocation =
  | {
      /** A SQLite file or `:memory:` (a `sqlite:` URL). */
      dialect: 'sqlite';
      /** Path of the database file, or `:memory:`. */
      filename: string;
    }
  | {
      /** A PostgreSQL server (`postgres:` or `postgresql:` URL). */
      dialect: 'postgres';
      /** The URL as given, for `createPostgresDatabase`. */
      connectionString: string;
    };

/**
 * Variables required with `PAUZ_STORAGE=raindrop`.
 *
 * @category Configuration
 */
export const RAINDROP_VARIABLES = [
  'AI_API_KEY',
  'RAINDROP_ORG',
  'APPLICATION_NAME',
  'VULTR_ACCESS_KEY',
  'VULTR_SECRET_KEY',
  'VULTR_REGION',
  'VULTR_BUCKET_NAME',
] as const;

/**
 * A Pauz built from the environment, with what it was built from.
 *
 * @category Configuration
 */
export interface PauzFromEnv extends Pauz {
  /** `local` or `raindrop`, from `PAUZ_STORAGE`. */
  readonly storage: 'local' | 'raindrop';
  /** The directory local data lives in (`PAUZ_DATA_DIR`, default `./.pauz`), absolute. */
  readonly dataDir: string;
  /** The database in use. */
  readonly database: DatabaseLocation;
  /** Closes the database connection(s) it opened; idempotent (see {@link Pauz.close}). */
  close(): Promise<void>;
}

/**
 * Parses `DATABASE_URL`: `sqlite:///./relative.db`, `sqlite:////absolute.db`,
 * `sqlite::memory:`, or `postgres://…` / `postgresql://…`. Returns `null` when the
 * URL is none of these.
 *
 * @category Configuration
 */
export function parseDatabaseUrl(url: string): DatabaseLocation | null {
  if (url === 'sqlite::memory:') return { dialect: 'sqlite', filename: ':memory:' };
  if (url.startsWith('sqlite:///') && url.length > 'sqlite:///'.length) return { dialect: 'sqlite', filename: url.slice('sqlite:///'.length) };
  if (/^postgres(ql)?:\/\/./.test(url)) return { dialect: 'postgres', connectionString: url };
  return null;
}

async function openDatabase(location: DatabaseLocation): Promise<PauzDatabase> {
  if (location.dialect === 'postgres') {
    const { createPostgresDatabase } = await import('./postgres.js');
    return createPostgresDatabase({ connectionString: location.connectionString });
  }
  const { createSqliteDatabase } = await import('./sqlite.js');
  // Relative paths are relative to the working directory, as in the seed's sqlite:///./database.db.
  const filename = location.filename === ':memory:' ? ':memory:' : resolve(location.filename);
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true, mode: 0o700 });
  return createSqliteDatabase({ filename });
}

async function localBuckets(dataDir: string): Promise<PauzBuckets> {
  const { fsBucket } = await import('./local/fs-bucket.js');
  const root = resolve(dataDir, 'buckets');
  return pauzBuckets((name) => fsBucket({ root, name }));
}

async function raindropBuckets(value: (name: string) => string | undefined): Promise<PauzBuckets> {
  const { raindropRestBucket } = await import('./raindrop/bucket-rest.js');
  const common = {
    apiKey: value('AI_API_KEY') as string,
    applicationName: value('APPLICATION_NAME') as string,
    organization: value('RAINDROP_ORG') as string,
    ...(value('RAINDROP_APP_VERSION') === undefined ? {} : { version: value('RAINDROP_APP_VERSION') as string }),
    ...(value('RAINDROP_API_URL') === undefined ? {} : { baseUrl: value('RAINDROP_API_URL') as string }),
  };
  return pauzBuckets((bucket) => raindropRestBucket({ ...common, bucket }));
}

async function localPdfs(
  dataDir: string,
  value: (name: string) => string | undefined,
  publicBaseUrl: string | (() => string),
): Promise<PdfStore> {
  const { fsPdfStore } = await import('./local/fs-pdf-store.js');
  return fsPdfStore({ root: resolve(dataDir, 'pdfs'), publicBaseUrl, secret: value('PAUZ_LINK_SECRET') ?? persistentSecret(dataDir) });
}

/** A random link secret kept in the data directory, so links outlive a restart and every local process agrees. */
function persistentSecret(dataDir: string): string {
  const path = resolve(dataDir, 'link-secret');
  if (!existsSync(path)) {
    try {
      writeFileSync(path, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another process created it first; read theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(path, 'utf8').trim();
}

// Node keeps the AWS SDK store (keep-alive sockets, the SDK's retry modes); workers use
// `vultrFetchPdfStore` from `@pauz/core/s3-fetch` with the same variables.
async function vultrPdfs(env: PauzEnv): Promise<PdfStore> {
  const [{ vultrPdfStore }, { vultrPdfOptionsFromEnv }] = await Promise.all([import('./s3/vultr.js'), import('./s3/vultr-options.js')]);
  return vultrPdfStore(vultrPdfOptionsFromEnv(env));
}

async function transcriberFrom(value: (name: string) => string | undefined): Promise<Transcriber | undefined> {
  const baseUrl = value('PAUZ_TRANSCRIBE_URL');
  if (baseUrl === undefined) return undefined;
  const { openAiTranscriber } = await import('./openai/transcriber.js');
  const apiKey = value('PAUZ_TRANSCRIBE_API_KEY');
  return openAiTranscriber({ baseUrl, model: value('PAUZ_TRANSCRIBE_MODEL') ?? 'whisper-1', ...(apiKey === undefined ? {} : { apiKey }) });
}

async function writerFrom(value: (name: string) => string | undefined): Promise<Writer | undefined> {
  const baseUrl = value('PAUZ_LLM_URL');
  if (baseUrl === undefined) return undefined;
  const { openAiWriter } = await import('./openai/writer.js');
  const apiKey = value('PAUZ_LLM_API_KEY');
  return openAiWriter({ baseUrl, model: value('PAUZ_LLM_MODEL') ?? 'gpt-4o-mini', ...(apiKey === undefined ? {} : { apiKey }) });
}

/**
 * Options of {@link createPauzFromEnv}: overrides on top of what the environment says.
 *
 * @category Configuration
 */
export interface PauzFromEnvOptions extends Partial<Omit<PauzOptions, 'db' | 'closeDb' | 'buckets' | 'pdfs'>> {
  /**
   * Base URL of the API for local PDF download links; a function for servers that
   * learn their address on listen. Only used with `PAUZ_STORAGE=local`.
   *
   * @defaultValue `PAUZ_PUBLIC_URL`, else `http://<HOST>:<PORT>` (`HOST` default `127.0.0.1`, `PORT` default `3000`)
   */
  publicBaseUrl?: string | (() => string);
}

/**
 * Builds Pauz from environment variables, checking all of them first and throwing
 * one {@link PauzConfigError} that lists every missing or invalid variable.
 *
 * - `PAUZ_STORAGE` — `local` or `raindrop`; required, never guessed.
 * - `DATABASE_URL` — see {@link parseDatabaseUrl}; default a SQLite file
 *   `pauz.db` in `PAUZ_DATA_DIR`.
 * - `PAUZ_DATA_DIR` — local data directory, default `./.pauz`.
 * - `local`: filesystem buckets under `PAUZ_DATA_DIR/buckets`.
 * - `raindrop`: the SmartBucket REST API; every one of {@link RAINDROP_VARIABLES} is
 *   required, `RAINDROP_APP_VERSION` and `RAINDROP_API_URL` are optional.
 * - `PAUZ_PDF_URLS` — `presigned` (default) or `public`; `VULTR_ENDPOINT` overrides
 *   the region's endpoint.
 * - `local` PDFs: files under `PAUZ_DATA_DIR/pdfs`, links signed with
 *   `PAUZ_LINK_SECRET` (default: a random secret kept in `PAUZ_DATA_DIR/link-secret`)
 *   under `PAUZ_PUBLIC_URL` (default `http://HOST:PORT`).
 * - `PAUZ_TRANSCRIBE_URL` (+ `_API_KEY`, `_MODEL`, default `whisper-1`): an
 *   OpenAI-compatible transcriber; without it voice answers `NOT_CONFIGURED`.
 * - `PAUZ_LLM_URL` (+ `_API_KEY`, `_MODEL`, default `gpt-4o-mini`): an
 *   OpenAI-compatible writer; without it the offline `localWriter()`.
 *
 * `options` are passed to {@link createPauz} on top (a clock, limits, a hasher).
 *
 * @category Configuration
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/core/env.ts}
 */
export async function createPauzFromEnv(env: PauzEnv, options: PauzFromEnvOptions = {}): Promise<PauzFromEnv> {
  const { publicBaseUrl, ...overrides } = options;
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };

  const storage = value('PAUZ_STORAGE');
  if (storage === undefined) problems.push('PAUZ_STORAGE is required: `local` (filesystem under PAUZ_DATA_DIR) or `raindrop` (SmartBuckets + Vultr S3)');
  else if (storage !== 'local' && storage !== 'raindrop') problems.push(`PAUZ_STORAGE must be \`local\` or \`raindrop\`, not \`${storage}\``);
  if (storage === 'raindrop') {
    const missing = RAINDROP_VARIABLES.filter((name) => value(name) === undefined);
    if (missing.length > 0) problems.push(`PAUZ_STORAGE=raindrop needs ${missing.join(', ')}`);
  }

  const dataDir = resolve(value('PAUZ_DATA_DIR') ?? '.pauz');
  const databaseUrl = value('DATABASE_URL');
  const database: DatabaseLocation | null =
    databaseUrl === undefined ? { dialect: 'sqlite', filename: resolve(dataDir, 'pauz.db') } : parseDatabaseUrl(databaseUrl);
  if (database === null) problems.push('DATABASE_URL must be sqlite:///path/to/file.db, sqlite::memory: or postgres://user@host/db');

  const pdfUrls = value('PAUZ_PDF_URLS');
  if (pdfUrls !== undefined && pdfUrls !== 'presigned' && pdfUrls !== 'public') problems.push(`PAUZ_PDF_URLS must be \`presigned\` or \`public\`, not \`${pdfUrls}\``);
  for (const name of ['PAUZ_TRANSCRIBE_URL', 'PAUZ_LLM_URL', 'PAUZ_PUBLIC_URL', 'VULTR_ENDPOINT', 'RAINDROP_API_URL']) {
    const url = value(name);
    if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url)) problems.push(`${name} must be an http(s) URL`);
  }
  const linkSecret = value('PAUZ_LINK_SECRET');
  if (linkSecret !== undefined && linkSecret.length < 32) problems.push('PAUZ_LINK_SECRET must be at least 32 characters');

  if (problems.length > 0 || database === null) throw new PauzConfigError(problems);

  // Owner-only, whatever the umask: the data directory holds people's journals.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The adapters' modules load at once rather than one after another: each is a file
  // read and a compile, and together they were a sixth of a server's start.
  const steps = await Promise.allSettled([
    storage === 'raindrop' ? raindropBuckets(value) : localBuckets(dataDir),
    storage === 'raindrop'
      ? vultrPdfs(env)
      : localPdfs(dataDir, value, publicBaseUrl ?? value('PAUZ_PUBLIC_URL') ?? `http://${value('HOST') ?? '127.0.0.1'}:${value('PORT') ?? '3000'}`),
    transcriberFrom(value),
    writerFrom(value),
    import('./node.js'),
    openDatabase(database),
  ] as const);
  const [buckets, pdfs, transcriber, writer, hasher, opened] = steps;
  if (buckets.status === 'rejected' || pdfs.status === 'rejected' || transcriber.status === 'rejected' || writer.status === 'rejected' || hasher.status === 'rejected' || opened.status === 'rejected') {
    // Nothing left open: a database another step's failure made useless is closed first.
    if (opened.status === 'fulfilled') await opened.value.destroy();
    throw steps.find((step): step is PromiseRejectedResult => step.status === 'rejected')?.reason;
  }
  const db = opened.value;
  const { nodePasswordHasher } = hasher.value;
  let pauz: Pauz;
  try {
    pauz = createPauz({
      passwordHasher: nodePasswordHasher(),
      ...(transcriber.value === undefined ? {} : { transcriber: transcriber.value }),
      ...(writer.value === undefined ? {} : { writer: writer.value }),
      ...overrides,
      db,
      // The database is opened here, so `close()` ends it.
      closeDb: true,
      buckets: buckets.value,
      pdfs: pdfs.value,
    });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { ...pauz, storage: storage as 'local' | 'raindrop', dataDir, database };
}
