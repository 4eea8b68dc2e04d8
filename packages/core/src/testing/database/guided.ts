import { expect, it } from 'vitest';
import type { DatabaseHarness } from './fixture.js';
import { expectPauzError } from '../expect-code.js';
import { GUIDED_TOPICS } from '../../guided/topics.js';

const answers = [
  { promptId: 1, response: 'I slept eight hours three nights in a row.' },
  { promptId: 4, response: 'Too much coffee after lunch.' },
];

/** The key pattern of a journal document: per owner, per version, one object per write. */
export function journalKey(userId: string, journalId: string, version: number): RegExp {
  return new RegExp(`^users/${userId}/journal-${journalId}\\.v${version}\\.[0-9a-f]{8}\\.json$`);
}

export function guidedContract(h: () => DatabaseHarness): void {
  it('offers ten topics, each with nine prompts in three sections', async () => {
    const { pauz } = h();
    expect(pauz.guidedJournals.topics().map((t) => t.id)).toEqual([...GUIDED_TOPICS]);
    for (const topic of GUIDED_TOPICS) {
      const { prompts } = await pauz.guidedJournals.prompts({ topic });
      expect(prompts.map((p) => [p.id, p.section])).toEqual([[1, 1], [2, 1], [3, 1], [4, 2], [5, 2], [6, 2], [7, 3], [8, 3], [9, 3]]);
    }
    await expectPauzError(pauz.guidedJournals.prompts({ topic: 'weather' }), 'VALIDATION_FAILED');
  });

  it('keeps the complete document in the guided-journals bucket, under the owner', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'body', entries: answers });
    expect(journal).toMatchObject({ topic: 'body', version: 1, entries: answers });
    expect(journal.prompts).toHaveLength(9);
    const listing = await buckets.guidedJournals.inner.list({ prefix: `users/${user.id}/` });
    expect(listing.objects.map((o) => o.key)).toEqual([expect.stringMatching(journalKey(user.id, journal.id, 1))]);
    const stored = await (await buckets.guidedJournals.inner.get(listing.objects[0]?.key ?? ''))?.json<Record<string, unknown>>();
    expect(stored).toMatchObject({ id: journal.id, userId: user.id, topic: 'body', entries: answers });
    expect(await pauz.guidedJournals.get(user.id, journal.id)).toEqual(journal);
  });

  it('writes every update back to the bucket document, one object per journal', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'mind' });
    const updated = await pauz.guidedJournals.update(user.id, journal.id, { entries: answers, baseVersion: 1 });
    expect(updated).toMatchObject({ version: 2, entries: answers });
    const again = await pauz.guidedJournals.update(user.id, journal.id, { entries: [{ promptId: 9, response: 'No screens after ten.' }] });
    expect(again.version).toBe(3);
    const keys = (await buckets.guidedJournals.inner.list({ prefix: `users/${user.id}/` })).objects.map((o) => o.key);
    expect(keys).toEqual([expect.stringMatching(journalKey(user.id, journal.id, 3))]);
    const stored = await (await buckets.guidedJournals.inner.get(keys[0] ?? ''))?.json<{ entries: unknown }>();
    expect(stored?.entries).toEqual([{ promptId: 9, response: 'No screens after ten.' }]);
    expect((await pauz.guidedJournals.get(user.id, journal.id)).entries).toEqual(stored?.entries);
    const preview = (await pauz.guidedJournals.list(user.id)).items[0];
    expect(preview).toMatchObject({ id: journal.id, entryCount: 1, promptCount: 9, preview: 'No screens after ten.' });
  });

  it('reports stale updates as conflicts; of concurrent updates exactly one wins', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'joy' });
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((n) => pauz.guidedJournals.update(user.id, journal.id, { entries: [{ promptId: n, response: `device ${n}` }], baseVersion: 1 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('VERSION_CONFLICT');
    const error = await expectPauzError(pauz.guidedJournals.update(user.id, journal.id, { entries: [], baseVersion: 1 }), 'VERSION_CONFLICT');
    expect(error.details.currentVersion).toBe(2);
    const keys = (await buckets.guidedJournals.inner.list({ prefix: `users/${user.id}/` })).objects.map((o) => o.key);
    expect(keys).toEqual([expect.stringMatching(journalKey(user.id, journal.id, 2))]);
  });

  it('lists newest first, paged and by topic, from SQL without touching the bucket', async () => {
    const { pauz, newUser, buckets, clock } = h();
    const user = await newUser();
    const made: string[] = [];
    for (const topic of ['money', 'money', 'heart', 'money'] as const) {
      clock.advance(1000);
      made.push((await pauz.guidedJournals.create(user.id, { topic, entries: answers })).id);
    }
    buckets.guidedJournals.resetCalls();
    const first = await pauz.guidedJournals.list(user.id, { limit: 2 });
    const second = await pauz.guidedJournals.list(user.id, { limit: 2, cursor: first.nextCursor ?? '' });
    const money = await pauz.guidedJournals.list(user.id, { topic: 'money' });
    expect(buckets.guidedJournals.calls).toEqual({ put: 0, get: 0, head: 0, delete: 0, list: 0 });
    expect([...first.items, ...second.items].map((j) => j.id)).toEqual([...made].reverse());
    expect(second.nextCursor).toBeNull();
    expect(money.items.map((j) => j.topic)).toEqual(['money', 'money', 'money']);
    expect(first.items[0]).toMatchObject({ entryCount: 2, promptCount: 9, preview: answers[0]?.response });
    clock.set('2026-06-15T12:00:00Z');
  });

  it('refuses bad journals and stores nothing', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'growth' });
    buckets.guidedJournals.resetCalls();
    const bad = [
      { topic: 'weather' },
      { topic: 'growth', entries: [{ promptId: 10, response: 'x' }] },
      { topic: 'growth', entries: [{ promptId: 1, response: 'a' }, { promptId: 1, response: 'b' }] },
      { topic: 'growth', prompts: [{ id: 1, section: 1, text: 'only one' }] },
      { topic: 'growth', extra: 1 },
    ];
    for (const input of bad) await expectPauzError(pauz.guidedJournals.create(user.id, input as never), 'VALIDATION_FAILED');
    await expectPauzError(pauz.guidedJournals.update(user.id, journal.id, { entries: [{ promptId: 0, response: '' }] }), 'VALIDATION_FAILED');
    expect(buckets.guidedJournals.calls.put).toBe(0);
    expect((await pauz.guidedJournals.list(user.id)).items).toHaveLength(1);
  });

  it('deletes the document with the journal', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'family' });
    await pauz.guidedJournals.delete(user.id, journal.id);
    expect((await buckets.guidedJournals.inner.list({ prefix: `users/${user.id}/` })).objects).toEqual([]);
    await expectPauzError(pauz.guidedJournals.get(user.id, journal.id), 'NOT_FOUND');
    await expectPauzError(pauz.guidedJournals.delete(user.id, journal.id), 'NOT_FOUND');
  });

  it("never lets another user read, change, delete or list someone's journal", async () => {
    const { pauz, newUser, buckets } = h();
    const owner = await newUser();
    const intruder = await newUser();
    const journal = await pauz.guidedJournals.create(owner.id, { topic: 'romance', entries: answers });
    buckets.guidedJournals.resetCalls();
    const missing = crypto.randomUUID();
    for (const attempt of [
      (id: string) => pauz.guidedJournals.get(intruder.id, id),
      (id: string) => pauz.guidedJournals.update(intruder.id, id, { entries: [] }),
      (id: string) => pauz.guidedJournals.delete(intruder.id, id),
    ]) {
      const foreign = await expectPauzError(attempt(journal.id), 'NOT_FOUND');
      const absent = await expectPauzError(attempt(missing), 'NOT_FOUND');
      expect(foreign.message).toBe(absent.message);
    }
    expect((await pauz.guidedJournals.list(intruder.id)).items).toEqual([]);
    // The intruder's attempts never reached the owner's objects.
    expect(buckets.guidedJournals.calls).toEqual({ put: 0, get: 0, head: 0, delete: 0, list: 0 });
    expect(await pauz.guidedJournals.get(owner.id, journal.id)).toEqual(journal);
  });
}
