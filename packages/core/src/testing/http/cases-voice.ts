import { expect, it } from 'vitest';
import { expectJson, expectProblem, multipart } from './client.js';
import type { ConformanceContext } from './context.js';
import { makeWav } from '../audio.js';
import { flowerListSchema, recordingListSchema, reflectionResultSchema, sessionSchema, voiceResultSchema } from '../../http/schemas.js';

export function voiceCases(c: () => ConformanceContext): void {
  it('takes a real WAV as multipart or raw audio, transcribes it and appends the transcript (201)', async () => {
    const { api, register, transcription } = c();
    transcription.mode = 'ok';
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'Before the walk.' } });
    const wav = makeWav({ seconds: 0.25 });
    const first = expectJson(await api.post(`/freejournal/${s.id}/voice`, { token, raw: multipart(wav, 'audio/wav') }), 201, voiceResultSchema);
    expect(first.recording).toMatchObject({ status: 'transcribed', contentType: 'audio/wav', size: wav.byteLength, transcript: `heard ${wav.byteLength} bytes of wav` });
    expect(first.session.content).toBe(`Before the walk.\nheard ${wav.byteLength} bytes of wav`);
    const second = expectJson(await api.post(`/freejournal/${s.id}/voice`, { token, raw: { body: wav, contentType: 'audio/wav' } }), 201, voiceResultSchema);
    expect(second.session.version).toBe(first.session.version + 1);
    expect(second.recording.id).not.toBe(first.recording.id);
  });

  it('refuses wrong, truncated, oversized and empty uploads (4xx) and stores nothing', async () => {
    const { api, register, harness } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    const wav = makeWav({ seconds: 0.25 });
    const text = new TextEncoder().encode('this is not audio at all, just words');
    expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token, raw: multipart(text, 'audio/wav') }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token, raw: { body: wav.slice(0, 8), contentType: 'audio/wav' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token, raw: { body: wav, contentType: 'audio/mpeg' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token, raw: { body: wav, contentType: 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token, raw: { body: new Uint8Array(0), contentType: 'audio/wav' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token, raw: multipart(wav, 'audio/wav', 'file') }), 400, 'VALIDATION_FAILED');
    const big = makeWav({ seconds: 60 });
    expect(big.byteLength).toBeGreaterThan(harness.pauz.limits.audioBytes);
    expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token, raw: { body: big, contentType: 'audio/wav' } }), 413, 'PAYLOAD_TOO_LARGE');
    expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token, raw: multipart(big, 'audio/wav') }), 413, 'PAYLOAD_TOO_LARGE');
    expect((await harness.pauz.recordings.list(harness.userIdOf(token), s.id)).items).toEqual([]);
    expect(expectJson(await api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema).version).toBe(1);
  });

  it('keeps the recording when the transcriber fails (502 naming it); a retry appends exactly once', async () => {
    const { api, register, transcription } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    transcription.mode = 'fail';
    const failed = expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token, raw: { body: makeWav({ seconds: 0.1 }), contentType: 'audio/wav' } }), 502, 'TRANSCRIPTION_FAILED');
    const recordingId = failed.recordingId as string;
    expect(failed.detail).toContain(recordingId);
    expect(failed.detail).not.toMatch(/sk-|Bearer/);
    // Where the API is mounted is the host's business: the problem names the recording, not a path.
    expect(failed.detail).not.toMatch(/\/freejournal|\/transcribe/);
    transcription.mode = 'ok';
    const retried = expectJson(await api.post(`/freejournal/${s.id}/voice/${recordingId}/transcribe`, { token }), 200, voiceResultSchema);
    expect(retried.recording).toMatchObject({ id: recordingId, status: 'transcribed' });
    const again = expectJson(await api.post(`/freejournal/${s.id}/voice/${recordingId}/transcribe`, { token }), 200, voiceResultSchema);
    expect(again.session.content).toBe(retried.session.content);
    expect(again.session.content.split('\n')).toHaveLength(1);
    expectProblem(await api.post(`/freejournal/${s.id}/voice/${crypto.randomUUID()}/transcribe`, { token }), 404, 'NOT_FOUND');
    const badSession = expectProblem(await api.post(`/freejournal/not%20an%20id/voice/${recordingId}/transcribe`, { token }), 404, 'NOT_FOUND');
    expect(badSession.detail).toBe('Session not found');
  });

  it("lists a session's recordings and serves their audio (200), to the owner only (404)", async () => {
    const { api, register, transcription } = c();
    transcription.mode = 'ok';
    const owner = await register();
    const intruder = await register();
    const s = expectJson(await api.post('/freejournal/', { token: owner.token }), 201, sessionSchema);
    expect(expectJson(await api.get(`/freejournal/${s.id}/recordings`, { token: owner.token }), 200, recordingListSchema).items).toEqual([]);
    const wav = makeWav({ seconds: 0.2 });
    const voiced = expectJson(await api.post(`/freejournal/${s.id}/voice`, { token: owner.token, raw: { body: wav, contentType: 'audio/wav' } }), 201, voiceResultSchema);
    const listed = expectJson(await api.get(`/freejournal/${s.id}/recordings`, { token: owner.token }), 200, recordingListSchema);
    expect(listed.items).toEqual([voiced.recording]);
    const audio = await fetch(`${api.baseUrl}/freejournal/${s.id}/recordings/${voiced.recording.id}/audio`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    expect(audio.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await audio.arrayBuffer())).toEqual(wav);
    // Once through the observed client too: its status and media type are checked against /openapi.json.
    expect((await api.get(`/freejournal/${s.id}/recordings/${voiced.recording.id}/audio`, { token: owner.token })).status).toBe(200);
    const other = expectJson(await api.post('/freejournal/', { token: intruder.token }), 201, sessionSchema);
    for (const path of [
      `/freejournal/${s.id}/recordings`,
      `/freejournal/${s.id}/recordings/${voiced.recording.id}/audio`,
      `/freejournal/${other.id}/recordings/${voiced.recording.id}/audio`,
    ]) {
      const refused = expectProblem(await api.get(path, { token: intruder.token }), 404, 'NOT_FOUND');
      expect(refused.detail).not.toContain(voiced.recording.id);
    }
    expect(expectJson(await api.get(`/freejournal/${other.id}/recordings`, { token: intruder.token }), 200, recordingListSchema).items).toEqual([]);
    expectProblem(await api.get(`/freejournal/${s.id}/recordings/${crypto.randomUUID()}/audio`, { token: owner.token }), 404, 'NOT_FOUND');
    expectProblem(await api.get(`/freejournal/${s.id}/recordings`), 401, 'UNAUTHENTICATED');
  });

  it('keeps a transcript too long for the session on the recording, readable in the listing', async () => {
    const { api, register, harness, transcription } = c();
    transcription.mode = 'ok';
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    const full = 'a'.repeat(harness.pauz.limits.contentChars - 3);
    expectJson(await api.post(`/freejournal/${s.id}/save`, { token, json: { content: full } }), 200, sessionSchema);
    const wav = makeWav({ seconds: 0.1 });
    const refused = expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token, raw: { body: wav, contentType: 'audio/wav' } }), 400, 'VALIDATION_FAILED');
    const { items } = expectJson(await api.get(`/freejournal/${s.id}/recordings`, { token }), 200, recordingListSchema);
    expect(items).toEqual([expect.objectContaining({ id: refused.recordingId, status: 'failed', transcript: `heard ${wav.byteLength} bytes of wav` })]);
    expect(expectJson(await api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema).content).toBe(full);
  });

  it('reports a recording left pending by a crash as failed once it is stale, and a retry transcribes it', async () => {
    const { api, register, harness, transcription } = c();
    transcription.mode = 'ok';
    const { token, userId } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    // Stored, then the server died before the transcription answered: the row stays pending.
    const wav = makeWav({ seconds: 0.1 });
    const stored = await harness.pauz.recordings.store(userId, s.id, { audio: wav, contentType: 'audio/wav' });
    const listed = async () => expectJson(await api.get(`/freejournal/${s.id}/recordings`, { token }), 200, recordingListSchema);
    expect((await listed()).items[0]?.status).toBe('pending');
    harness.clock.advance((harness.pauz.limits.pendingRecordingSeconds + 1) * 1000);
    try {
      expect((await listed()).items[0]).toMatchObject({ id: stored.id, status: 'failed', transcript: null });
      const retried = expectJson(await api.post(`/freejournal/${s.id}/voice/${stored.id}/transcribe`, { token }), 200, voiceResultSchema);
      expect(retried.recording).toMatchObject({ id: stored.id, status: 'transcribed' });
      expect(retried.session.content).toBe(`heard ${wav.byteLength} bytes of wav`);
      expect((await listed()).items[0]?.status).toBe('transcribed');
    } finally {
      harness.clock.set('2026-06-15T12:00:00Z');
    }
  });

  it('answers 501 without a transcriber, before storing anything', async () => {
    const { noVoiceApi, register } = c();
    const { token } = await register();
    const s = expectJson(await noVoiceApi.post('/freejournal/', { token }), 201, sessionSchema);
    expectProblem(await noVoiceApi.post(`/freejournal/${s.id}/voice`, { token, raw: { body: makeWav(), contentType: 'audio/wav' } }), 501, 'NOT_CONFIGURED');
  });

  it('reflects (mood, summary, insights, next questions) and plants one flower, however often', async () => {
    const { api, register } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    expectProblem(await api.post(`/freejournal/${s.id}/reflect`, { token }), 400, 'VALIDATION_FAILED');
    await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'I felt calm and peaceful by the quiet lake.' } });
    const first = expectJson(await api.post(`/freejournal/${s.id}/reflect`, { token, json: { timeZone: 'Europe/Paris' } }), 200, reflectionResultSchema);
    const second = expectJson(await api.post(`/freejournal/${s.id}/reflect`, { token }), 200, reflectionResultSchema);
    expect(first.mood).toBe('calm');
    expect(second.flower.id).toBe(first.flower.id);
    expect(expectJson(await api.get('/garden/', { token }), 200, flowerListSchema).items).toHaveLength(1);
    expect(expectJson(await api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema).mood).toBe('calm');
  });

  it("answers 404 to voice and reflection on another user's session", async () => {
    const { api, register } = c();
    const owner = await register();
    const intruder = await register();
    const s = expectJson(await api.post('/freejournal/', { token: owner.token }), 201, sessionSchema);
    await api.post(`/freejournal/${s.id}/save`, { token: owner.token, json: { content: 'Mine alone.' } });
    expectProblem(await api.post(`/freejournal/${s.id}/voice`, { token: intruder.token, raw: { body: makeWav(), contentType: 'audio/wav' } }), 404, 'NOT_FOUND');
    expectProblem(await api.post(`/freejournal/${s.id}/reflect`, { token: intruder.token }), 404, 'NOT_FOUND');
    expect(expectJson(await api.get(`/freejournal/${s.id}`, { token: owner.token }), 200, sessionSchema).version).toBe(2);
  });
}
