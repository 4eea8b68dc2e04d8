import { expect, it } from 'vitest';
import { type DatabaseHarness, TEST_PASSWORD_HASHER } from './fixture.js';
import { expectPauzError } from '../expect-code.js';
import { makeAudioSample, makeWav } from '../audio.js';
import { createPauz } from '../../pauz.js';
import { journalKey } from './guided.js';
import { localWriter } from '../../ai/local-writer.js';
import { objectKeys } from '../../storage/buckets.js';
import type { Writer } from '../../ai/types.js';

async function userObjects(h: DatabaseHarness, userId: string): Promise<string[]> {
  const keys: string[] = [];
  for (const bucket of Object.values(h.buckets)) {
    keys.push(...(await bucket.inner.list({ prefix: `users/${userId}/` })).objects.map((o) => `${bucket.name}:${o.key}`));
  }
  return keys.sort();
}

/** Hints, recordings, cascades, the multi-store write rule and reconcile(). */
export function objectsContract(h: () => DatabaseHarness): void {
  it('generates hints with the Writer, stores them in the hints bucket and lists them', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    const opening = await pauz.hints.generate(user.id, session.id);
    h().clock.advance(1000);
    expect(opening).toMatchObject({ sessionId: session.id, source: 'writer' });
    expect(opening.text.length).toBeGreaterThan(0);
    await pauz.freeJournal.save(user.id, session.id, { content: 'Work was stressful, my boss moved the deadline.' });
    const followUp = await pauz.hints.generate(user.id, session.id);
    expect(followUp.text).not.toBe(opening.text);
    const stored = await (await buckets.hints.inner.get(`users/${user.id}/hint-${followUp.id}.json`))?.json<Record<string, unknown>>();
    expect(stored).toMatchObject({ id: followUp.id, userId: user.id, sessionId: session.id, text: followUp.text, source: 'writer' });
    expect((await pauz.hints.list(user.id, session.id)).items).toEqual([opening, followUp]);
  });

  it('stores the hints a save carries, and none when the save fails', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    const saved = await pauz.freeJournal.save(user.id, session.id, { content: 'Hello', hints: ['What are you grateful for?'], baseVersion: 1 });
    expect(saved.version).toBe(2);
    const hints = (await pauz.hints.list(user.id, session.id)).items;
    expect(hints.map((x) => [x.text, x.source])).toEqual([['What are you grateful for?', 'client']]);
    await expectPauzError(pauz.freeJournal.save(user.id, session.id, { content: 'stale', hints: ['lost?'], baseVersion: 1 }), 'VERSION_CONFLICT');
    await expectPauzError(
      pauz.freeJournal.save(user.id, session.id, { content: 'x', hints: Array.from({ length: pauz.limits.hintsPerSave + 1 }, () => 'h') }),
      'VALIDATION_FAILED',
    );
    expect((await pauz.hints.list(user.id, session.id)).items).toEqual(hints);
  });

  it('stores recordings checked by their bytes, one object each', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    const wav = makeWav({ seconds: 0.2 });
    const first = await pauz.recordings.store(user.id, session.id, { audio: wav, contentType: 'audio/wav' });
    h().clock.advance(1000);
    const second = await pauz.recordings.store(user.id, session.id, { audio: makeAudioSample('webm'), contentType: 'audio/webm;codecs=opus' });
    expect(first).toMatchObject({ sessionId: session.id, contentType: 'audio/wav', size: wav.byteLength, status: 'pending', transcript: null });
    expect(second.contentType).toBe('audio/webm');
    const keys = (await buckets.audio.inner.list({ prefix: `users/${user.id}/` })).objects.map((o) => o.key);
    expect(keys.sort()).toEqual([`users/${user.id}/audio_${first.id}.wav`, `users/${user.id}/audio_${second.id}.webm`].sort());
    expect((await pauz.recordings.audio(user.id, session.id, first.id)).bytes).toEqual(wav);
    expect((await pauz.recordings.list(user.id, session.id)).items.map((r) => r.id)).toEqual([first.id, second.id]);
  });

  it('refuses audio that is empty, too large, not audio or not what it claims, storing nothing', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    buckets.audio.resetCalls();
    const wav = makeWav({ seconds: 0.1 });
    await expectPauzError(pauz.recordings.store(user.id, session.id, { audio: new Uint8Array(0) }), 'VALIDATION_FAILED');
    await expectPauzError(pauz.recordings.store(user.id, session.id, { audio: new TextEncoder().encode('#!/bin/sh\necho hi') }), 'UNSUPPORTED_MEDIA_TYPE');
    await expectPauzError(pauz.recordings.store(user.id, session.id, { audio: wav, contentType: 'audio/mpeg' }), 'UNSUPPORTED_MEDIA_TYPE');
    await expectPauzError(pauz.recordings.store(user.id, session.id, { audio: wav.slice(0, 6) }), 'UNSUPPORTED_MEDIA_TYPE');
    await expectPauzError(
      pauz.recordings.store(user.id, session.id, { audio: new Uint8Array(pauz.limits.audioBytes + 1) }),
      'PAYLOAD_TOO_LARGE',
    );
    expect(buckets.audio.calls.put).toBe(0);
    expect((await pauz.recordings.list(user.id, session.id)).items).toEqual([]);
  });

  it('deletes a session with its hints and recordings in the buckets', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    const kept = await pauz.freeJournal.create(user.id);
    await pauz.hints.generate(user.id, session.id);
    await pauz.recordings.store(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) });
    const keptHint = await pauz.hints.generate(user.id, kept.id);
    await pauz.freeJournal.delete(user.id, session.id);
    expect(await userObjects(h(), user.id)).toEqual([`hints:users/${user.id}/hint-${keptHint.id}.json`]);
    await expectPauzError(pauz.hints.list(user.id, session.id), 'NOT_FOUND');
  });

  it('keeps a session whole when a bucket fails during its deletion, so it can be retried', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    await pauz.hints.generate(user.id, session.id);
    buckets.hints.failNext('delete');
    await expectPauzError(pauz.freeJournal.delete(user.id, session.id), 'SMARTBUCKET_FAILED');
    expect((await pauz.hints.list(user.id, session.id)).items).toHaveLength(1);
    await pauz.freeJournal.delete(user.id, session.id);
    expect(await userObjects(h(), user.id)).toEqual([]);
  });

  it('deletes every object of an account in every bucket', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const other = await newUser();
    for (const id of [user.id, other.id]) {
      const session = await pauz.freeJournal.create(id);
      await pauz.hints.generate(id, session.id);
      await pauz.recordings.store(id, session.id, { audio: makeWav({ seconds: 0.1 }) });
      await pauz.guidedJournals.create(id, { topic: 'mission' });
    }
    await h().buckets.hints.inner.put(`users/${user.id}/hint-left-by-a-crash.json`, '{}');
    expect(await userObjects(h(), user.id)).toHaveLength(4);
    await pauz.accounts.delete(user.id);
    expect(await userObjects(h(), user.id)).toEqual([]);
    expect(await userObjects(h(), other.id)).toHaveLength(3);
    expect((await pauz.stats.overview(other.id)).guidedJournals).toBe(1);
  });

  it('leaves no object behind for writes racing an account deletion, answering NOT_FOUND', async () => {
    const { db, buckets, clock, newUser, pdfs } = h();
    const user = await newUser();
    const session = await h().pauz.freeJournal.create(user.id);
    // Held writes (at the Writer, or at the bucket put): each passed its checks before the deletion started.
    let entered = 0;
    const writerGates: Array<() => void> = [];
    const hold = () => new Promise<void>((resolve) => { entered += 1; writerGates.push(resolve); });
    const local = localWriter();
    const writer: Writer = {
      async hint(request) { await hold(); return local.hint(request); },
      guidedPrompts: (request) => local.guidedPrompts(request),
      reflect: (request) => local.reflect(request),
    };
    const audio = Object.create(buckets.audio) as typeof buckets.audio;
    audio.put = async (...args: Parameters<typeof buckets.audio.put>) => { await hold(); return buckets.audio.put(...args); };
    const guidedJournals = Object.create(buckets.guidedJournals) as typeof buckets.guidedJournals;
    guidedJournals.put = async (...args: Parameters<typeof buckets.guidedJournals.put>) => { await hold(); return buckets.guidedJournals.put(...args); };
    // The deletion is held after its sweep of the buckets and the PDF store, before its row batch.
    let swept!: () => void;
    const sweptNow = new Promise<void>((resolve) => { swept = resolve; });
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => { resume = resolve; });
    const heldPdfs = Object.create(pdfs) as typeof pdfs;
    heldPdfs.put = async (...args: Parameters<typeof pdfs.put>) => { await hold(); return pdfs.put(...args); };
    heldPdfs.delete = async (...args: Parameters<typeof pdfs.delete>) => { await pdfs.delete(...args); swept(); await resumed; };
    const racing = createPauz({ db, buckets: { ...buckets, audio, guidedJournals }, pdfs: heldPdfs, clock, passwordHasher: TEST_PASSWORD_HASHER, writer });
    const journal = await h().pauz.guidedJournals.create(user.id, { topic: 'mission' });
    const writes: Array<Promise<unknown>> = [
      ...Array.from({ length: 6 }, () => racing.hints.generate(user.id, session.id)),
      racing.guidedJournals.create(user.id, { topic: 'friends' }),
      racing.guidedJournals.create(user.id, { topic: 'money' }),
      racing.guidedJournals.update(user.id, journal.id, { entries: answersFor(2) }),
      racing.recordings.store(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) }),
      racing.recordings.store(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) }),
      racing.exports.freeJournal(user.id, session.id),
      racing.exports.guidedJournal(user.id, journal.id),
    ];
    const settled = writes.map((w) => w.then(() => 'stored', (error: unknown) => error));
    for (let i = 0; i < 2000 && entered < writes.length; i++) await new Promise((r) => setTimeout(r, 5));
    expect(entered).toBe(writes.length);
    const deletion = racing.accounts.delete(user.id);
    await sweptNow;
    // Half the writes land between the sweep and the row batch, half after the deletion.
    const gates = writerGates.splice(0);
    const mid = gates.filter((_, i) => i % 2 === 0);
    const late = gates.filter((_, i) => i % 2 === 1);
    for (const release of mid) release();
    await new Promise((r) => setTimeout(r, 50));
    resume();
    await deletion;
    for (const release of late) release();
    const outcomes = await Promise.all(settled);
    expect(await userObjects(h(), user.id)).toEqual([]);
    for (const key of [objectKeys.freeJournalPdf(user.id, session.id), objectKeys.guidedJournalPdf(user.id, journal.id)]) {
      expect(await pdfs.get?.(key), key).toBeNull();
    }
    for (const outcome of outcomes) {
      expect(outcome).not.toBe('stored');
      expect((outcome as { code?: string }).code).toBe('NOT_FOUND');
    }
    for (const table of ['pauz_hints', 'pauz_recordings', 'pauz_guided_journals'] as const) {
      expect(await db.selectFrom(table).select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    }
  });

  it('writes nothing for an account being deleted, and logs a clean-up that fails without hiding why', async () => {
    const { db, buckets, clock, newUser, pdfs } = h();
    const logged: Array<{ message: string; context: Record<string, unknown> }> = [];
    const pauz = createPauz({ db, buckets, pdfs, clock, passwordHasher: TEST_PASSWORD_HASHER, logger: { error: (message, context) => logged.push({ message, context }) } });
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'mission' });
    const before = await userObjects(h(), user.id);
    // The tombstone of a deletion that has started (its sweep may be running).
    await db.updateTable('pauz_users').set({ deleting_at: clock.now().toISOString() }).where('id', '=', user.id).execute();
    await expectPauzError(pauz.hints.generate(user.id, session.id), 'NOT_FOUND');
    await expectPauzError(pauz.recordings.store(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) }), 'NOT_FOUND');
    await expectPauzError(pauz.guidedJournals.create(user.id, { topic: 'friends' }), 'NOT_FOUND');
    await expectPauzError(pauz.guidedJournals.update(user.id, journal.id, { entries: answersFor(1) }), 'NOT_FOUND');
    await expectPauzError(pauz.freeJournal.save(user.id, session.id, { content: 'late', hints: ['a hint'] }), 'NOT_FOUND');
    expect(await userObjects(h(), user.id)).toEqual(before);
    expect(logged).toEqual([]);
    // The clean-up delete fails: logged with the key, and the caller still hears NOT_FOUND.
    buckets.hints.failNext('delete');
    await expectPauzError(pauz.hints.generate(user.id, session.id), 'NOT_FOUND');
    expect(logged).toHaveLength(1);
    const left = (await userObjects(h(), user.id)).filter((key) => !before.includes(key));
    expect(left).toHaveLength(1);
    expect(logged[0]?.context.keys).toEqual([left[0]?.replace('hints:', '')]);
    await pauz.accounts.delete(user.id);
    expect(await userObjects(h(), user.id)).toEqual([]);
  });

  it('saves the text of a save whose hints the bucket refuses, naming the hints not stored', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    buckets.hints.failNext('put');
    const failed = await expectPauzError(pauz.freeJournal.save(user.id, session.id, { content: 'kept!', hints: ['a', 'b'], baseVersion: 1 }), 'SMARTBUCKET_FAILED');
    expect(failed.details).toMatchObject({ savedVersion: 2, unsavedHints: ['a', 'b'] });
    expect(failed.message).toMatch(/^The content was saved \(version 2\), but 2 of its 2 hints could not be stored/);
    expect(await pauz.freeJournal.get(user.id, session.id)).toMatchObject({ content: 'kept!', version: 2 });
    expect((await pauz.hints.list(user.id, session.id)).items).toEqual([]);
    // The retry the error asks for stores them, once.
    await pauz.freeJournal.save(user.id, session.id, { content: 'kept!', hints: failed.details.unsavedHints as string[], baseVersion: 2 });
    expect((await pauz.hints.list(user.id, session.id)).items.map((x) => x.text).sort()).toEqual(['a', 'b']);
  });

  it('leaves no visible half-state when a bucket write fails', async () => {
    const { pauz, newUser, buckets } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    buckets.guidedJournals.failNext('put');
    await expectPauzError(pauz.guidedJournals.create(user.id, { topic: 'friends' }), 'SMARTBUCKET_FAILED');
    buckets.hints.failNext('put');
    await expectPauzError(pauz.hints.generate(user.id, session.id), 'SMARTBUCKET_FAILED');
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'friends' });
    buckets.guidedJournals.failNext('put');
    await expectPauzError(pauz.guidedJournals.update(user.id, journal.id, { entries: answersFor(3) }), 'SMARTBUCKET_FAILED');
    expect(await pauz.guidedJournals.get(user.id, journal.id)).toEqual(journal);
    expect((await pauz.guidedJournals.list(user.id)).items.map((j) => j.id)).toEqual([journal.id]);
    expect((await pauz.hints.list(user.id, session.id)).items).toEqual([]);
    const objects = await userObjects(h(), user.id);
    expect(objects).toHaveLength(1);
    expect(objects[0]?.replace('guided-journals:', '')).toMatch(journalKey(user.id, journal.id, 1));
  });

  it('removes the object again when the SQL step fails, and reconcile() clears what a crash left', async () => {
    const { db, buckets, newUser, clock, pauz } = h();
    const user = await newUser();
    // The SQL step fails: an id that already exists makes the index insert fail.
    const existing = await pauz.guidedJournals.create(user.id, { topic: 'money' });
    const clash = createPauz({ db, buckets, pdfs: h().pdfs, clock, passwordHasher: TEST_PASSWORD_HASHER, ids: () => existing.id });
    await expect(clash.guidedJournals.create(user.id, { topic: 'money' })).rejects.toThrow();
    const objects = await userObjects(h(), user.id);
    expect(objects).toHaveLength(1);
    expect(objects[0]?.replace('guided-journals:', '')).toMatch(journalKey(user.id, existing.id, 1));

    // A crash between the steps: an object without a row, and a row without an object.
    await buckets.guidedJournals.inner.put(`users/${user.id}/journal-crashed.v1.json`, '{}');
    const session = await pauz.freeJournal.create(user.id);
    const hint = await pauz.hints.generate(user.id, session.id);
    await buckets.hints.inner.delete(`users/${user.id}/hint-${hint.id}.json`);
    expect(await pauz.reconcile()).toMatchObject({ orphanObjects: { guidedJournals: [] }, danglingRows: { hints: [] } });
    clock.advance(16 * 60 * 1000);
    const report = await pauz.reconcile();
    expect(report.orphanObjects.guidedJournals).toEqual([`users/${user.id}/journal-crashed.v1.json`]);
    expect(report.danglingRows.hints).toEqual([hint.id]);
    expect((await pauz.hints.list(user.id, session.id)).items).toEqual([]);
    expect(await pauz.guidedJournals.get(user.id, existing.id)).toEqual(existing);
    expect(await pauz.reconcile()).toEqual({
      orphanObjects: { hints: [], guidedJournals: [], audio: [] },
      danglingRows: { hints: [], guidedJournals: [], audio: [] },
      incompleteWrites: { hints: [], guidedJournals: [], audio: [], pdfs: [] },
      finishedDeletions: [],
      expiredTokens: 0,
      searchIndexed: 0,
    });
    clock.set('2026-06-15T12:00:00Z');
  });

  it('never takes an object of unknown age for an orphan', async () => {
    const { db, buckets, clock, newUser } = h();
    const user = await newUser();
    // A backend that reports no upload dates (the port allows it).
    const ageless = { ...buckets.hints, list: async (options?: Parameters<typeof buckets.hints.list>[0]) => {
      const page = await buckets.hints.inner.list(options);
      return { ...page, objects: page.objects.map(({ key, size }) => ({ key, size })) };
    } };
    const pauz = createPauz({ db, buckets: { ...buckets, hints: ageless }, pdfs: h().pdfs, clock, passwordHasher: TEST_PASSWORD_HASHER });
    const key = `users/${user.id}/hint-in-flight.json`;
    await buckets.hints.inner.put(key, '{}');
    clock.advance(60 * 60 * 1000);
    expect((await pauz.reconcile()).orphanObjects.hints).not.toContain(key);
    expect(await buckets.hints.inner.head(key)).not.toBeNull();
    await buckets.hints.inner.delete(key);
    clock.set('2026-06-15T12:00:00Z');
  });

  it("never lets another user reach someone's hints or recordings", async () => {
    const { pauz, newUser } = h();
    const owner = await newUser();
    const intruder = await newUser();
    const session = await pauz.freeJournal.create(owner.id);
    await pauz.hints.generate(owner.id, session.id);
    const recording = await pauz.recordings.store(owner.id, session.id, { audio: makeWav({ seconds: 0.1 }) });
    await expectPauzError(pauz.hints.list(intruder.id, session.id), 'NOT_FOUND');
    await expectPauzError(pauz.hints.generate(intruder.id, session.id), 'NOT_FOUND');
    await expectPauzError(pauz.recordings.store(intruder.id, session.id, { audio: makeWav({ seconds: 0.1 }) }), 'NOT_FOUND');
    await expectPauzError(pauz.recordings.get(intruder.id, session.id, recording.id), 'NOT_FOUND');
    await expectPauzError(pauz.recordings.audio(intruder.id, session.id, recording.id), 'NOT_FOUND');
    await expectPauzError(pauz.recordings.list(intruder.id, session.id), 'NOT_FOUND');
    expect((await pauz.hints.list(owner.id, session.id)).items).toHaveLength(1);
  });
}

function answersFor(promptId: number): Array<{ promptId: number; response: string }> {
  return [{ promptId, response: 'an answer' }];
}
