/**
 * SQLite database factory for Pauz, on better-sqlite3.
 * @module @pauz/core/sqlite
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { PauzTables } from './db/schema.js';

/**
 * Options of {@link createSqliteDatabase}.
 *
 * @category Database
 */
export interface SqliteDatabaseOptions {
  /**
   * Path of the database file (missing parent directories are created, owner-only),
   * `:memory:`, or a `file:` URI (left to SQLite: nothing is created for it). Ignored when
   * `database` is given.
   *
   * @defaultValue `':memory:'` (a private in-memory database, gone on close)
   */
  filename?: string;
  /**
   * An open better-sqlite3 database to use instead of opening `filename`.
   *
   * @remarks No default: without it Pauz opens `filename` itself.
   */
  database?: Database.Database;
  /**
   * How long a writer waits for a lock before failing, in milliseconds.
   *
   * @defaultValue `5000`
   */
  busyTimeoutMs?: number;
  /**
   * How many prepared statements are kept for reuse, least recently used dropped
   * first; `0` prepares every query afresh.
   *
   * @defaultValue `DEFAULT_STATEMENT_CACHE_SIZE` (200)
   */
  statementCacheSize?: number;
}

/**
 * Prepared statements {@link createSqliteDatabase} keeps by default: every query
 * Pauz runs more than once fits, with room for a host's own.
 *
 * @category Database
 */
export const DEFAULT_STATEMENT_CACHE_SIZE = 200;

/**
 * The database as Kysely's SQLite driver sees it, with prepared statements kept per
 * SQL text (Kysely prepares every query afresh, which costs more than running it).
 * SQLite re-prepares a kept statement itself when the schema changed since, so
 * migrations need no flush. A statement still being iterated (a streamed select) is
 * not handed out twice: that query gets a fresh one.
 */
function cachingDatabase(database: Database.Database, size: number): SqliteDatabase {
  if (size <= 0) return database;
  const statements = new Map<string, Database.Statement>();
  return {
    close() {
      statements.clear();
      database.close();
    },
    prepare(sql) {
      const kept = statements.get(sql);
      if (kept !== undefined && !kept.busy) {
        // Most recently used last: a Map iterates in insertion order.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      if (kept === undefined) {
        statements.set(sql, statement);
        if (statements.size > size) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
  };
}

/**
 * Creates the database file with mode 0600 when it does not exist yet, so the file
 * and the `-wal` and `-shm` files SQLite creates beside it (which take its mode) are
 * readable by their owner only, whatever the umask. An existing file keeps its mode.
 * Missing parent directories are created owner-only (0700), like the buckets' and
 * the data directory of `createPauzFromEnv`; existing ones are left as they are.
 */
function createPrivately(filename: string): void {
  if (filename === ':memory:' || filename === '' || filename.startsWith('file:')) return;
  mkdirSync(dirname(filename), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(filename, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Opens a SQLite database for Pauz: WAL journal (for files), foreign keys on,
 * `secure_delete` on (deleted rows are overwritten with zeros, so a deleted
 * account's text and email do not linger in the file's free space; Pauz also
 * truncates the WAL after deleting an account), a busy timeout so concurrent
 * writers wait instead of failing, and prepared statements kept for reuse
 * ({@link SqliteDatabaseOptions.statementCacheSize}). A new database file is created with mode 0600.
 * A `database` given here gets the same settings; a host that opens its own
 * connection some other way should set `PRAGMA secure_delete = ON` on it (see
 * docs/storage.md). Close it with
 * `db.destroy()`. A host that keeps its own tables in the same file names them in
 * `DB` (`createSqliteDatabase<HostTables & PauzTables>(…)`) and uses the instance
 * for both.
 *
 * @category Database
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/core/sqlite.ts}
 */
export function createSqliteDatabase<DB extends PauzTables = PauzTables>(options: SqliteDatabaseOptions = {}): Kysely<DB> {
  if (options.database === undefined && options.filename !== undefined) createPrivately(options.filename);
  const database = options.database ?? new Database(options.filename ?? ':memory:');
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  database.pragma('foreign_keys = ON');
  database.pragma('secure_delete = ON');
  if (!database.memory) {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
  }
  const requested = options.statementCacheSize ?? DEFAULT_STATEMENT_CACHE_SIZE;
  const size = Number.isFinite(requested) ? Math.max(0, Math.floor(requested)) : DEFAULT_STATEMENT_CACHE_SIZE;
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingDatabase(database, size) }) });
}
