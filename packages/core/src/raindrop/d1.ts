import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type Dialect,
  type DialectAdapter,
  type Driver,
  Kysely,
  type KyselyPlugin,
  type QueryCompiler,
  type QueryResult,
  type SchemaMetadata,
  SqliteAdapter,
  type SqlBool,
  SqliteQueryCompiler,
  sql,
  type TableMetadata,
} from 'kysely';
import type { PauzTables } from '../db/schema.js';
import { PauzError } from '../errors.js';

/**
 * The result of a D1 statement, as far as Pauz reads it.
 *
 * @category Database
 */
export interface D1ResultLike<Row = Record<string, unknown>> {
  /** The rows (`[]` for a statement that returns none). */
  results?: Row[];
  /** Counters of the statement. */
  meta?: {
    /** Rows an `insert`, `update` or `delete` changed. */
    changes?: number;
    /** The rowid of the last inserted row. */
    last_row_id?: number;
  };
}

/**
 * A prepared D1 statement, as far as Pauz uses it: `bind()` then `all()`.
 *
 * @category Database
 */
export interface D1PreparedStatementLike {
  /** The statement with these values for its `?` placeholders. */
  bind(...values: unknown[]): D1PreparedStatementLike;
  /** Runs the statement and returns its rows and counters. */
  all<Row = Record<string, unknown>>(): Promise<D1ResultLike<Row>>;
}

/**
 * The structural subset of a Cloudflare D1 / Raindrop `sql_database` binding Pauz
 * uses (`env.PAUZ` inside a Raindrop service, or miniflare's `getD1Database()`), so
 * Pauz needs no `@cloudflare/workers-types`.
 *
 * @category Database
 */
export interface D1DatabaseLike {
  /** Prepares one statement with `?` placeholders. */
  prepare(query: string): D1PreparedStatementLike;
  /**
   * Runs the statements in order as one transaction: all of them or none. The only
   * atomic unit D1 offers (there is no `BEGIN`/`COMMIT` across calls).
   */
  batch<Row = Record<string, unknown>>(statements: D1PreparedStatementLike[]): Promise<D1ResultLike<Row>[]>;
}

/**
 * Options of {@link raindropSqlDatabase}.
 *
 * @category Database
 */
export interface RaindropSqlDatabaseOptions {
  /**
   * Kysely plugins for the instance (for example a host's own).
   *
   * @defaultValue `[]`
   */
  plugins?: KyselyPlugin[];
}

/** Where a D1 adapter keeps its binding: a registered symbol, so two copies of Pauz (ESM and CJS) agree. */
const BINDING = Symbol.for('@pauz/core/d1-binding');

/**
 * Kysely's SQLite adapter carrying the D1 binding, so code holding any Kysely built
 * on it (`withSchema()`, `withPlugin()`, a host's wider typing) can reach `batch()`
 * through `db.getExecutor().adapter` — see {@link d1BindingOf}. Migrations are not
 * locked through the adapter: Pauz migrates D1 one batch per migration instead.
 */
class D1Adapter extends SqliteAdapter {
  readonly [BINDING]: D1DatabaseLike;

  constructor(binding: D1DatabaseLike) {
    super();
    this[BINDING] = binding;
  }
}

/**
 * The D1 binding under `db` when it was opened with {@link raindropSqlDatabase}
 * (or any Kysely derived from such an instance), else `undefined`.
 * @internal
 */
export function d1BindingOf(db: Kysely<any>): D1DatabaseLike | undefined {
  const adapter = db.getExecutor().adapter as Partial<Record<typeof BINDING, D1DatabaseLike>>;
  return adapter[BINDING];
}

const NO_TRANSACTIONS =
  'D1 (Raindrop SQL) has no interactive transactions, so db.transaction() cannot run on it. ' +
  'Run the statements as one atomic batch instead: binding.batch([...]) (Pauz does this with its own atomic batches).';

/**
 * A value as D1 binds it: D1 takes strings, numbers, `null`, booleans and bytes, but
 * refuses `bigint` and `undefined`.
 */
function toD1Value(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`D1 cannot bind the integer ${value}: it is beyond ±2^53 (D1 has no bigint parameters)`);
    }
    return Number(value);
  }
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Bytes as bytes: D1 returns a BLOB column as an array of numbers (no other column value is an array). */
function fromD1Row(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (Array.isArray(value)) row[key] = Uint8Array.from(value as number[]);
  }
  return row;
}

/** Turns a compiled query into a D1 statement on `binding`. @internal */
export function d1Statement(binding: D1DatabaseLike, query: CompiledQuery): D1PreparedStatementLike {
  const statement = binding.prepare(query.sql);
  return query.parameters.length === 0 ? statement : statement.bind(...query.parameters.map(toD1Value));
}

/** Raw SQL (`sql\`…\`.execute(db)`) that writes rows, whose count is reported as for the builders. */
const RAW_WRITE = /^\s*(?:with\b[\s\S]*?\)\s*)?(?:insert|update|delete|replace)\b/i;

/** A D1 result as Kysely's query result: rows, and for writes the changed-row count and the inserted rowid. @internal */
export function d1QueryResult<Row>(query: CompiledQuery, result: D1ResultLike<Row>): QueryResult<Row> {
  const rows = (result.results ?? []).map((row) => fromD1Row(row as Record<string, unknown>)) as Row[];
  const kind = query.query.kind;
  const write =
    kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode' || (kind === 'RawNode' && RAW_WRITE.test(query.sql));
  if (!write) return { rows };
  const changes = result.meta?.changes ?? 0;
  const lastRowId = result.meta?.last_row_id;
  return {
    rows,
    numAffectedRows: BigInt(changes),
    ...((kind === 'InsertQueryNode' || /^\s*(?:insert|replace)\b/i.test(query.sql)) && typeof lastRowId === 'number' ? { insertId: BigInt(lastRowId) } : {}),
  };
}

/** D1's refusal of a row over its size limit (`SQLITE_TOOBIG`, "string or blob too big"). */
const TOO_BIG = /SQLITE_TOOBIG|string or blob too big/i;

/**
 * Runs a D1 call; a row over D1's size limit (~2 MB) becomes `PAYLOAD_TOO_LARGE`
 * (413: the statement, or the whole batch, changed nothing), every other error passes
 * as it is. The limit counts a row's bytes (a session's text and its search copy,
 * which NFC can make larger than the text), so `limits.contentChars` alone cannot
 * rule it out for every script. @internal
 */
export async function d1Call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && TOO_BIG.test(error.message)) {
      throw new PauzError('PAYLOAD_TOO_LARGE', 'This is larger than the database keeps in one row (D1: about 2 MB, the text and its search copy); nothing was saved', { cause: error });
    }
    throw error;
  }
}

class D1Connection implements DatabaseConnection {
  constructor(private readonly binding: D1DatabaseLike) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return d1QueryResult(query, await d1Call(() => d1Statement(this.binding, query).all<R>()));
  }

  // D1 has no cursors: the whole result arrives at once, handed on in chunks.
  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(query);
    const size = Math.max(1, Math.floor(chunkSize));
    for (let i = 0; i < rows.length; i += size) yield { rows: rows.slice(i, i + size) };
  }
}

class D1Driver implements Driver {
  readonly #connection: D1Connection;

  constructor(binding: D1DatabaseLike) {
    this.#connection = new D1Connection(binding);
  }

  async init(): Promise<void> {}

  // No connections to pool: every statement is a request to the binding.
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  async beginTransaction(): Promise<void> {
    throw new PauzError('INTERNAL', NO_TRANSACTIONS);
  }

  async commitTransaction(): Promise<void> {
    throw new PauzError('INTERNAL', NO_TRANSACTIONS);
  }

  async rollbackTransaction(): Promise<void> {
    // Reached only after beginTransaction refused: nothing was begun, nothing to undo.
  }

  async releaseConnection(): Promise<void> {}

  // The binding belongs to the runtime: nothing to close.
  async destroy(): Promise<void> {}
}

interface ColumnRow {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}

/**
 * Kysely's SQLite introspection without D1's own tables: D1 keeps internal tables
 * named `_cf_…` (`_cf_KV` on Cloudflare) that a worker may not read, and Kysely's
 * introspector reads the columns of every table in `sqlite_master` in one query.
 * Same metadata as Kysely's, one table at a time.
 */
class D1Introspector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    return [];
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    let query = this.db
      .selectFrom('sqlite_master')
      .select(['name', 'sql', 'type'])
      .where('type', 'in', ['table', 'view'])
      .where('name', 'not like', 'sqlite_%')
      .where(sql<SqlBool>`substr(name, 1, 4) != '_cf_'`)
      .orderBy('name');
    if (options.withInternalKyselyTables !== true) {
      query = query.where('name', '!=', DEFAULT_MIGRATION_TABLE).where('name', '!=', DEFAULT_MIGRATION_LOCK_TABLE);
    }
    const tables = (await query.execute()) as { name: string; sql: string | null; type: string }[];
    return Promise.all(
      tables.map(async ({ name, sql: definition, type }) => {
        const { rows: columns } = await sql<ColumnRow>`select cid, name, type, "notnull", dflt_value, pk from pragma_table_info(${name}) order by cid`.execute(this.db);
        // As Kysely: the column declared `autoincrement`, else a lone INTEGER PRIMARY KEY.
        let autoIncrement = definition
          ?.split(/[(),]/)
          .find((part) => part.toLowerCase().includes('autoincrement'))
          ?.trimStart()
          .split(/\s+/)[0]
          ?.replace(/["`]/g, '');
        const keys = columns.filter((c) => c.pk > 0);
        if (autoIncrement === undefined && keys.length === 1 && keys[0]?.type.toLowerCase() === 'integer') autoIncrement = keys[0].name;
        return {
          name,
          isView: type === 'view',
          columns: columns.map((c) => ({
            name: c.name,
            dataType: c.type,
            isNullable: !c.notnull,
            isAutoIncrementing: c.name === autoIncrement,
            hasDefaultValue: c.dflt_value != null,
            comment: undefined,
          })),
        };
      }),
    );
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

class D1Dialect implements Dialect {
  constructor(private readonly binding: D1DatabaseLike) {}

  createAdapter(): DialectAdapter {
    return new D1Adapter(this.binding);
  }

  createDriver(): Driver {
    return new D1Driver(this.binding);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new D1Introspector(db);
  }
}

/**
 * A Kysely instance on a Raindrop `sql_database` (D1-like SQLite) binding — `env.PAUZ`
 * inside a Raindrop service, or any Cloudflare D1 binding — for `createPauz({ db })`
 * and `migrateToLatest()`.
 *
 * Every query is one `prepare(sql).bind(...).all()`; writes report D1's
 * `meta.changes` as `numAffectedRows` and inserts `meta.last_row_id` as `insertId`.
 * `bigint` parameters are bound as numbers (beyond ±2^53 they are refused), `Date`
 * as its ISO string, and BLOB columns come back as `Uint8Array`.
 *
 * What D1 does not do, and what Pauz does instead:
 *
 * - **No interactive transactions**: `db.transaction()` throws. Pauz runs each of
 *   its multi-statement writes as one `batch()` (atomic on D1), with the
 *   conditions as SQL, so it is as correct here as on SQLite and PostgreSQL.
 *   A host's own multi-statement writes must do the same (`binding.batch()`).
 * - **Migrations**: `migrateToLatest()` applies each pending migration as one batch
 *   together with its `pauz_migrations` row, so isolates migrating at once cannot
 *   leave a half-migrated database.
 * - **At most 100 bound parameters per statement**: Pauz's own queries stay below.
 * - **About 2 MB per row**: a free-journal session row holds its text twice (the
 *   content and its folded search copy), so the default `limits.contentChars`
 *   (500,000) fits Latin text but not 500,000 CJK characters (3 bytes each in UTF-8;
 *   D1 answers `SQLITE_TOOBIG`). On D1 set `limits.contentChars` to 300,000 or less
 *   to fit any script.
 * - **No PRAGMAs** such as `secure_delete` or `wal_checkpoint`: after deleting an
 *   account Pauz removes every row of it, but what the platform's storage keeps of
 *   deleted pages (and for how long: D1's point-in-time recovery keeps history) is
 *   the platform's concern, not something Pauz can erase.
 *
 * @param binding - The D1 binding (`env.PAUZ`).
 * @category Database
 */
export function raindropSqlDatabase<DB extends PauzTables = PauzTables>(
  binding: D1DatabaseLike,
  options: RaindropSqlDatabaseOptions = {},
): Kysely<DB> {
  return new Kysely<DB>({ dialect: new D1Dialect(binding), plugins: options.plugins ?? [] });
}
