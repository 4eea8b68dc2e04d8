/**
 * Voice journaling inside workerd as a Raindrop service runs it: createPauz on the
 * real D1 and R2 bindings, raindropTranscriber on the emulated `env.AI`, served by
 * @pauz/hono. A recording over the transcriber's `maxAudioBytes` is answered 413
 * naming the limit, and kept (row, object, audio download) like any failed one.
 */
import { describe, expect, it } from 'vitest';
import { createPauz, type Pauz, type PauzTables } from '../../../src/index.js';
import { memoryPdfStore } from '../../../src/pdf-store/memory.js';
import { raindropBindingBucket, type RaindropBucketBinding } from '../../../src/raindrop/bucket-binding.js';
import { type AiBinding, raindropTranscriber } from '../../../src/raindrop/ai-transcriber.js';
import { pauzBuckets } from '../../../src/storage/buckets.js';
import { makeWav } from '../../../src/testing/audio.js';
import { TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from '../../../src/testing/database/fixture.js';
import { emulatedTranscript } from '../../../src/testing/emulators/raindrop-ai.js';
import { pauzHono } from '../../../../hono/src/index.js';
import { type D1DatabaseLike, raindropSqlDatabase } from '../../../src/raindrop/d1.js';
import { defineWorkerSuite } from '../harness/worker.js';

interface Env {
  PAUZ: D1DatabaseLike;
  HINTS: RaindropBucketBinding;
  GUIDED_JOURNALS: RaindropBucketBinding;
  AUDIO_FILES: RaindropBucketBinding & { get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null> };
  AI: AiBinding;
}

const LIMIT = 64 * 1024;

export default defineWorkerSuite<Env>((env) => {
  describe('voice on Raindrop bindings, with the transcriber bound to 64 KiB', () => {
    let pauz: Pauz;
    let app: ReturnType<typeof pauzHono>;
    const request = (path: string, init: RequestInit & { token?: string } = {}) =>
      app.fetch(
        new Request(`http://pauz.test${path}`, {
          ...init,
          headers: { ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }), ...(init.headers as Record<string, string>) },
        }),
      );

    async function session(): Promise<{ token: string; sessionId: string }> {
      const auth = await request('/auth/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `voice-${crypto.randomUUID()}@example.com`, password: 'correct horse battery' }),
      });
      expect(auth.status).toBe(201);
      const { token } = (await auth.json()) as { token: string };
      const created = await request('/freejournal/', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(created.status).toBe(201);
      return { token, sessionId: ((await created.json()) as { id: string }).id };
    }

    it('builds Pauz on D1, R2 and the AI binding', async () => {
      const buckets = { hints: env.HINTS, 'guided-journals': env.GUIDED_JOURNALS, 'audio-files': env.AUDIO_FILES };
      pauz = createPauz({
        db: raindropSqlDatabase<PauzTables>(env.PAUZ),
        buckets: pauzBuckets((name) => raindropBindingBucket(buckets[name as keyof typeof buckets], { name })),
        pdfs: memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://pauz.test' }),
        transcriber: raindropTranscriber(env.AI, { maxAudioBytes: LIMIT }),
        passwordHasher: TEST_PASSWORD_HASHER,
      });
      await pauz.migrate();
      // @pauz/hono's source is typed against @pauz/core's published declarations: the same Pauz.
      app = pauzHono(pauz as unknown as Parameters<typeof pauzHono>[0]);
    });

    it('transcribes a recording within the bound into the session', async () => {
      const { token, sessionId } = await session();
      const audio = makeWav({ seconds: 1, sampleRate: 8000 });
      expect(audio.byteLength).toBeLessThan(LIMIT);
      const response = await request(`/freejournal/${sessionId}/voice`, { method: 'POST', token, headers: { 'content-type': 'audio/wav' }, body: audio as Uint8Array<ArrayBuffer> });
      expect(response.status).toBe(201);
      const result = (await response.json()) as { recording: { status: string; transcript: string }; session: { content: string } };
      expect(result.recording).toMatchObject({ status: 'transcribed', transcript: emulatedTranscript(audio) });
      expect(result.session.content).toContain(emulatedTranscript(audio));
    });

    for (const kind of ['raw', 'multipart'] as const) {
      it(`answers a ${kind} recording over the bound with 413 naming the limit, and keeps it`, async () => {
        const { token, sessionId } = await session();
        const audio = makeWav({ seconds: 3, sampleRate: 16000 });
        expect(audio.byteLength).toBeGreaterThan(LIMIT);
        let body: BodyInit = audio as Uint8Array<ArrayBuffer>;
        let contentType = 'audio/wav';
        if (kind === 'multipart') {
          const form = new FormData();
          form.append('audio', new File([audio as Uint8Array<ArrayBuffer>], 'voice.wav', { type: 'audio/wav' }));
          const encoded = new Response(form);
          contentType = encoded.headers.get('content-type') ?? '';
          body = await encoded.arrayBuffer();
        }
        const response = await request(`/freejournal/${sessionId}/voice`, { method: 'POST', token, headers: { 'content-type': contentType }, body });
        expect(response.status).toBe(413);
        const problem = (await response.json()) as { code: string; detail: string; recordingId?: string };
        expect(problem.code).toBe('PAYLOAD_TOO_LARGE');
        expect(problem.detail).toContain(`takes recordings of at most ${LIMIT} bytes (maxAudioBytes); this one is ${audio.byteLength} bytes`);

        // Nothing lost: the row says failed, the object is in R2, the audio downloads as it was sent.
        const listed = (await (await request(`/freejournal/${sessionId}/recordings`, { token })).json()) as {
          items: { id: string; status: string; size: number }[];
        };
        expect(listed.items).toHaveLength(1);
        const [recording] = listed.items;
        expect(recording).toMatchObject({ status: 'failed', size: audio.byteLength });
        expect(problem.detail).toContain(`The recording ${recording!.id} is kept`);
        const download = await request(`/freejournal/${sessionId}/recordings/${recording!.id}/audio`, { token });
        expect(download.status).toBe(200);
        expect(new Uint8Array(await download.arrayBuffer())).toEqual(audio);
        const stored = await env.AUDIO_FILES.list({ prefix: 'users/' });
        expect(stored.objects.some((o) => o.key.includes(recording!.id) && o.size === audio.byteLength)).toBe(true);

        // A retry with the same transcriber is refused the same way, and keeps it still.
        const retry = await request(`/freejournal/${sessionId}/voice/${recording!.id}/transcribe`, { method: 'POST', token });
        expect(retry.status).toBe(413);
        const again = (await (await request(`/freejournal/${sessionId}/recordings`, { token })).json()) as { items: { status: string }[] };
        expect(again.items.map((r) => r.status)).toEqual(['failed']);
      });
    }
  });
});
