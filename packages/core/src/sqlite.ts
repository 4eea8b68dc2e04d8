/**
 * SQLite database factory for Pauz, on better-sqlite3.
 * @module
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { PauzTables } from './db/schema.js';

/** Options of {@link createSqliteDatabase}. */
export interface SqliteDatabaseOptions {
  /** Path of the database file, or `:memory:`. Ignored when `database` is given. */
  filename?: string;
  /** An open better-sqlite3 database to use instead of opening `filename`. */
  database?: Database.Database;
  /** How long a writer waits for a lock before failing, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens a SQLite database for Pauz: WAL journal (for files), foreign keys on, a
 * busy timeout so concurrent writers wait instead of failing. Close it with
 * `db.destroy()`. A host that keeps its own tables in the same file names them in
 * `DB` (`createSqliteDatabase<HostTables & PauzTables>(…)`) and uses the instance
 * for both.
 *
 * @example
 * ```ts
 * import { createSqliteDatabase } from '@pauz/core/sqlite';
 *
 * const db = createSqliteDatabase({ filename: './pauz.db' });
 * ```
 */
export function createSqliteDatabase<DB extends PauzTables = PauzTables>(options: SqliteDatabaseOptions = {}): Kysely<DB> {
  const database = options.database ?? new Database(options.filename ?? ':memory:');
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  database.pragma('foreign_keys = ON');
  if (!database.memory) {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
  }
  return new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
}
