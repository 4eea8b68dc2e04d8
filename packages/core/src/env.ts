/**
 * `createPauzFromEnv()`: a Pauz instance configured from environment variables.
 * Node only.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PauzDatabase } from './db/schema.js';
import { PauzConfigError } from './errors.js';
import { createPauz, type Pauz, type PauzOptions } from './pauz.js';
import { BUCKET_NAMES, type PauzBuckets } from './storage/buckets.js';

/** The environment variables Pauz reads (see the README's configuration table). */
export type PauzEnv = Record<string, string | undefined>;

/** Where the database lives, as parsed from `DATABASE_URL`. */
export type DatabaseLocation = { dialect: 'sqlite'; filename: string } | { dialect: 'postgres'; connectionString: string };

/** Variables required with `PAUZ_STORAGE=raindrop`. */
export const RAINDROP_VARIABLES = [
  'AI_API_KEY',
  'RAINDROP_ORG',
  'APPLICATION_NAME',
  'VULTR_ACCESS_KEY',
  'VULTR_SECRET_KEY',
  'VULTR_REGION',
  'VULTR_BUCKET_NAME',
] as const;

/** A Pauz built from the environment, with what it was built from. */
export interface PauzFromEnv extends Pauz {
  /** `local` or `raindrop`, from `PAUZ_STORAGE`. */
  readonly storage: 'local' | 'raindrop';
  /** The directory local data lives in (`PAUZ_DATA_DIR`, default `./.pauz`), absolute. */
  readonly dataDir: string;
  /** The database in use. */
  readonly database: DatabaseLocation;
  /** Closes the database connection(s). */
  close(): Promise<void>;
}

/**
 * Parses `DATABASE_URL`: `sqlite:///./relative.db`, `sqlite:////absolute.db`,
 * `sqlite::memory:`, or `postgres://…` / `postgresql://…`. Returns `null` when the
 * URL is none of these.
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
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  return createSqliteDatabase({ filename });
}

async function localBuckets(dataDir: string): Promise<PauzBuckets> {
  const { fsBucket } = await import('./local/fs-bucket.js');
  const root = resolve(dataDir, 'buckets');
  return {
    hints: fsBucket({ root, name: BUCKET_NAMES.hints }),
    guidedJournals: fsBucket({ root, name: BUCKET_NAMES.guidedJournals }),
    audio: fsBucket({ root, name: BUCKET_NAMES.audio }),
  };
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
  return {
    hints: raindropRestBucket({ ...common, bucket: BUCKET_NAMES.hints }),
    guidedJournals: raindropRestBucket({ ...common, bucket: BUCKET_NAMES.guidedJournals }),
    audio: raindropRestBucket({ ...common, bucket: BUCKET_NAMES.audio }),
  };
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
 * - `PAUZ_PDF_URLS` — `presigned` (default) or `public`.
 *
 * `overrides` are passed to {@link createPauz} on top (a clock, limits, a hasher).
 *
 * @example
 * ```ts
 * import { createPauzFromEnv } from '@pauz/core/env';
 * const pauz = await createPauzFromEnv(process.env);
 * await pauz.migrate();
 * ```
 */
export async function createPauzFromEnv(env: PauzEnv, overrides: Partial<Omit<PauzOptions, 'db' | 'buckets'>> = {}): Promise<PauzFromEnv> {
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

  if (problems.length > 0 || database === null) throw new PauzConfigError(problems);

  mkdirSync(dataDir, { recursive: true });
  const buckets = storage === 'raindrop' ? await raindropBuckets(value) : await localBuckets(dataDir);
  const db = await openDatabase(database);
  const { nodePasswordHasher } = await import('./node.js');
  let pauz: Pauz;
  try {
    pauz = createPauz({ passwordHasher: nodePasswordHasher(), ...overrides, db, buckets });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { ...pauz, storage: storage as 'local' | 'raindrop', dataDir, database, close: () => db.destroy() };
}
