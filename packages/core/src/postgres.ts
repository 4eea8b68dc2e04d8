/**
 * PostgreSQL database factory for Pauz, on node-postgres (`pg`).
 * @module @pauz/core/postgres
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { PauzTables } from './db/schema.js';

/**
 * Options of {@link createPostgresDatabase}.
 *
 * @category Database
 */
export interface PostgresDatabaseOptions {
  /**
   * `postgres://user:password@host:5432/database`. Ignored when `pool` is given.
   *
   * @remarks No default: without it `pg` connects as its `PG*` environment variables
   * (`PGHOST`, `PGDATABASE`, …) say, else to `localhost:5432`.
   */
  connectionString?: string;
  /**
   * An existing pg pool (the host's own) to use instead; Pauz then leaves its
   * size and settings alone.
   *
   * @remarks No default: without it Pauz creates a pool from `connectionString`.
   */
  pool?: pg.Pool;
  /**
   * Maximum pool size when Pauz creates the pool.
   *
   * @defaultValue `10`
   */
  max?: number;
  /**
   * Schema to put first on the search path of every connection Pauz opens, so Pauz's
   * tables can live in their own schema of a shared database.
   *
   * @defaultValue the server's own search path (usually `public`)
   */
  schema?: string;
}

/**
 * Opens a PostgreSQL connection pool for Pauz. Close it with `db.destroy()`. `DB`
 * names the tables the instance serves: Pauz's by default, or
 * `HostTables & PauzTables` for a host that shares the instance.
 *
 * @category Database
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/core/postgres.ts}
 */
export function createPostgresDatabase<DB extends PauzTables = PauzTables>(options: PostgresDatabaseOptions): Kysely<DB> {
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${quoteIdent(options.schema)},public` }),
    });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid PostgreSQL schema name: ${name}`);
  return name;
}
