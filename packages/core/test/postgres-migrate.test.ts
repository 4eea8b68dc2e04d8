import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, PAUZ_MIGRATION_LOCK_TABLE, PAUZ_MIGRATION_TABLE } from '../src/db/migrate.js';
import { openPostgresSchema, postgresSkipReason } from './postgres.js';

const skip = postgresSkipReason();

/** The schemas of the current database holding a table called `table`. */
async function schemasWith(db: Parameters<typeof migrateToLatest>[0], table: string): Promise<string[]> {
  const { rows } = await sql<{ schema: string }>`
    select table_schema as schema from information_schema.tables where table_name = ${table}`.execute(db);
  return rows.map((row) => row.schema);
}

describe.skipIf(skip !== false)('migrations on a PostgreSQL database shared by several schemas', () => {
  it("migrate a fresh schema while another schema already holds Pauz's migration tables", async () => {
    // Kysely's migrator looks its tables up by introspection, which lists every schema:
    // a tenant (or a test) migrated first made it skip creating them in the next one.
    const first = await openPostgresSchema();
    const second = await openPostgresSchema();
    try {
      await migrateToLatest(first.db);
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(second.db);
      const here = rows[0]?.schema ?? '';

      const report = await migrateToLatest(second.db);

      expect(report.applied.length).toBeGreaterThan(0);
      expect(await schemasWith(second.db, PAUZ_MIGRATION_TABLE)).toContain(here);
      expect(await schemasWith(second.db, PAUZ_MIGRATION_LOCK_TABLE)).toContain(here);
      expect(await schemasWith(second.db, 'pauz_users')).toContain(here);
      // Up to date now: a second run applies nothing.
      expect((await migrateToLatest(second.db)).applied).toEqual([]);
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('two processes migrating one fresh schema at once both succeed', async () => {
    const target = await openPostgresSchema();
    try {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(target.db);
      const schema = rows[0]?.schema ?? '';
      const { createPostgresDatabase } = await import('../src/postgres.js');
      const other = createPostgresDatabase({ connectionString: process.env.PAUZ_TEST_POSTGRES_URL, schema, max: 2 });
      try {
        const [a, b] = await Promise.all([migrateToLatest(target.db), migrateToLatest(other)]);
        expect([...a.applied, ...b.applied].sort()).toEqual([...new Set([...a.applied, ...b.applied])].sort());
        expect(a.applied.length + b.applied.length).toBeGreaterThan(0);
      } finally {
        await other.destroy();
      }
    } finally {
      await target.close();
    }
  });
});
