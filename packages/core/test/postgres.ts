import pg from 'pg';
import { createPostgresDatabase } from '../src/postgres.js';
import type { OpenedDatabase } from '../src/testing/index.js';

/** The PostgreSQL the tests use: `PAUZ_TEST_POSTGRES_URL`, which CI must set. */
export const POSTGRES_URL = process.env.PAUZ_TEST_POSTGRES_URL;

/**
 * Why PostgreSQL tests are skipped, or `false` to run them. Under `CI=true` a missing
 * URL is an error, never a silent skip.
 */
export function postgresSkipReason(): string | false {
  if (POSTGRES_URL !== undefined && POSTGRES_URL !== '') return false;
  if (process.env.CI === 'true') {
    throw new Error('PAUZ_TEST_POSTGRES_URL must be set in CI: PostgreSQL tests may not be skipped');
  }
  const reason = 'PAUZ_TEST_POSTGRES_URL is not set';
  console.warn(`\n⚠ PostgreSQL tests skipped: ${reason}\n`);
  return reason;
}

/** Opens a fresh schema of its own in the test database, dropped on close. */
export async function openPostgresSchema(): Promise<OpenedDatabase> {
  const schema = `pauz_test_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = createPostgresDatabase({ connectionString: POSTGRES_URL, schema, max: 8 });
  return {
    db,
    close: async () => {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}
