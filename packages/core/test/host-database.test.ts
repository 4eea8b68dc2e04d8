import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPauz, memoryBuckets, memoryPdfStore, type Pauz, type PauzTables } from '../src/index.js';
import { TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from '../src/testing/index.js';

/** The host app's own table, next to Pauz's in one database. */
interface HostTables {
  host_notes: { id: Generated<number>; user_id: string; body: string };
}

describe("Pauz inside the host's own database", () => {
  const dir = mkdtempSync(join(tmpdir(), 'pauz-host-db-'));
  // The host's one Kysely instance, typed with its tables and Pauz's.
  const db = new Kysely<HostTables & PauzTables>({ dialect: new SqliteDialect({ database: new Database(join(dir, 'host.db')) }) });
  let pauz: Pauz;

  beforeAll(async () => {
    await db.schema
      .createTable('host_notes')
      .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .execute();
    pauz = createPauz({
      db,
      buckets: memoryBuckets(),
      pdfs: memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1' }),
      passwordHasher: TEST_PASSWORD_HASHER,
    });
  });

  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("migrates next to the host's table without touching it", async () => {
    const report = await pauz.migrate();
    expect(report.applied.length).toBeGreaterThan(0);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).toContain('host_notes');
    expect(tables.filter((t) => !t.startsWith('pauz_'))).toEqual(['host_notes']);
    expect(pauz.db).toBe(db);
  });

  it("serves Pauz and the host's queries through the same instance", async () => {
    const { user } = await pauz.accounts.register({ email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' });
    const session = await pauz.freeJournal.create(user.id, { title: 'Morning pages' });
    await pauz.freeJournal.save(user.id, session.id, { content: 'Slept well.', baseVersion: session.version });
    await db.insertInto('host_notes').values({ user_id: user.id, body: 'VIP customer' }).execute();

    // One query over the host's table and Pauz's, typed from the host's database type.
    const rows = await db
      .selectFrom('host_notes')
      .innerJoin('pauz_users', 'pauz_users.id', 'host_notes.user_id')
      .innerJoin('pauz_free_sessions', 'pauz_free_sessions.user_id', 'pauz_users.id')
      .select(['host_notes.body', 'pauz_users.name', 'pauz_free_sessions.word_count'])
      .execute();
    expect(rows).toEqual([{ body: 'VIP customer', name: 'Ada', word_count: 2 }]);

    // A host transaction spans both.
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('host_notes').where('user_id', '=', user.id).execute();
      await trx.updateTable('pauz_users').set({ name: 'Ada L.' }).where('id', '=', user.id).execute();
    });
    expect((await pauz.accounts.get(user.id)).name).toBe('Ada L.');
    expect((await pauz.health()).checks.database?.status).toBe('ok');
  });
});
