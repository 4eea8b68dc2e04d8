import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPauz } from './pauz.js';
import { memoryPdfStore } from './pdf-store/memory.js';
import { createSqliteDatabase } from './sqlite.js';
import { memoryBuckets } from './storage/memory.js';
import { TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from './testing/database/fixture.js';

/** A real database file whose `prepare` calls are recorded. */
function recordedDatabase(file: string): { database: Database.Database; prepared: string[] } {
  const database = new Database(file);
  const prepared: string[] = [];
  const prepare = database.prepare.bind(database);
  database.prepare = ((text: string) => {
    prepared.push(text);
    return prepare(text);
  }) as typeof database.prepare;
  return { database, prepared };
}

describe('createSqliteDatabase: prepared statements', () => {
  let dir: string;
  let db: Kysely<any> | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pauz-sqlite-cache-'));
  });
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares each statement of the hot path once, however often it runs', async () => {
    const { database, prepared } = recordedDatabase(join(dir, 'pauz.db'));
    db = createSqliteDatabase({ database });
    const pdfs = memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1' });
    const pauz = createPauz({ db, buckets: memoryBuckets(), pdfs, passwordHasher: TEST_PASSWORD_HASHER });
    await pauz.migrate();
    const { user, token } = await pauz.accounts.register({ email: 'ada@example.com', password: 'correct horse battery' });
    const session = await pauz.freeJournal.create(user.id);
    const round = async (i: number): Promise<void> => {
      expect((await pauz.accounts.authenticate(token))?.id).toBe(user.id);
      expect((await pauz.freeJournal.get(user.id, session.id)).version).toBe(i + 1);
      expect((await pauz.freeJournal.save(user.id, session.id, { content: `Take ${i}.` })).version).toBe(i + 2);
    };
    await round(0);
    const afterFirst = prepared.length;
    for (let i = 1; i <= 5; i++) await round(i);
    expect(prepared.length).toBe(afterFirst);
    expect((await pauz.freeJournal.get(user.id, session.id)).content).toBe('Take 5.');
  });

  it('keeps cached statements right across schema changes', async () => {
    db = createSqliteDatabase({ filename: join(dir, 'schema.db') });
    const all = async (): Promise<unknown[]> => (await sql`select * from notes order by id`.execute(db as Kysely<any>)).rows;
    await sql`create table notes (id integer primary key, body text)`.execute(db);
    await sql`insert into notes (body) values ('one')`.execute(db);
    expect(await all()).toEqual([{ id: 1, body: 'one' }]);
    // The same cached `select *` after a column was added…
    await sql`alter table notes add column mood text default 'calm'`.execute(db);
    expect(await all()).toEqual([{ id: 1, body: 'one', mood: 'calm' }]);
    // …and after the table was dropped and made again with other columns.
    await sql`drop table notes`.execute(db);
    await expect(all()).rejects.toThrow(/no such table/);
    await sql`create table notes (id integer primary key, title text, words integer)`.execute(db);
    await sql`insert into notes (title, words) values ('two', 2)`.execute(db);
    expect(await all()).toEqual([{ id: 1, title: 'two', words: 2 }]);
  });

  it('keeps at most statementCacheSize statements, dropping the least recently used', async () => {
    const { database, prepared } = recordedDatabase(join(dir, 'lru.db'));
    db = createSqliteDatabase({ database, statementCacheSize: 2 });
    const run = async (n: number): Promise<void> => {
      await sql.raw(`select ${n} as n`).execute(db as Kysely<any>);
    };
    await run(1);
    await run(2);
    await run(1); // 1 is now the most recent, 2 the least
    await run(3); // evicts 2
    const before = prepared.length;
    await run(1);
    await run(3);
    expect(prepared.length).toBe(before);
    await run(2);
    expect(prepared.length).toBe(before + 1);
  });

  it('prepares every query afresh with statementCacheSize 0', async () => {
    const { database, prepared } = recordedDatabase(join(dir, 'none.db'));
    db = createSqliteDatabase({ database, statementCacheSize: 0 });
    for (let i = 0; i < 3; i++) await sql`select 1 as one`.execute(db);
    expect(prepared.filter((text) => text === 'select 1 as one')).toHaveLength(3);
  });

  it('closes the database on destroy', async () => {
    const database = new Database(join(dir, 'close.db'));
    const closing = createSqliteDatabase({ database });
    await sql`select 1`.execute(closing);
    await closing.destroy();
    expect(database.open).toBe(false);
  });
});

describe('createSqliteDatabase: the file and its folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pauz-sqlite-dir-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates missing parent folders owner-only (0700) and the file 0600, then works', async () => {
    const filename = join(dir, 'sub', 'deeper', 'pauz.db');
    const db = createSqliteDatabase({ filename });
    try {
      expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
      expect(statSync(join(dir, 'sub')).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'sub', 'deeper')).mode & 0o777).toBe(0o700);
      expect(statSync(filename).mode & 0o777).toBe(0o600);
    } finally {
      await db.destroy();
    }
  });

  it('works with a relative path into a missing folder, and leaves an existing folder’s mode alone', async () => {
    const cwd = process.cwd();
    chmodSync(dir, 0o755);
    process.chdir(dir);
    try {
      const db = createSqliteDatabase({ filename: './sub/pauz.db' });
      await sql`create table t (x integer)`.execute(db);
      await db.destroy();
      expect(existsSync(join(dir, 'sub', 'pauz.db'))).toBe(true);
      expect(statSync(dir).mode & 0o777).toBe(0o755);
    } finally {
      process.chdir(cwd);
    }
  });

  it('creates nothing for :memory: and file: URIs', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await createSqliteDatabase({ filename: ':memory:' }).destroy();
      // A `file:` URI is SQLite's to read: no folder is made for it, so this one fails to open.
      expect(() => createSqliteDatabase({ filename: 'file:missing-folder/x.db' })).toThrow(/unable to open database file/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });
});
