import {
  type CompiledQuery,
  type CreateTableBuilder,
  type DatabaseConnection,
  Kysely,
  type Migration,
  type MigrationResult,
  Migrator,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely';
import { atomicCompiled } from './atomic.js';
import { d1BindingOf } from '../raindrop/d1.js';
import { PAUZ_MIGRATIONS } from './migrations.js';

/**
 * Name of Pauz's own migration table, so Pauz can share a host's database.
 *
 * @category Database
 */
export const PAUZ_MIGRATION_TABLE = 'pauz_migrations';
/**
 * Name of Pauz's own migration lock table.
 *
 * @category Database
 */
export const PAUZ_MIGRATION_LOCK_TABLE = 'pauz_migrations_lock';

/**
 * What {@link migrateToLatest} did.
 *
 * @category Database
 */
export interface MigrationReport {
  /** Names of the migrations applied by this call (empty when already up to date). */
  applied: string[];
}

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...PAUZ_MIGRATIONS }) },
    migrationTableName: PAUZ_MIGRATION_TABLE,
    migrationLockTableName: PAUZ_MIGRATION_LOCK_TABLE,
  });
}

/**
 * Whether `table` exists where this connection's unqualified names resolve (the
 * search path, or a host's `withSchema()`): a query of it, not introspection, which
 * lists the tables of every schema.
 */
async function tableResolves(db: Kysely<any>, table: string): Promise<boolean> {
  try {
    await db.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).execute();
    return true;
  } catch {
    // Any failure of that read means "not usable here"; the caller rethrows its own error.
    return false;
  }
}

/**
 * Creates `table` (where Pauz's own tables go) unless it is there. Kysely's migrator
 * creates its tables only when introspection finds none of that name, and on
 * PostgreSQL introspection lists every schema: a `pauz_migrations_lock` in another
 * schema of a shared database (another tenant, another test) made it skip the
 * creation and then fail on a table that does not exist here. Created beforehand,
 * with the columns Kysely gives them, the check no longer matters.
 */
async function ensureTable(db: Kysely<any>, create: CreateTableBuilder<string, never>, table: string): Promise<void> {
  try {
    await create.ifNotExists().execute();
  } catch (error) {
    // Two processes creating it at once: PostgreSQL's `if not exists` can still fail the loser.
    if (!(await tableResolves(db, table))) throw error;
  }
}

/** Creates the migrator's two tables where Pauz's tables go (see {@link ensureTable}). */
async function ensureMigrationTables(db: Kysely<any>): Promise<void> {
  await ensureTable(
    db,
    db.schema
      .createTable(PAUZ_MIGRATION_TABLE)
      .addColumn('name', 'varchar(255)', (col) => col.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (col) => col.notNull()),
    PAUZ_MIGRATION_TABLE,
  );
  await ensureTable(
    db,
    db.schema
      .createTable(PAUZ_MIGRATION_LOCK_TABLE)
      .addColumn('id', 'varchar(255)', (col) => col.notNull().primaryKey())
      .addColumn('is_locked', 'integer', (col) => col.notNull().defaultTo(0)),
    PAUZ_MIGRATION_LOCK_TABLE,
  );
}

/** True when the migration table lists exactly the migrations this version has. */
async function isCurrent(db: Kysely<any>): Promise<boolean> {
  let rows: { name: string }[];
  try {
    rows = await db.selectFrom(PAUZ_MIGRATION_TABLE).select('name').execute();
  } catch {
    // No migration table here yet (or not readable): the migrator creates it, or says why not.
    return false;
  }
  const known = Object.keys(PAUZ_MIGRATIONS);
  const applied = new Set(rows.map((row) => row.name));
  return applied.size === known.length && known.every((name) => applied.has(name));
}

/**
 * Applies every pending Pauz migration. Safe to call on every start and from many
 * processes at once: applied migrations are skipped, and Kysely's migration lock
 * serialises concurrent runs. Throws when a migration fails (nothing is swallowed).
 *
 * On D1 (`raindropSqlDatabase()`) Kysely's lock does nothing (SQLite's adapter has
 * none) and there are no interactive transactions, so each pending migration runs as
 * one `batch()` together with its `pauz_migrations` row: a migration is applied
 * whole or not at all, and of isolates migrating at once one applies it while the
 * others' batches fail on that row, read the table again and find it applied.
 *
 * @category Database
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  // Every start of a server calls this: when the database has exactly the migrations
  // this version knows, one read answers, without Kysely's migrator (its lock, and its
  // introspection of every table). Anything else (a new database, a pending or an
  // unknown migration) goes the migrator's way, which checks and reports it.
  if (await isCurrent(db)) return { applied: [] };
  await ensureMigrationTables(db);
  if (d1BindingOf(db) !== undefined) return migrateInBatches(db);
  const { error, results } = await migrator(db).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new Error(`Pauz migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

async function appliedMigrations(db: Kysely<any>): Promise<Set<string>> {
  const rows = await db.selectFrom(PAUZ_MIGRATION_TABLE).select('name').execute();
  return new Set(rows.map((row: { name: string }) => row.name));
}

/**
 * The D1 way (see {@link migrateToLatest}): per pending migration, in name order,
 * one atomic batch of its `pauz_migrations` row (first, so a second isolate's batch
 * fails at once) and its statements. Checks what Kysely's migrator checks: every
 * applied migration is known, and none is pending before the last applied one.
 */
async function migrateInBatches(db: Kysely<any>): Promise<MigrationReport> {
  const names = Object.keys(PAUZ_MIGRATIONS).sort();
  const done = await appliedMigrations(db);
  for (const name of done) {
    if (!(name in PAUZ_MIGRATIONS)) throw new Error(`Pauz migration ${name} was applied to this database but is unknown to this version of Pauz`);
  }
  const last = [...done].sort().at(-1);
  const early = names.find((name) => !done.has(name) && last !== undefined && name < last);
  if (early !== undefined) throw new Error(`Pauz migration ${early} is pending but sorts before ${last ?? ''}, which is applied`);
  const applied: string[] = [];
  for (const name of names) {
    if (done.has(name)) continue;
    const statements = await captureMigration(name, PAUZ_MIGRATIONS[name] as Migration);
    const row = db.insertInto(PAUZ_MIGRATION_TABLE).values({ name, timestamp: new Date().toISOString() }).compile();
    try {
      await atomicCompiled(db, [row, ...statements]);
      applied.push(name);
    } catch (error) {
      // Another isolate applied it meanwhile (its row made this batch fail, undone whole).
      if ((await appliedMigrations(db)).has(name)) continue;
      throw new Error(`Pauz migration ${name} failed`, { cause: error });
    }
  }
  return { applied };
}

/**
 * The statements `migration.up()` runs, compiled for SQLite but not executed, so they
 * can go into one batch. A migration that reads (a `select`) cannot be captured: what
 * it would read is not there until the batch runs; Pauz's migrations only write.
 */
async function captureMigration(name: string, migration: Migration): Promise<CompiledQuery[]> {
  const captured: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      if (query.query.kind === 'SelectQueryNode') {
        throw new Error(`Pauz migration ${name} reads the database; on D1 a migration must only write (it runs as one batch)`);
      }
      captured.push(query);
      return { rows: [] };
    },
    async *streamQuery(): AsyncIterableIterator<QueryResult<never>> {
      throw new Error(`Pauz migration ${name} streams a query; on D1 a migration must only write`);
    },
  };
  const recorder = new Kysely<any>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => ({
        init: async () => {},
        acquireConnection: async () => connection,
        beginTransaction: async () => {
          throw new Error(`Pauz migration ${name} opens a transaction; on D1 the whole migration is one batch already`);
        },
        commitTransaction: async () => {},
        rollbackTransaction: async () => {},
        releaseConnection: async () => {},
        destroy: async () => {},
      }),
      createQueryCompiler: () => new SqliteQueryCompiler(),
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
    },
  });
  await migration.up(recorder);
  return captured;
}
