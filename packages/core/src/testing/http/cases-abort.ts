import { expect, it, vi } from 'vitest';
import { expectJson } from './client.js';
import type { ConformanceContext } from './context.js';
import { makeWav } from '../audio.js';
import type { HeldRequests } from '../emulators/held-requests.js';
import {
  flowerListSchema,
  guidedPromptsResponseSchema,
  hintListSchema,
  sessionSchema,
  voiceResultSchema,
} from '../../http/schemas.js';

// Each case waits this long at most for the upstream to see its call cancelled; the
// upstream timeouts of the server under test are far longer (see index.ts).
const WAIT_MS = 10_000;
const CASE_TIMEOUT_MS = 30_000;

/**
 * Sends a request as a plain `fetch` client would, and goes away (aborts it) once
 * the upstream call the server makes for it is held; then waits until that upstream
 * call's own connection is seen closing — the server cancelled it.
 */
async function abandon(url: string, init: RequestInit, upstream: HeldRequests): Promise<void> {
  upstream.reset();
  const client = new AbortController();
  const sent = fetch(url, { ...init, signal: client.signal }).then(
    async (response) => {
      throw new Error(`the server answered ${response.status} while its upstream call was held: ${await response.text()}`);
    },
    (error: unknown) => {
      if (!client.signal.aborted) throw error;
    },
  );
  await Promise.race([upstream.waitForHeld(1, WAIT_MS), sent]);
  client.abort();
  await sent;
  await upstream.waitForAborted(1, WAIT_MS);
}

function postJson(token: string, body?: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  };
}

export function abortCases(c: () => ConformanceContext): void {
  it("hands the request's signal to every bucket read and write a route makes", async () => {
    const { api, register, harness } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    const buckets = [harness.buckets.hints, harness.buckets.guidedJournals, harness.buckets.audio];
    for (const bucket of buckets) bucket.resetCalls();
    await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'A walk.', hints: ['Where to?'] } });
    await api.post(`/freejournal/${s.id}/hints`, { token });
    await api.get(`/freejournal/${s.id}/hints`, { token });
    await api.post(`/freejournal/${s.id}/export`, { token });
    const { prompts } = expectJson(await api.post('/guided_journal/prompts', { token, json: { topic: 'joy' } }), 200, guidedPromptsResponseSchema);
    const journal = (await api.post('/guided_journal/', { token, json: { topic: 'joy', prompts } })).body;
    await api.put(`/guided_journal/${journal.id}`, { token, json: { entries: [{ promptId: 1, response: 'Sunlight.' }] } });
    await api.get(`/guided_journal/${journal.id}`, { token });
    await api.post(`/freejournal/${s.id}/voice`, { token, raw: { body: makeWav({ seconds: 0.1 }), contentType: 'audio/wav' } });
    // Deletes are clean-up or run to their end once started (see FreeJournal.delete): no signal.
    const calls = buckets.flatMap((bucket) => bucket.log).filter((entry) => entry.operation !== 'delete');
    expect(calls.map((entry) => entry.operation).sort()).toEqual(expect.arrayContaining(['get', 'put']));
    for (const entry of calls) expect(entry.signal, `${entry.operation} ${entry.key}`).toBeInstanceOf(AbortSignal);
  });

  it('cancels the Writer call of a hint when the client goes away, and stores no hint', { timeout: CASE_TIMEOUT_MS }, async () => {
    const { upstream, register } = c();
    const { token } = await register();
    const s = expectJson(await upstream.api.post('/freejournal/', { token }), 201, sessionSchema);
    upstream.emulator.chat.mode = 'hang';
    try {
      await abandon(`${upstream.api.baseUrl}/freejournal/${s.id}/hints`, postJson(token, { content: 'A long walk.' }), upstream.emulator.chat.held);
    } finally {
      upstream.emulator.chat.mode = 'ok';
    }
    expect(expectJson(await upstream.api.get(`/freejournal/${s.id}/hints`, { token }), 200, hintListSchema).items).toEqual([]);
    expect(upstream.logs).toEqual([]);
  });

  it('cancels a transcription when the client goes away and keeps the recording, failed and retryable', { timeout: CASE_TIMEOUT_MS }, async () => {
    const { upstream, register, harness } = c();
    const { token, userId } = await register();
    const s = expectJson(await upstream.api.post('/freejournal/', { token }), 201, sessionSchema);
    const transcriptions = upstream.emulator.transcriptions;
    transcriptions.mode = 'hang';
    try {
      const upload: RequestInit = { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'audio/wav' }, body: makeWav({ seconds: 0.1 }) as Uint8Array<ArrayBuffer> };
      await abandon(`${upstream.api.baseUrl}/freejournal/${s.id}/voice`, upload, transcriptions.held);
    } finally {
      transcriptions.mode = 'ok';
    }
    // The server marks the recording failed once its transcription was cancelled.
    await vi.waitFor(
      async () => expect((await harness.pauz.recordings.list(userId, s.id)).items.map((r) => r.status)).toEqual(['failed']),
      { timeout: WAIT_MS },
    );
    const [recording] = (await harness.pauz.recordings.list(userId, s.id)).items;
    expect(expectJson(await upstream.api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema)).toMatchObject({ content: '', version: 1 });
    const retried = expectJson(await upstream.api.post(`/freejournal/${s.id}/voice/${recording?.id}/transcribe`, { token }), 200, voiceResultSchema);
    expect(retried.recording).toMatchObject({ id: recording?.id, status: 'transcribed' });
    expect(upstream.logs).toEqual([]);
  });

  it('cancels the SmartBucket put of a hint sent with a save; the text is saved first and kept', { timeout: CASE_TIMEOUT_MS }, async () => {
    const { upstream, register } = c();
    const { token } = await register();
    const s = expectJson(await upstream.api.post('/freejournal/', { token }), 201, sessionSchema);
    const before = upstream.buckets.requests.length;
    await abandon(
      `${upstream.api.baseUrl}/freejournal/${s.id}/save`,
      postJson(token, { content: 'Words that must not half-land.', hints: ['What happened next?'] }),
      upstream.buckets.held,
    );
    // One put, cancelled, not retried.
    expect(upstream.buckets.requests.slice(before)).toEqual([{ method: 'POST', path: '/v1/put_object' }]);
    // Nothing the writer gave is lost because a bucket call was cut short.
    expect(expectJson(await upstream.api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema)).toMatchObject({
      content: 'Words that must not half-land.',
      version: 2,
    });
    expect(expectJson(await upstream.api.get(`/freejournal/${s.id}/hints`, { token }), 200, hintListSchema).items).toEqual([]);
    expect(upstream.logs).toEqual([]);
  });

  it('cancels the SmartBucket put of a new guided journal, and indexes nothing', { timeout: CASE_TIMEOUT_MS }, async () => {
    const { api, upstream, register } = c();
    const { token } = await register();
    const { topic, prompts } = expectJson(await api.post('/guided_journal/prompts', { token, json: { topic: 'joy' } }), 200, guidedPromptsResponseSchema);
    await abandon(`${upstream.api.baseUrl}/guided_journal/`, postJson(token, { topic, prompts, entries: [{ promptId: 1, response: 'Sunlight.' }] }), upstream.buckets.held);
    expect((await upstream.api.get('/guided_journal/', { token })).body.items).toEqual([]);
    expect(upstream.logs).toEqual([]);
  });

  it('cancels the Writer calls of a reflection and of guided prompts, and changes nothing', { timeout: CASE_TIMEOUT_MS }, async () => {
    const { upstream, register } = c();
    const { token } = await register();
    const s = expectJson(await upstream.api.post('/freejournal/', { token }), 201, sessionSchema);
    await upstream.api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'I felt calm by the lake.' } });
    upstream.emulator.chat.mode = 'hang';
    try {
      await abandon(`${upstream.api.baseUrl}/freejournal/${s.id}/reflect`, postJson(token), upstream.emulator.chat.held);
      await abandon(`${upstream.api.baseUrl}/guided_journal/prompts`, postJson(token, { topic: 'mind' }), upstream.emulator.chat.held);
    } finally {
      upstream.emulator.chat.mode = 'ok';
    }
    expect(expectJson(await upstream.api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema).mood).toBeNull();
    expect(expectJson(await upstream.api.get('/garden/', { token }), 200, flowerListSchema).items).toEqual([]);
    expect(upstream.logs).toEqual([]);
  });
}
