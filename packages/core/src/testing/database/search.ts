import { expect, it } from 'vitest';
import type { DatabaseHarness } from './fixture.js';
import { expectPauzError } from '../expect-code.js';
import { makeWav } from '../audio.js';
import type { ScriptedTranscriber } from '../scripted-transcriber.js';
import type { SearchQuery } from '../../search/search.js';

export function searchContract(h: () => DatabaseHarness): void {
  const find = async (userId: string, q: string, more: Omit<SearchQuery, 'q'> = {}) => (await h().pauz.search.query(userId, { q, ...more })).items;
  const ids = async (userId: string, q: string, more: Omit<SearchQuery, 'q'> = {}) => (await find(userId, q, more)).map((i) => i.id);
  const write = async (userId: string, title: string, content: string) => {
    const { pauz } = h();
    const session = await pauz.freeJournal.create(userId, { title });
    if (content !== '') await pauz.freeJournal.save(userId, session.id, { content });
    return session.id;
  };

  it('ranks an item holding every word above one holding some, and a title match above a body match', async () => {
    const user = await h().newUser();
    const some = await write(user.id, 'Notes', 'the river was cold, the river was loud, river river river');
    const every = await write(user.id, 'Notes', 'a walk by the river in the forest');
    const body = await write(user.id, 'Tuesday', 'I thought about the lighthouse');
    const title = await write(user.id, 'Lighthouse', 'nothing else to say');
    expect(await ids(user.id, 'river forest')).toEqual([every, some]);
    expect(await ids(user.id, 'lighthouse')).toEqual([title, body]);
    const scores = (await find(user.id, 'river forest')).map((i) => i.score);
    expect(scores[0]).toBeGreaterThan(scores[1] as number);
  });

  it('matches words case- and accent-insensitively, in every script', async () => {
    const user = await h().newUser();
    const cafe = await write(user.id, 'Morning', 'Un café au lait, CRÈME brûlée');
    const greek = await write(user.id, 'ΟΔΟΣ', 'Ελληνικά γράμματα');
    const russian = await write(user.id, 'Дневник', 'Ёлка и МОСКВА');
    const turkish = await write(user.id, 'Günlük', 'İSTANBUL ve ılık hava');
    const german = await write(user.id, 'Straße', 'ﬁne Grüße');
    for (const q of ['cafe', 'CAFÉ', 'Café', 'creme', 'brulee']) expect(await ids(user.id, q), q).toEqual([cafe]);
    for (const q of ['οδος', 'οδός', 'ελληνικα', 'ΕΛΛΗΝΙΚΆ']) expect(await ids(user.id, q), q).toEqual([greek]);
    for (const q of ['елка', 'москва', 'ДНЕВНИК']) expect(await ids(user.id, q), q).toEqual([russian]);
    for (const q of ['istanbul', 'ILIK', 'günlük', 'gunluk']) expect(await ids(user.id, q), q).toEqual([turkish]);
    for (const q of ['strasse', 'STRASSE', 'fine', 'grusse']) expect(await ids(user.id, q), q).toEqual([german]);
    const [hit] = await find(user.id, 'cafe');
    expect(hit?.snippet).toContain('café');
  });

  it('finds Chinese, Japanese and Korean words as runs of characters', async () => {
    const user = await h().newUser();
    const tokyo = await write(user.id, '旅行', '東京タワーに行きました');
    const seoul = await write(user.id, '일기', '서울에서 친구를 만났다');
    expect(await ids(user.id, '東京')).toEqual([tokyo]);
    expect(await ids(user.id, 'タワー')).toEqual([tokyo]);
    expect(await ids(user.id, '京東')).toEqual([]);
    expect(await ids(user.id, '서울')).toEqual([seoul]);
    expect((await find(user.id, '東京'))[0]?.snippet).toContain('東京タワー');
  });

  it('answers the result fields of the spec, narrows by kind and pages without gaps or repeats', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(await write(user.id, `Day ${i}`, `pebble number ${i}`));
    const guided = await pauz.guidedJournals.create(user.id, { topic: 'joy', entries: [{ promptId: 1, response: 'A pebble on the beach' }] });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await pauz.search.query(user.id, { q: 'pebble', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(result.mode).toBe('text');
      expect(result.items.length).toBeLessThanOrEqual(2);
      seen.push(...result.items.map((i) => i.id));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...made, guided.id].sort());
    expect(await ids(user.id, 'pebble', { kind: 'guided' })).toEqual([guided.id]);
    expect((await ids(user.id, 'pebble', { kind: 'free' })).sort()).toEqual([...made].sort());
    const [g] = await find(user.id, 'beach');
    expect(g).toEqual({ kind: 'guided', id: guided.id, sessionId: null, title: 'joy', snippet: 'A pebble on the beach', score: expect.any(Number), createdAt: guided.createdAt, updatedAt: guided.updatedAt });
  });

  it('indexes hints (with their session) and transcripts appended by voice', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await write(user.id, 'Walk', 'Morning.');
    const saved = await pauz.freeJournal.save(user.id, session, { content: 'Morning.', hints: ['What did the heron say?'] });
    const [hint] = await find(user.id, 'heron');
    expect(hint).toMatchObject({ kind: 'hint', sessionId: session, title: 'Walk', snippet: 'What did the heron say?' });
    const transcriber = h().transcriber as ScriptedTranscriber;
    transcriber.mode = 'ok';
    transcriber.text = 'I walked by the marshland.';
    await pauz.voice.record(user.id, session, { audio: makeWav({ seconds: 0.2 }), contentType: 'audio/wav' });
    const [found] = await find(user.id, 'marshland');
    expect(found).toMatchObject({ kind: 'free', id: session });
    expect(found?.updatedAt).not.toMatch(/^~/);
    expect((found?.updatedAt ?? '') >= saved.updatedAt).toBe(true);
  });

  it('rejects an empty or too long q, and takes query syntax as plain words', async () => {
    const user = await h().newUser();
    await write(user.id, 'And so', 'star and stripes');
    for (const q of ['', '   ', 'x'.repeat(201)]) await expectPauzError(h().pauz.search.query(user.id, { q }), 'VALIDATION_FAILED');
    await expectPauzError(h().pauz.search.query(user.id, { q: 'a', cursor: 'garbage' }), 'VALIDATION_FAILED');
    await expectPauzError(h().pauz.search.query(user.id, { q: 'a', limit: 101 }), 'VALIDATION_FAILED');
    for (const q of ['"', '*', 'AND', 'OR NOT', 'star*', '"star', "st'ar", 'NEAR(star)', 'owner:x', ':', '\\', '(', "'", 'a & b | !c <-> d']) {
      await expect(h().pauz.search.query(user.id, { q }), q).resolves.toBeDefined();
    }
    expect((await find(user.id, 'AND')).length).toBe(1);
    expect((await find(user.id, '"star')).length).toBe(1);
  });

  it("never shows another user's writing, nor lets it change a score", async () => {
    const { newUser } = h();
    const alice = await newUser();
    const bob = await newUser();
    const own = await write(alice.id, 'Secret garden', 'the zebra crossing');
    const before = await find(alice.id, 'zebra garden');
    await write(bob.id, 'Secret garden', 'the zebra crossing zebra zebra');
    for (let i = 0; i < 5; i++) await write(bob.id, 'zebra', 'zebra garden');
    const after = await find(alice.id, 'zebra garden');
    expect(after.map((i) => i.id)).toEqual([own]);
    expect(after).toEqual(before);
    expect((await find(bob.id, 'zebra')).some((i) => i.id === own)).toBe(false);
  });

  it('removes deleted sessions, hints, guided journals and accounts from the index', async () => {
    const { pauz, newUser, db } = h();
    const user = await newUser();
    const session = await write(user.id, 'Gone', 'ephemeral words');
    await pauz.freeJournal.save(user.id, session, { content: 'ephemeral words', hints: ['an ephemeral hint'] });
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'mind', entries: [{ promptId: 1, response: 'ephemeral answer' }] });
    expect((await find(user.id, 'ephemeral')).length).toBe(3);
    await pauz.freeJournal.delete(user.id, session);
    expect(await ids(user.id, 'ephemeral')).toEqual([journal.id]);
    await pauz.guidedJournals.delete(user.id, journal.id);
    expect(await ids(user.id, 'ephemeral')).toEqual([]);
    await write(user.id, 'Again', 'ephemeral again');
    await pauz.accounts.delete(user.id);
    const rows = await db.selectFrom('pauz_search').select('id').where('user_id', '=', user.id).execute();
    expect(rows).toEqual([]);
    const pending = await db.selectFrom('pauz_search_pending').select('item_id').where('user_id', '=', user.id).execute();
    expect(pending).toEqual([]);
  });

  it('keeps the index in step with saves: old words go, new words come', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await write(user.id, 'Draft', 'albatross');
    expect(await ids(user.id, 'albatross')).toEqual([session]);
    await pauz.freeJournal.save(user.id, session, { content: 'pelican' });
    expect(await ids(user.id, 'albatross')).toEqual([]);
    expect(await ids(user.id, 'pelican')).toEqual([session]);
    // A save that loses its version check indexes nothing.
    await expectPauzError(pauz.freeJournal.save(user.id, session, { content: 'cormorant', baseVersion: 1 }), 'VERSION_CONFLICT');
    expect(await ids(user.id, 'cormorant')).toEqual([]);
    expect((await pauz.freeJournal.list(user.id, { q: 'PELICAN' })).items.map((i) => i.id)).toEqual([session]);
  });
}
