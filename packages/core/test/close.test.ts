import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createPauz, memoryBuckets, memoryPdfStore } from '../src/index.js';
import { createPostgresDatabase } from '../src/postgres.js';
import { createSqliteDatabase } from '../src/sqlite.js';
import { TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from '../src/testing/database/fixture.js';
import { POSTGRES_URL, postgresSkipReason } from './postgres.js';

/* `pauz.close()`: ends the database Pauz was given unless told not to; idempotent. */

const stores = () => ({
  buckets: memoryBuckets(),
  pdfs: memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1' }),
  passwordHasher: TEST_PASSWORD_HASHER,
});

describe('pauz.close()', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('closes the SQLite database it was given, once however often it is called', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pauz-close-'));
    dirs.push(dir);
    const database = new Database(join(dir, 'pauz.db'));
    const pauz = createPauz({ db: createSqliteDatabase({ database }), ...stores() });
    await pauz.migrate();
    await pauz.accounts.register({ email: 'ada@example.com', password: 'correct horse battery' });
    const first = pauz.close();
    expect(pauz.close()).toBe(first);
    await first;
    expect(database.open).toBe(false);
    await expect(pauz.close()).resolves.toBeUndefined();
    await expect(pauz.accounts.login({ email: 'ada@example.com', password: 'correct horse battery' })).rejects.toThrow();
  });

  it('leaves a shared Kysely instance open with closeDb: false', async () => {
    const db = createSqliteDatabase();
    const pauz = createPauz({ db, closeDb: false, ...stores() });
    await pauz.migrate();
    await pauz.close();
    await pauz.close();
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
    await db.destroy();
  });

  it('refuses a closeDb that is not a boolean', () => {
    expect(() => createPauz({ db: createSqliteDatabase(), closeDb: 'no' as never, ...stores() })).toThrow(/`closeDb` must be a boolean/);
  });

  // The pool is ended: a query afterwards fails, and further calls are harmless.
  it.skipIf(postgresSkipReason())('ends a PostgreSQL pool once, however often it is called', async () => {
    const db = createPostgresDatabase({ connectionString: POSTGRES_URL as string, max: 2 });
    const pauz = createPauz({ db, ...stores() });
    expect((await sql<{ one: number }>`select 1 as one`.execute(pauz.db)).rows).toEqual([{ one: 1 }]);
    await Promise.all([pauz.close(), pauz.close()]);
    await expect(pauz.close()).resolves.toBeUndefined();
    await expect(sql`select 1`.execute(pauz.db)).rejects.toThrow();
  });
});
