import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type D1DatabaseLike, raindropSqlDatabase } from '../../src/raindrop.js';
import { migrateToLatest, PAUZ_MIGRATION_TABLE } from '../../src/db/migrate.js';
import { PAUZ_MIGRATIONS } from '../../src/db/migrations.js';
import { harnessFor, type DatabaseHarness } from '../../src/testing/database/fixture.js';
import type { ScriptedTranscriber } from '../../src/testing/scripted-transcriber.js';
import { expectPauzError, makeWav } from '../../src/testing/index.js';
import { isPauzError } from '../../src/errors.js';
import { type OpenedD1, openD1 } from './miniflare.js';

// Every statement runs on workerd's real D1; these tests fire bursts of concurrent
// statements, so they use the asynchronous `fetched` binding (see miniflare.ts for
// why miniflare's synchronous proxy is not reliable for that).
const KNOWN = Object.keys(PAUZ_MIGRATIONS);

/** Every table of the database with its columns, as SQLite describes them. */
async function schemaOf(d1: OpenedD1): Promise<Record<string, string[]>> {
  const tables = await d1.fetched.prepare("select name, sql from sqlite_master where type = 'table' order by name").all<{ name: string; sql: string }>();
  const out: Record<string, string[]> = {};
  for (const { name } of tables.results ?? []) {
    const columns = await d1.fetched.prepare(`select name from pragma_table_info('${name}') order by cid`).all<{ name: string }>();
    out[name] = (columns.results ?? []).map((c) => c.name);
  }
  return out;
}

async function indexesOf(d1: OpenedD1): Promise<string[]> {
  const rows = await d1.fetched.prepare("select name from sqlite_master where type = 'index' and name like 'pauz_%' order by name").all<{ name: string }>();
  return (rows.results ?? []).map((r) => r.name);
}

describe('migrations on D1: one batch per migration', () => {
  let reference: { tables: Record<string, string[]>; indexes: string[] };
  beforeAll(async () => {
    const d1 = await openD1();
    try {
      expect((await migrateToLatest(raindropSqlDatabase(d1.fetched))).applied).toEqual(KNOWN);
      reference = { tables: await schemaOf(d1), indexes: await indexesOf(d1) };
    } finally {
      await d1.dispose();
    }
    expect(Object.keys(reference.tables)).toEqual(expect.arrayContaining(['pauz_users', 'pauz_recordings', PAUZ_MIGRATION_TABLE]));
    expect(reference.tables.pauz_login_failures).toContain('source');
    expect(reference.tables.pauz_users).toContain('deleting_at');
  });

  it.each([2, 4])('lets %i instances migrate the same D1 at once: all succeed, each migration applied once, schema whole', async (instances) => {
    let lostBatches = 0;
    for (let round = 0; round < 3; round++) {
      const d1 = await openD1();
      try {
        // Counts the batches D1 refused: the losers of the race, which must still succeed.
        const counting: D1DatabaseLike = {
          prepare: (query) => d1.fetched.prepare(query),
          batch: async (statements) => {
            try {
              return await d1.fetched.batch(statements);
            } catch (error) {
              lostBatches += 1;
              throw error;
            }
          },
        };
        // Separate Kysely instances (as separate isolates would have).
        const dbs = Array.from({ length: instances }, () => raindropSqlDatabase(counting));
        const reports = await Promise.all(dbs.map((db) => migrateToLatest(db)));
        const applied = reports.flatMap((r) => r.applied);
        expect([...applied].sort()).toEqual(KNOWN);
        expect(await schemaOf(d1)).toEqual(reference.tables);
        expect(await indexesOf(d1)).toEqual(reference.indexes);
        const rows = await d1.fetched.prepare(`select name from ${PAUZ_MIGRATION_TABLE} order by name`).all<{ name: string }>();
        expect((rows.results ?? []).map((r) => r.name)).toEqual(KNOWN);
        for (const db of dbs) expect((await migrateToLatest(db)).applied).toEqual([]);
      } finally {
        await d1.dispose();
      }
    }
    // The race did happen: some migration batches lost, and their callers went on.
    expect(lostBatches).toBeGreaterThan(0);
  });

  it('applies a migration whole or not at all: a failing statement leaves none of it', async () => {
    const d1 = await openD1();
    try {
      // 0002 creates pauz_guided_journals, then pauz_hints: a pauz_hints already there fails it midway.
      await d1.fetched.prepare('create table pauz_hints (x integer)').all();
      const db = raindropSqlDatabase(d1.fetched);
      const error = await migrateToLatest(db).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toBe('Pauz migration 2026_11_24_0002_bucket_index failed');
      const tables = Object.keys(await schemaOf(d1));
      expect(tables).toContain('pauz_users');
      expect(tables).not.toContain('pauz_guided_journals');
      expect(tables).not.toContain('pauz_recordings');
      const rows = await d1.fetched.prepare(`select name from ${PAUZ_MIGRATION_TABLE}`).all<{ name: string }>();
      expect((rows.results ?? []).map((r) => r.name)).toEqual([KNOWN[0]]);
      // Once the obstacle is gone, the rest applies.
      await d1.fetched.prepare('drop table pauz_hints').all();
      expect((await migrateToLatest(db)).applied).toEqual(KNOWN.slice(1));
      expect(await schemaOf(d1)).toEqual(reference.tables);
    } finally {
      await d1.dispose();
    }
  });

  it('refuses a database with a migration this version does not know', async () => {
    const d1 = await openD1();
    try {
      const db = raindropSqlDatabase(d1.fetched);
      await migrateToLatest(db);
      await d1.fetched.prepare(`insert into ${PAUZ_MIGRATION_TABLE} (name, timestamp) values ('2099_01_01_9999_future', 'x')`).all();
      await expect(migrateToLatest(db)).rejects.toThrow(/2099_01_01_9999_future .*unknown/);
    } finally {
      await d1.dispose();
    }
  });
});

describe('Pauz on D1: races and deletion', () => {
  let d1: OpenedD1;
  let db: Kysely<any>;
  let h: DatabaseHarness;
  beforeAll(async () => {
    d1 = await openD1();
    db = raindropSqlDatabase(d1.fetched);
    h = harnessFor(db);
    await h.pauz.migrate();
  });
  afterAll(() => d1.dispose());

  it('lets exactly one of concurrent saves with the same baseVersion win', async () => {
    const { pauz, newUser } = h;
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    const base = (await pauz.freeJournal.save(user.id, session.id, { content: 'v2' })).version;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => pauz.freeJournal.save(user.id, session.id, { content: `writer ${i}`, baseVersion: base })),
    );
    const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const reason of lost) expect(isPauzError(reason, 'VERSION_CONFLICT')).toBe(true);
    const after = await pauz.freeJournal.get(user.id, session.id);
    expect(after).toMatchObject({ version: base + 1, content: won[0]?.content });
  });

  it('claims a recording and appends its transcript exactly once across concurrent retries and writes', async () => {
    const { pauz, newUser } = h;
    const transcriber = h.transcriber as ScriptedTranscriber;
    transcriber.mode = 'ok';
    transcriber.text = 'Spoken once.';
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    // Full session: the transcript is kept on the failed recording, the session untouched.
    await pauz.freeJournal.save(user.id, session.id, { content: 'x'.repeat(pauz.limits.contentChars - 5) });
    const error = await expectPauzError(pauz.voice.record(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) }), 'VALIDATION_FAILED');
    const recordingId = String(error.details.recordingId);
    expect(await pauz.recordings.get(user.id, session.id, recordingId)).toMatchObject({ status: 'failed', transcript: 'Spoken once.' });
    expect((await pauz.freeJournal.get(user.id, session.id)).version).toBe(2);

    await pauz.freeJournal.save(user.id, session.id, { content: 'Start.' });
    const calls = transcriber.calls.length;
    const [retries, appends] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => pauz.voice.retry(user.id, session.id, recordingId))),
      Promise.all(Array.from({ length: 4 }, (_, i) => pauz.freeJournal.append(user.id, session.id, `other ${i}`))),
    ]);
    expect(transcriber.calls.length).toBe(calls);
    for (const r of retries) expect(r.recording).toMatchObject({ id: recordingId, status: 'transcribed', transcript: 'Spoken once.' });
    expect(appends).toHaveLength(4);
    const lines = (await pauz.freeJournal.get(user.id, session.id)).content.split('\n');
    expect(lines[0]).toBe('Start.');
    expect(lines.filter((l) => l === 'Spoken once.')).toHaveLength(1);
    expect([...lines].sort()).toEqual(['Spoken once.', 'Start.', 'other 0', 'other 1', 'other 2', 'other 3']);
    const final = await pauz.freeJournal.get(user.id, session.id);
    expect(final.version).toBe(3 + 1 + 4);
    // Nothing is left in the batch-only state.
    const states = await db.selectFrom('pauz_recordings').select('status').distinct().execute();
    for (const { status } of states) expect(['pending', 'transcribed', 'failed']).toContain(status);
    const stamps = await db.selectFrom('pauz_free_sessions').select('updated_at').where('updated_at', 'like', '~%').execute();
    expect(stamps).toEqual([]);
  });

  it('transcribes concurrent retries of a failed recording into one append', async () => {
    const { pauz, newUser } = h;
    const transcriber = h.transcriber as ScriptedTranscriber;
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    transcriber.mode = 'fail';
    const error = await expectPauzError(pauz.voice.record(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) }), 'TRANSCRIPTION_FAILED');
    transcriber.mode = 'ok';
    transcriber.text = 'Heard at last.';
    const results = await Promise.all(Array.from({ length: 8 }, () => pauz.voice.retry(user.id, session.id, String(error.details.recordingId))));
    for (const r of results) expect(r.recording.status).toBe('transcribed');
    expect(await pauz.freeJournal.get(user.id, session.id)).toMatchObject({ content: 'Heard at last.', version: 2 });
  });

  // D1 caps a row at about 2 MB, and a session row holds the text twice (content and
  // its folded search copy): 500,000 characters of CJK text (3 bytes each in UTF-8)
  // do not fit, 300,000 do. The TSDoc of raindropSqlDatabase() says so.
  it('fits sessions of limits.contentChars = 300,000 in any script, not 500,000 CJK characters', async () => {
    const { newUser } = h;
    const user = await newUser();
    const capped = harnessFor(db, { limits: { contentChars: 300_000 } }).pauz;
    const cjk = '漢'.repeat(300_000);
    const session = await capped.freeJournal.create(user.id);
    await capped.freeJournal.save(user.id, session.id, { content: cjk });
    expect((await capped.freeJournal.get(user.id, session.id)).content).toBe(cjk);
    const wide = await h.pauz.freeJournal.create(user.id);
    // Over D1's row limit: PAYLOAD_TOO_LARGE (413), nothing changed.
    await expectPauzError(h.pauz.freeJournal.save(user.id, wide.id, { content: '漢'.repeat(500_000) }), 'PAYLOAD_TOO_LARGE');
    expect((await h.pauz.freeJournal.get(user.id, wide.id)).version).toBe(1);
  });

  it('deletes an account leaving no row that names the user in any table', async () => {
    const { pauz, newUser } = h;
    const transcriber = h.transcriber as ScriptedTranscriber;
    transcriber.mode = 'ok';
    transcriber.text = 'A voice note.';
    const [user, other] = [await newUser(), await newUser()];
    for (const person of [user, other]) {
      const session = await pauz.freeJournal.create(person.id, { title: 'mine' });
      await pauz.freeJournal.save(person.id, session.id, { content: 'private words', hints: ['a hint'] });
      await pauz.voice.record(person.id, session.id, { audio: makeWav({ seconds: 0.1 }) });
      await pauz.reflections.reflect(person.id, session.id);
      await pauz.garden.add(person.id, { mood: 'happy' });
      await pauz.guidedJournals.create(person.id, { topic: 'heart', entries: [{ promptId: 5, response: 'Listen more.' }] });
      await pauz.exports.freeJournal(person.id, session.id);
      await expectPauzError(pauz.accounts.login({ email: person.email, password: 'wrong password!' }), 'INVALID_CREDENTIALS');
      await pauz.accounts.login({ email: person.email, password: 'correct horse battery' });
    }
    /** Rows, per table, with any column holding the user's id or email. */
    const naming = async (who: { id: string; email: string }): Promise<Record<string, number>> => {
      const found: Record<string, number> = {};
      const tables = await d1.fetched.prepare("select name from sqlite_master where type = 'table' and name like 'pauz_%'").all<{ name: string }>();
      for (const { name } of tables.results ?? []) {
        const columns = (await d1.fetched.prepare(`select name from pragma_table_info('${name}')`).all<{ name: string }>()).results ?? [];
        const where = columns.map((c) => `"${c.name}" in (?, ?)`).join(' or ');
        const counted = await d1.fetched
          .prepare(`select count(*) as n from "${name}" where ${where}`)
          .bind(...columns.flatMap(() => [who.id, who.email]))
          .all<{ n: number }>();
        const count = counted.results?.[0]?.n ?? 0;
        if (count > 0) found[name] = count;
      }
      return found;
    };
    const before = await naming(user);
    const otherBefore = await naming(other);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['pauz_users', 'pauz_tokens', 'pauz_free_sessions', 'pauz_hints', 'pauz_recordings', 'pauz_flowers', 'pauz_guided_journals']),
    );
    await pauz.accounts.delete(user.id);
    expect(await naming(user)).toEqual({});
    expect(await naming(other)).toEqual(otherBefore);
    expect((await pauz.freeJournal.list(other.id)).items).toHaveLength(1);
  });
});
