import { expect, it, vi } from 'vitest';
import { type DatabaseHarness, TEST_PASSWORD_HASHER } from './fixture.js';
import { expectPauzError } from '../expect-code.js';
import { makeWav } from '../audio.js';
import type { ScriptedTranscriber } from '../scripted-transcriber.js';
import { createPauz } from '../../pauz.js';

function scripted(h: DatabaseHarness): ScriptedTranscriber {
  return h.transcriber as ScriptedTranscriber;
}

/** Voice journaling and reflection. */
export function voiceContract(h: () => DatabaseHarness): void {
  it('stores a recording, transcribes it and appends the transcript on a new line', async () => {
    const { pauz, newUser } = h();
    const transcriber = scripted(h());
    transcriber.mode = 'ok';
    transcriber.text = 'I walked by the river.';
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    await pauz.freeJournal.save(user.id, session.id, { content: 'Morning.' });
    const wav = makeWav({ seconds: 0.2 });
    const { recording, session: after } = await pauz.voice.record(user.id, session.id, { audio: wav, contentType: 'audio/wav' });
    expect(recording).toMatchObject({ status: 'transcribed', transcript: 'I walked by the river.', contentType: 'audio/wav', size: wav.byteLength });
    expect(after).toMatchObject({ content: 'Morning.\nI walked by the river.', version: 3, wordCount: 6 });
    expect(transcriber.calls.at(-1)?.audio).toEqual(wav);
    const empty = await pauz.freeJournal.create(user.id);
    expect((await pauz.voice.record(user.id, empty.id, { audio: wav })).session.content).toBe('I walked by the river.');
  });

  it('keeps the audio as failed when the caller aborts the transcription, naming the recording; a retry appends once', async () => {
    const { pauz, newUser } = h();
    const transcriber = scripted(h());
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    transcriber.mode = 'hang';
    const controller = new AbortController();
    const pending = pauz.voice.record(user.id, session.id, { audio: makeWav({ seconds: 0.1 }), contentType: 'audio/wav' }, { signal: controller.signal });
    await vi.waitFor(() => expect(transcriber.calls.at(-1)?.signal).toBe(controller.signal));
    controller.abort();
    const error = await expectPauzError(pending, 'ABORTED');
    const recordingId = String(error.details.recordingId);
    expect(await pauz.recordings.get(user.id, session.id, recordingId)).toMatchObject({ status: 'failed', transcript: null });
    expect((await pauz.freeJournal.get(user.id, session.id)).version).toBe(1);
    transcriber.mode = 'ok';
    transcriber.text = 'After all.';
    expect((await pauz.voice.retry(user.id, session.id, recordingId)).session.content).toBe('After all.');
  });

  it('reports a malformed session id as the session not found, a malformed recording id as the recording', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    const badSession = await expectPauzError(pauz.voice.retry(user.id, 'not an id', crypto.randomUUID()), 'NOT_FOUND');
    expect(badSession.message).toBe('Session not found');
    const badRecording = await expectPauzError(pauz.voice.retry(user.id, session.id, 'not/an/id'), 'NOT_FOUND');
    expect(badRecording.message).toBe('Recording not found');
  });

  it('keeps the audio when transcription fails, names the recording, and a retry appends once', async () => {
    const { pauz, newUser } = h();
    const transcriber = scripted(h());
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    transcriber.mode = 'fail';
    const error = await expectPauzError(pauz.voice.record(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) }), 'TRANSCRIPTION_FAILED');
    const recordingId = String(error.details.recordingId);
    expect(error.message).toContain(recordingId);
    // Core knows no HTTP paths: where the API is mounted is the host's business.
    expect(error.message).not.toMatch(/\/freejournal|\/transcribe|POST /);
    const [kept] = (await pauz.recordings.list(user.id, session.id)).items;
    expect(kept).toMatchObject({ id: recordingId, status: 'failed', transcript: null });
    expect((await pauz.recordings.audio(user.id, session.id, recordingId)).bytes.byteLength).toBeGreaterThan(44);
    await expectPauzError(pauz.voice.retry(user.id, session.id, recordingId), 'TRANSCRIPTION_FAILED');

    transcriber.mode = 'ok';
    transcriber.text = 'Second try worked.';
    const results = await Promise.all([1, 2, 3].map(() => pauz.voice.retry(user.id, session.id, recordingId)));
    for (const result of results) expect(result.recording).toMatchObject({ status: 'transcribed', transcript: 'Second try worked.' });
    const again = await pauz.voice.retry(user.id, session.id, recordingId);
    expect(again.session.content).toBe('Second try worked.');
    expect((await pauz.freeJournal.get(user.id, session.id)).content).toBe('Second try worked.');
  });

  it('keeps a transcript that does not fit the session, and appends it on retry once there is room', async () => {
    const { pauz, newUser } = h();
    const transcriber = scripted(h());
    transcriber.mode = 'ok';
    transcriber.text = 'This transcript does not fit.';
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    await pauz.freeJournal.save(user.id, session.id, { content: 'x'.repeat(pauz.limits.contentChars - 5) });
    const error = await expectPauzError(pauz.voice.record(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) }), 'VALIDATION_FAILED');
    const recordingId = String(error.details.recordingId);
    expect(await pauz.recordings.get(user.id, session.id, recordingId)).toMatchObject({ status: 'failed', transcript: 'This transcript does not fit.' });
    expect((await pauz.freeJournal.get(user.id, session.id)).version).toBe(2);
    await pauz.freeJournal.save(user.id, session.id, { content: 'Short now.' });
    const calls = transcriber.calls.length;
    const { session: after, recording } = await pauz.voice.retry(user.id, session.id, recordingId);
    expect(transcriber.calls.length).toBe(calls);
    expect(recording.status).toBe('transcribed');
    expect(after.content).toBe('Short now.\nThis transcript does not fit.');
  });

  it('appends a kept transcript exactly once while concurrent retries and other writes race', async () => {
    const { pauz, newUser } = h();
    const transcriber = scripted(h());
    transcriber.mode = 'ok';
    transcriber.text = 'Said exactly once.';
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    await pauz.freeJournal.save(user.id, session.id, { content: 'x'.repeat(pauz.limits.contentChars - 5) });
    const error = await expectPauzError(pauz.voice.record(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) }), 'VALIDATION_FAILED');
    const recordingId = String(error.details.recordingId);
    await pauz.freeJournal.save(user.id, session.id, { content: 'First.' });
    const [retries] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, () => pauz.voice.retry(user.id, session.id, recordingId))),
      Promise.all(Array.from({ length: 3 }, (_, i) => pauz.freeJournal.append(user.id, session.id, `line ${i}`))),
    ]);
    for (const r of retries) expect(r.recording).toMatchObject({ status: 'transcribed', transcript: 'Said exactly once.' });
    const after = await pauz.freeJournal.get(user.id, session.id);
    const lines = after.content.split('\n');
    expect(lines[0]).toBe('First.');
    expect([...lines].sort()).toEqual(['First.', 'Said exactly once.', 'line 0', 'line 1', 'line 2']);
    // One version per write that landed: the save, the transcript, three lines.
    expect(after.version).toBe(3 + 1 + 3);
  });

  it('reports a recording left pending past limits.pendingRecordingSeconds as failed, and a retry recovers it', async () => {
    const { pauz, newUser, clock } = h();
    const transcriber = scripted(h());
    transcriber.mode = 'ok';
    transcriber.text = 'Said before the crash.';
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    // Stored, and the process died before the transcription answered.
    const stored = await pauz.recordings.store(user.id, session.id, { audio: makeWav({ seconds: 0.1 }), contentType: 'audio/wav' });
    clock.advance((pauz.limits.pendingRecordingSeconds - 1) * 1000);
    expect((await pauz.recordings.get(user.id, session.id, stored.id)).status).toBe('pending');
    clock.advance(2000);
    expect((await pauz.recordings.list(user.id, session.id)).items.map((r) => r.status)).toEqual(['failed']);
    expect((await pauz.recordings.get(user.id, session.id, stored.id)).status).toBe('failed');
    const retried = await pauz.voice.retry(user.id, session.id, stored.id);
    expect(retried.recording.status).toBe('transcribed');
    expect(retried.session.content).toBe('Said before the crash.');
    clock.set('2026-06-15T12:00:00Z');
  });

  it('answers NOT_CONFIGURED without a transcriber, storing nothing', async () => {
    const { db, buckets, clock, newUser } = h();
    const noVoice = createPauz({ db, buckets, pdfs: h().pdfs, clock, passwordHasher: TEST_PASSWORD_HASHER });
    const user = await newUser();
    const session = await noVoice.freeJournal.create(user.id);
    buckets.audio.resetCalls();
    await expectPauzError(noVoice.voice.record(user.id, session.id, { audio: makeWav() }), 'NOT_CONFIGURED');
    expect(() => noVoice.voice.assertConfigured()).toThrow(/transcriber/);
    expect(buckets.audio.calls.put).toBe(0);
    expect((await noVoice.recordings.list(user.id, session.id)).items).toEqual([]);
  });

  it('reflects: sets the mood and plants one flower per session, however often', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T23:30:00Z');
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    await pauz.freeJournal.save(user.id, session.id, { content: 'I am so grateful and thankful for my friends today. Grateful!' });
    const first = await pauz.reflections.reflect(user.id, session.id, { timeZone: 'Asia/Tokyo' });
    expect(first.mood).toBe('grateful');
    expect(first.nextQuestions).toHaveLength(2);
    expect(first.flower).toMatchObject({ mood: 'grateful', source: 'reflection', sessionId: session.id, date: '2026-06-16' });
    const second = await pauz.reflections.reflect(user.id, session.id);
    const concurrent = await Promise.all([1, 2, 3].map(() => pauz.reflections.reflect(user.id, session.id)));
    expect(second.flower.id).toBe(first.flower.id);
    for (const r of concurrent) expect(r.flower.id).toBe(first.flower.id);
    const flowers = (await pauz.garden.list(user.id)).items;
    expect(flowers.map((f) => f.id)).toEqual([first.flower.id]);
    const after = await pauz.freeJournal.get(user.id, session.id);
    expect(after).toMatchObject({ mood: 'grateful', version: 2 });
    await pauz.freeJournal.save(user.id, session.id, { content: 'Everything went wrong, I feel sad and lonely and I cried.' });
    const changed = await pauz.reflections.reflect(user.id, session.id);
    expect(changed.flower).toMatchObject({ id: first.flower.id, mood: changed.mood, date: '2026-06-16' });
    expect(changed.mood).not.toBe('grateful');
    clock.set('2026-06-15T12:00:00Z');
  });

  it('refuses to reflect on an empty session, and on someone else’s', async () => {
    const { pauz, newUser } = h();
    const owner = await newUser();
    const intruder = await newUser();
    const session = await pauz.freeJournal.create(owner.id);
    await expectPauzError(pauz.reflections.reflect(owner.id, session.id), 'VALIDATION_FAILED');
    await pauz.freeJournal.save(owner.id, session.id, { content: 'A calm and peaceful day.' });
    await expectPauzError(pauz.reflections.reflect(intruder.id, session.id), 'NOT_FOUND');
    await expectPauzError(pauz.voice.record(intruder.id, session.id, { audio: makeWav() }), 'NOT_FOUND');
    await expectPauzError(pauz.reflections.reflect(owner.id, session.id, { timeZone: 'Mars/Base' }), 'VALIDATION_FAILED');
    expect((await pauz.garden.list(owner.id)).items).toEqual([]);
  });
}
