import { expect, it } from 'vitest';
import type { DatabaseHarness } from './fixture.js';
import { expectPauzError } from '../expect-code.js';

const UNICODE =
  'Café naïve — “quotes” ‘single’ … Ελληνικά Кириллица 日本語の文章 한국어 العربية עברית 👩🏽‍💻🌻 e\u0301 \u{1F600}\n\tTabs and\r\nCRLF';

export function freeJournalContract(h: () => DatabaseHarness): void {
  it('creates an empty session at version 1 with a default title', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    expect(session).toMatchObject({ title: 'Untitled', content: '', wordCount: 0, mood: null, version: 1 });
    expect(session.createdAt).toBe('2026-06-15T12:00:00.000Z');
    expect(await pauz.freeJournal.get(user.id, session.id)).toEqual(session);
    const titled = await pauz.freeJournal.create(user.id, { title: '  Morning pages ' });
    expect(titled.title).toBe('Morning pages');
  });

  it('answers on this day: the same local day of earlier years, newest first, in the user’s time zone, 29 February on 28 February', async () => {
    const { pauz, newUser, clock } = h();
    const user = await newUser();
    const other = await newUser();
    const write = async (who: string, at: string, title: string): Promise<string> => {
      clock.set(at);
      return (await pauz.freeJournal.create(who, { title })).id;
    };
    // 14 March in Tokyo (UTC+9): 2025-03-13T20:00Z is already the 14th there, 2024-03-14T16:00Z the 15th.
    const lastYear = await write(user.id, '2025-03-13T20:00:00Z', 'last year');
    await write(user.id, '2024-03-14T16:00:00Z', 'the 15th in Tokyo');
    const twoYears = await write(user.id, '2024-03-14T01:00:00Z', 'two years ago');
    const tenYears = await write(user.id, '2016-03-14T03:00:00Z', 'ten years ago');
    await write(user.id, '2026-03-14T02:00:00Z', 'this year');
    await write(other.id, '2025-03-14T02:00:00Z', 'someone else');
    clock.set('2026-06-15T12:00:00Z');
    const found = await pauz.freeJournal.onThisDay(user.id, { tz: 'Asia/Tokyo', date: '2026-03-14' });
    expect(found.date).toBe('2026-03-14');
    expect(found.items.map((i) => [i.id, i.yearsAgo])).toEqual([
      [lastYear, 1],
      [twoYears, 2],
      [tenYears, 10],
    ]);
    expect(found.items[0]).toMatchObject({ title: 'last year', preview: '', wordCount: 0, mood: null });
    // In UTC the first one is the 13th.
    expect((await pauz.freeJournal.onThisDay(user.id, { tz: 'UTC', date: '2026-03-14' })).items.map((i) => i.title)).toEqual([
      'the 15th in Tokyo',
      'two years ago',
      'ten years ago',
    ]);
    // Leap day: written on 29 February 2024, shown on 28 February 2025 (no 29th), and on 29 February 2028.
    const leap = await write(user.id, '2024-02-29T12:00:00Z', 'leap day');
    clock.set('2026-06-15T12:00:00Z');
    expect((await pauz.freeJournal.onThisDay(user.id, { date: '2025-02-28' })).items.map((i) => [i.id, i.yearsAgo])).toEqual([[leap, 1]]);
    expect((await pauz.freeJournal.onThisDay(user.id, { date: '2028-02-28' })).items).toEqual([]);
    expect((await pauz.freeJournal.onThisDay(user.id, { date: '2028-02-29' })).items.map((i) => [i.id, i.yearsAgo])).toEqual([[leap, 4]]);
    // Today by default, in the asked time zone; nothing of another user.
    clock.set('2027-03-13T20:00:00Z');
    expect((await pauz.freeJournal.onThisDay(user.id, { tz: 'Asia/Tokyo' })).date).toBe('2027-03-14');
    expect((await pauz.freeJournal.onThisDay(other.id, { tz: 'UTC', date: '2026-03-14' })).items.map((i) => i.title)).toEqual(['someone else']);
    expect(await pauz.freeJournal.onThisDay((await newUser()).id)).toEqual({ date: '2027-03-13', items: [] });
    await expectPauzError(pauz.freeJournal.onThisDay(user.id, { tz: 'Mars/Olympus' }), 'VALIDATION_FAILED');
    await expectPauzError(pauz.freeJournal.onThisDay(user.id, { date: '2026-02-30' }), 'VALIDATION_FAILED');
  });

  it('saves content, counts words and bumps the version', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    clock.advance(60_000);
    const saved = await pauz.freeJournal.save(user.id, session.id, { content: 'I slept well, and woke early.', baseVersion: 1 });
    expect(saved).toMatchObject({ content: 'I slept well, and woke early.', wordCount: 6, version: 2 });
    expect(saved.updatedAt).toBe('2026-06-15T12:01:00.000Z');
    expect(saved.createdAt).toBe(session.createdAt);
    expect(await pauz.freeJournal.get(user.id, session.id)).toEqual(saved);
    const again = await pauz.freeJournal.save(user.id, session.id, { content: 'Rewritten.' });
    expect(again).toMatchObject({ content: 'Rewritten.', wordCount: 1, version: 3 });
  });

  it('saves empty content', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    await pauz.freeJournal.save(user.id, session.id, { content: 'something' });
    const emptied = await pauz.freeJournal.save(user.id, session.id, { content: '' });
    expect(emptied).toMatchObject({ content: '', wordCount: 0, version: 3 });
  });

  it('keeps Unicode text exactly, and counts words in any script', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id, { title: 'Ελληνικά 🌻' });
    const saved = await pauz.freeJournal.save(user.id, session.id, { content: UNICODE });
    const read = await pauz.freeJournal.get(user.id, session.id);
    expect(read.content).toBe(UNICODE);
    expect(read.title).toBe('Ελληνικά 🌻');
    expect(read.wordCount).toBe(saved.wordCount);
    expect(read.wordCount).toBeGreaterThan(12);
  });

  it('accepts limits.contentChars characters (500,000 by default) and refuses one more without changing anything', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    const max = pauz.limits.contentChars;
    const big = 'word '.repeat(max / 5);
    expect(big.length).toBe(max);
    const saved = await pauz.freeJournal.save(user.id, session.id, { content: big });
    expect(saved.wordCount).toBe(max / 5);
    expect((await pauz.freeJournal.get(user.id, session.id)).content).toBe(big);
    const error = await expectPauzError(pauz.freeJournal.save(user.id, session.id, { content: `${big}x` }), 'VALIDATION_FAILED');
    expect(error.errors[0]?.field).toBe('content');
    const after = await pauz.freeJournal.get(user.id, session.id);
    expect(after.version).toBe(saved.version);
    expect(after.content.length).toBe(max);
  });

  it('refuses malformed saves without changing anything', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    for (const bad of [{}, { content: 42 }, { content: 'x', baseVersion: 0 }, { content: 'x', baseVersion: 1.5 }, { content: 'a\u0000b' }, { content: 'x', extra: true }]) {
      await expectPauzError(pauz.freeJournal.save(user.id, session.id, bad as never), 'VALIDATION_FAILED');
    }
    expect(await pauz.freeJournal.get(user.id, session.id)).toEqual(session);
  });

  it('reports a stale baseVersion as a conflict carrying the current version', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    await pauz.freeJournal.save(user.id, session.id, { content: 'device A', baseVersion: 1 });
    const error = await expectPauzError(pauz.freeJournal.save(user.id, session.id, { content: 'device B', baseVersion: 1 }), 'VERSION_CONFLICT');
    expect(error.details.currentVersion).toBe(2);
    expect((await pauz.freeJournal.get(user.id, session.id)).content).toBe('device A');
  });

  it('lets exactly one of concurrent saves with the same baseVersion win', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => pauz.freeJournal.save(user.id, session.id, { content: `writer ${i}`, baseVersion: 1 })),
    );
    const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof pauz.freeJournal.save>>> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('VERSION_CONFLICT');
    const final = await pauz.freeJournal.get(user.id, session.id);
    expect(final.version).toBe(2);
    expect(final.content).toBe(won[0]?.value.content);
  });

  it('loses no write among concurrent saves without baseVersion', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    await Promise.all(Array.from({ length: 6 }, (_, i) => pauz.freeJournal.save(user.id, session.id, { content: `writer ${i}` })));
    expect((await pauz.freeJournal.get(user.id, session.id)).version).toBe(7);
  });

  it('lists newest first in pages that cover every session once', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-01T08:00:00Z');
    const user = await newUser();
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      created.push((await pauz.freeJournal.create(user.id, { title: `S${i}` })).id);
      if (i !== 3) clock.advance(3_600_000); // two sessions share a timestamp
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await pauz.freeJournal.list(user.id, { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((p) => p.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(7);
    expect(seen).toHaveLength(7);
    const titles = (await pauz.freeJournal.list(user.id, { limit: 100 })).items.map((p) => p.title);
    expect(titles[0]).toBe('S6');
    expect(titles[titles.length - 1]).toBe('S0');
    clock.set('2026-06-15T12:00:00Z');
  });

  it('lists previews, not whole texts', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    await pauz.freeJournal.save(user.id, session.id, { content: `First line\n\n${'lorem ipsum '.repeat(100)}` });
    const [item] = (await pauz.freeJournal.list(user.id)).items;
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty('content');
    expect(item?.preview.startsWith('First line lorem ipsum')).toBe(true);
    expect(item?.preview.length).toBeLessThanOrEqual(160);
    expect(item?.preview.endsWith('…')).toBe(true);
    expect(item?.wordCount).toBe(202);
  });

  it('filters by words through the search index, case- and accent-insensitively', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const a = await pauz.freeJournal.create(user.id, { title: 'Garden day' });
    const b = await pauz.freeJournal.create(user.id, { title: 'Work' });
    await pauz.freeJournal.save(user.id, b.id, { content: 'Deadline at 100% stress_level' });
    const c = await pauz.freeJournal.create(user.id, { title: 'Other' });
    await pauz.freeJournal.save(user.id, c.id, { content: 'Nothing 100 percent here' });
    const ids = async (q: string): Promise<string[]> => (await pauz.freeJournal.list(user.id, { q })).items.map((i) => i.id);
    expect(await ids('GARDEN')).toEqual([a.id]);
    expect(await ids('deadline')).toEqual([b.id]);
    // Every word must be there; punctuation separates words and matches nothing itself.
    expect((await ids('100%')).sort()).toEqual([b.id, c.id].sort());
    expect(await ids('100 percent')).toEqual([c.id]);
    expect(await ids('deadline_at')).toEqual([b.id]);
    expect(await ids('deadline percent')).toEqual([]);
    expect(await ids('stress_level')).toEqual([b.id]);
    expect(await ids('absent')).toEqual([]);
    expect(await ids('%%')).toEqual([]);
    const french = await pauz.freeJournal.create(user.id, { title: 'Émile à Paris' });
    await pauz.freeJournal.save(user.id, french.id, { content: 'Ça va. ÉTÉ chaud. Ελληνικά' });
    for (const q of ['Émile', 'émile', 'ÉMILE', 'été', 'ça', 'ελληνικά', 'emile', 'ete chaud']) expect(await ids(q), q).toEqual([french.id]);
  });

  it('filters by creation date range, inclusive', async () => {
    const { pauz, newUser, clock } = h();
    const user = await newUser();
    const made: Record<string, string> = {};
    for (const day of ['2026-03-01', '2026-03-02', '2026-03-03']) {
      clock.set(`${day}T23:30:00Z`);
      made[day] = (await pauz.freeJournal.create(user.id, { title: day })).id;
    }
    const titles = async (from?: string, to?: string): Promise<string[]> =>
      (await pauz.freeJournal.list(user.id, { ...(from ? { from } : {}), ...(to ? { to } : {}) })).items.map((i) => i.title);
    expect(await titles('2026-03-02', '2026-03-02')).toEqual(['2026-03-02']);
    expect(await titles('2026-03-02')).toEqual(['2026-03-03', '2026-03-02']);
    expect(await titles(undefined, '2026-03-01')).toEqual(['2026-03-01']);
    expect(await titles('2026-03-02T23:30:00Z', '2026-03-03T23:29:59Z')).toEqual(['2026-03-02']);
    // The ends of the calendar: bounds past 9999 or before 0000 (as UTC) are open, not empty.
    const all = ['2026-03-03', '2026-03-02', '2026-03-01'];
    expect(await titles('2026-03-01', '9999-12-31')).toEqual(all);
    expect(await titles(undefined, '9999-12-31T23:59:59.999Z')).toEqual(all);
    expect(await titles(undefined, '9999-12-31T23:00:00-05:00')).toEqual(all);
    expect(await titles('0000-01-01', '9999-12-31')).toEqual(all);
    expect(await titles('0000-01-01T00:30:00+01:00')).toEqual(all);
    expect(await titles('9999-12-31')).toEqual([]);
    expect(await titles('9999-12-31T23:30:00-05:00')).toEqual([]);
    expect(await titles(undefined, '0000-01-01')).toEqual([]);
    clock.set('2026-06-15T12:00:00Z');
  });

  it('refuses bad list queries', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    for (const bad of [{ limit: 0 }, { limit: 101 }, { cursor: 'garbage' }, { cursor: btoa('["a\\u0000","b"]') }, { from: '2026-02-30' }, { to: 'yesterday' }, { q: '' }, { sort: 'asc' }]) {
      await expectPauzError(pauz.freeJournal.list(user.id, bad as never), 'VALIDATION_FAILED');
    }
  });

  it('deletes a session with its reflection flower; flowers the user planted stay, unlinked', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    await pauz.freeJournal.save(user.id, session.id, { content: 'A sad and lonely day.' });
    await pauz.reflections.reflect(user.id, session.id);
    const planted = await pauz.garden.add(user.id, { mood: 'sad', sessionId: session.id });
    const unrelated = await pauz.garden.add(user.id, { mood: 'happy' });
    await pauz.freeJournal.delete(user.id, session.id);
    await expectPauzError(pauz.freeJournal.get(user.id, session.id), 'NOT_FOUND');
    const left = (await pauz.garden.list(user.id)).items;
    expect(left.map((f) => f.id).sort()).toEqual([planted.id, unrelated.id].sort());
    expect(left.find((f) => f.id === planted.id)?.sessionId).toBeNull();
    await expectPauzError(pauz.freeJournal.delete(user.id, session.id), 'NOT_FOUND');
  });

  it('treats ids that cannot exist as missing', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    for (const id of ['', 'x\u0000y', '../etc', crypto.randomUUID(), 'a'.repeat(300)]) {
      await expectPauzError(pauz.freeJournal.get(user.id, id), 'NOT_FOUND');
    }
  });
}
