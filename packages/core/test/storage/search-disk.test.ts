import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPauz, type Pauz, type PauzTables } from '../../src/index.js';
import { createSqliteDatabase } from '../../src/sqlite.js';
import { memoryBuckets } from '../../src/storage/memory.js';
import { memoryPdfStore } from '../../src/pdf-store/memory.js';
import { TEST_PASSWORD_HASHER } from '../../src/testing/index.js';

/*
 * The search index is a copy of private text. On a real SQLite file: a word written
 * and then deleted (with its entry, or with the account) must leave no bytes in the
 * database file or its WAL. The control run turns FTS5's `secure-delete` off and
 * finds the word still there, so the check can fail.
 */

describe('search index on disk', () => {
  let dir: string;
  let db: Kysely<PauzTables>;
  let pauz: Pauz;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pauz-search-disk-'));
    db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
    pauz = createPauz({ db, buckets: memoryBuckets(), pdfs: memoryPdfStore({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1' }), passwordHasher: TEST_PASSWORD_HASHER });
    await pauz.migrate();
  });
  afterEach(async () => {
    await pauz.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Whether the database file or its WAL holds `word`: after a checkpoint of the
   * test's own, or (`checkpoint: false`) as Pauz left them — a deletion must not
   * leave the words in the WAL until SQLite happens to checkpoint (found by an
   * outside test).
   */
  async function onDisk(word: string, { checkpoint = true } = {}): Promise<boolean> {
    if (checkpoint) await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    const needle = Buffer.from(word, 'utf8');
    return ['pauz.db', 'pauz.db-wal'].some((file) => existsSync(join(dir, file)) && readFileSync(join(dir, file)).includes(needle));
  }

  /** A user with many entries (so the index has segments to merge) and one holding `word` in its title, content and a hint. */
  async function writeSecret(word: string): Promise<{ userId: string; sessionId: string }> {
    const { user } = await pauz.accounts.register({ email: `${crypto.randomUUID()}@example.com`, password: 'correct horse battery' });
    for (let i = 0; i < 20; i++) {
      const other = await pauz.freeJournal.create(user.id, { title: `day ${i}` });
      await pauz.freeJournal.save(user.id, other.id, { content: `ordinary words number ${i} and more` });
    }
    const session = await pauz.freeJournal.create(user.id, { title: `Title ${word}` });
    await pauz.freeJournal.save(user.id, session.id, { content: `private ${word} words`, hints: [`hint about ${word}`] });
    expect((await pauz.search.query(user.id, { q: word })).items.length).toBe(2);
    expect(await onDisk(word)).toBe(true);
    return { userId: user.id, sessionId: session.id };
  }

  it('deleting an entry leaves no trace of its words', async () => {
    const word = 'zqxsecretzebra';
    const { userId, sessionId } = await writeSecret(word);
    await pauz.freeJournal.delete(userId, sessionId);
    expect(await onDisk(word, { checkpoint: false })).toBe(false);
    expect((await pauz.search.query(userId, { q: word })).items).toEqual([]);
    expect(await onDisk(word)).toBe(false);
  });

  it('deleting a guided journal leaves no trace of its answers', async () => {
    const word = 'zqxsecretheron';
    const { user } = await pauz.accounts.register({ email: 'heron@example.com', password: 'correct horse battery' });
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'heart', entries: [{ promptId: 1, response: `an answer ${word}` }] });
    expect((await pauz.search.query(user.id, { q: word })).items.length).toBe(1);
    await pauz.guidedJournals.delete(user.id, journal.id);
    expect(await onDisk(word, { checkpoint: false })).toBe(false);
  });

  it('deleting an account leaves no trace of its words', async () => {
    const word = 'zqxsecretkoala';
    const { userId } = await writeSecret(word);
    await pauz.accounts.delete(userId);
    expect(await onDisk(word, { checkpoint: false })).toBe(false);
  });

  it('a save replacing a word leaves no trace of the old one', async () => {
    const word = 'zqxsecretlemur';
    const { user } = await pauz.accounts.register({ email: 'lemur@example.com', password: 'correct horse battery' });
    const session = await pauz.freeJournal.create(user.id, { title: 'Draft' });
    await pauz.freeJournal.save(user.id, session.id, { content: `private ${word} words` });
    expect(await onDisk(word)).toBe(true);
    await pauz.freeJournal.save(user.id, session.id, { content: 'nothing left' });
    expect((await pauz.search.query(user.id, { q: word })).items).toEqual([]);
    expect(await onDisk(word)).toBe(false);
  });

  it('control: without FTS5 secure-delete the deleted word stays in the file', async () => {
    await sql`insert into pauz_search_fts (pauz_search_fts, rank) values ('secure-delete', 0)`.execute(db);
    const word = 'zqxsecretotter';
    const { userId, sessionId } = await writeSecret(word);
    await pauz.freeJournal.delete(userId, sessionId);
    expect((await pauz.search.query(userId, { q: word })).items).toEqual([]);
    expect(await onDisk(word)).toBe(true);
  });
});
