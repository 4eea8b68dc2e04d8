import { type Kysely, type MigrationResult, Migrator } from 'kysely';
import { PAUZ_MIGRATIONS } from './migrations.js';

/** Name of Pauz's own migration table, so Pauz can share a host's database. */
export const PAUZ_MIGRATION_TABLE = 'pauz_migrations';
/** Name of Pauz's own migration lock table. */
export const PAUZ_MIGRATION_LOCK_TABLE = 'pauz_migrations_lock';

/** What {@link migrateToLatest} did. */
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
 * Applies every pending Pauz migration. Safe to call on every start and from many
 * processes at once: applied migrations are skipped, and Kysely's migration lock
 * serialises concurrent runs. Throws when a migration fails (nothing is swallowed).
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new Error(`Pauz migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
