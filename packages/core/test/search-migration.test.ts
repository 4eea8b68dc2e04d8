import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { PAUZ_MIGRATION_LOCK_TABLE, PAUZ_MIGRATION_TABLE } from '../src/db/migrate.js';
import { PAUZ_MIGRATIONS } from '../src/db/migrations.js';
import { createSqliteDatabase } from '../src/sqlite.js';
import { createPauz } from '../src/pauz.js';
import { memoryBuckets } from '../src/storage/memory.js';
import { memoryPdfStore } from '../src/pdf-store/memory.js';
import { TEST_PASSWORD_HASHER } from '../src/testing/database/fixture.js';
import { openPostgresSchema, postgresSkipReason } from './postgres.js';

const BEFORE_SEARCH = '2026_12_01_0004_resumable_deletion';
const T = '2026-01-02T03:04:05.000Z';

/** A database at the last migration before the search index, holding one session, guided journal and hint, and its buckets. */
async function seedBeforeSearch(db: Kysely<any>) {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...PAUZ_MIGRATIONS }) },
    migrationTableName: PAUZ_MIGRATION_TABLE,
    migrationLockTableName: PAUZ_MIGRATION_LOCK_TABLE,
  });
  const { error } = await migrator.migrateTo(BEFORE_SEARCH);
  if (error !== undefined) throw error;
  const buckets = memoryBuckets();
  const user = 'user-old';
  await db.insertInto('pauz_users').values({ id: user, email: 'old@example.com', name: 'Old', password_hash: null, created_at: T, updated_at: T }).execute();
  await db
    .insertInto('pauz_free_sessions')
    .values({ id: 's-old', user_id: user, title: 'Ancient Café', content: 'A walk by the fjord', search_text: '', word_count: 5, mood: null, version: 1, created_at: T, updated_at: T })
    .execute();
  const journalKey = `users/${user}/journal-g-old.v1.aaaa.json`;
  await buckets.guidedJournals.put(journalKey, JSON.stringify({ id: 'g-old', userId: user, topic: 'joy', prompts: [], entries: [{ promptId: 1, response: 'The glacier at dawn' }], version: 1, createdAt: T, updatedAt: T }));
  await db
    .insertInto('pauz_guided_journals')
    .values({ id: 'g-old', user_id: user, object_key: journalKey, topic: 'joy', preview: 'The glacier', entry_count: 1, prompt_count: 9, version: 1, created_at: T, updated_at: T })
    .execute();
  const hintKey = `users/${user}/hint-h-old.json`;
  await buckets.hints.put(hintKey, JSON.stringify({ id: 'h-old', userId: user, sessionId: 's-old', text: 'What did the tundra teach you?', source: 'writer', createdAt: T }));
  await db.insertInto('pauz_hints').values({ id: 'h-old', user_id: user, session_id: 's-old', object_key: hintKey, source: 'writer', created_at: T }).execute();
  return { buckets, user };
}

async function rebuilds(db: Kysely<any>): Promise<void> {
  const { buckets, user } = await seedBeforeSearch(db);
  const pauz = createPauz({ db, buckets, pdfs: memoryPdfStore({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1' }), passwordHasher: TEST_PASSWORD_HASHER, closeDb: false });
  expect((await pauz.migrate()).applied).toEqual(Object.keys(PAUZ_MIGRATIONS).filter((name) => name > BEFORE_SEARCH));
  const pending = await db.selectFrom('pauz_search_pending').select(['kind', 'item_id']).orderBy('kind').execute();
  expect(pending).toEqual([
    { kind: 'free', item_id: 's-old' },
    { kind: 'guided', item_id: 'g-old' },
    { kind: 'hint', item_id: 'h-old' },
  ]);
  // The first search indexes what the migration queued, from SQL and from the buckets.
  const ids = async (q: string) => (await pauz.search.query(user, { q })).items.map((i) => i.id);
  expect(await ids('cafe')).toEqual(['s-old']);
  expect(await ids('FJORD')).toEqual(['s-old']);
  expect(await ids('glacier')).toEqual(['g-old']);
  expect(await ids('tundra')).toEqual(['h-old']);
  expect(await db.selectFrom('pauz_search_pending').select('item_id').execute()).toEqual([]);
  expect((await pauz.freeJournal.list(user, { q: 'fjord' })).items.map((i) => i.id)).toEqual(['s-old']);
}

describe('migration 0005 rebuilds the search index of existing writing', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pauz-search-migrate-'));
    dirs.push(dir);
    const db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
    try {
      await rebuilds(db);
    } finally {
      await db.destroy();
    }
  });

  it('reconcile() indexes the queue of every user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pauz-search-migrate-'));
    dirs.push(dir);
    const db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
    try {
      const { buckets, user } = await seedBeforeSearch(db);
      const pauz = createPauz({ db, buckets, pdfs: memoryPdfStore({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1' }), passwordHasher: TEST_PASSWORD_HASHER, closeDb: false });
      await pauz.migrate();
      expect((await pauz.reconcile()).searchIndexed).toBe(3);
      expect((await pauz.search.query(user, { q: 'glacier tundra fjord' })).items).toHaveLength(3);
    } finally {
      await db.destroy();
    }
  });

  const skip = postgresSkipReason();
  it.skipIf(skip !== false)('on PostgreSQL', async () => {
    const opened = await openPostgresSchema();
    try {
      await rebuilds(opened.db);
    } finally {
      await opened.close();
    }
  });
});
