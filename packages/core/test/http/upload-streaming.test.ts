import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPauz, type Pauz } from '../../src/index.js';
import { createPauzFetch } from '../../src/http/index.js';
import { memoryPdfStore } from '../../src/pdf-store/memory.js';
import { createSqliteDatabase } from '../../src/sqlite.js';
import { memoryBuckets } from '../../src/storage/memory.js';
import { makeWav, scriptedTranscriber, TEST_PASSWORD_HASHER } from '../../src/testing/index.js';

/*
 * The upload is read as it arrives: a recording past the cap is refused while the
 * client is still sending, after core read about the cap and no more (the drain after
 * an early answer is off here, so the count is the upload's own). Served by a bare
 * node:http → fetch glue that counts what core pulled from the request.
 */

const CAP = 1_000_000;
const BOUNDARY = 'pauzStreamingTest';
let pauz: Pauz;
const db = createSqliteDatabase();
let server: Server;
let base = '';
let pulledByCore = 0;

beforeAll(async () => {
  pauz = createPauz({
    db,
    buckets: memoryBuckets(),
    pdfs: memoryPdfStore({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1' }),
    transcriber: scriptedTranscriber('heard it'),
    passwordHasher: TEST_PASSWORD_HASHER,
    limits: { audioBytes: CAP },
  });
  await pauz.migrate();
  // No drain after an early answer: what core reads is what the upload read.
  const handle = createPauzFetch(pauz, { drain: { maxBytes: 0 } });
  server = createServer((req, res) => {
    // Pulled one chunk at a time, so the count is what core asked for.
    const chunks = req[Symbol.asyncIterator]();
    const counted = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const next = await chunks.next();
          if (next.done === true) return controller.close();
          pulledByCore += (next.value as Buffer).byteLength;
          controller.enqueue(new Uint8Array(next.value as Buffer));
        },
      },
      { highWaterMark: 0 },
    );
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers: req.headers as Record<string, string>,
      ...(hasBody ? { body: counted, duplex: 'half' } : {}),
    } as RequestInit);
    void handle(request).then(async (response) => {
      // Answer now, and close rather than read the rest of a refused body.
      res.writeHead(response.status, { ...Object.fromEntries(response.headers), connection: 'close' });
      res.end(new Uint8Array(await response.arrayBuffer()));
      const { socket } = res;
      res.once('finish', () => socket?.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

async function sessionOf(): Promise<{ token: string; userId: string; id: string }> {
  const json = { 'content-type': 'application/json' };
  const registered = await fetch(`${base}/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email: `${crypto.randomUUID()}@example.com`, password: 'a long enough password' }) });
  const { token, user } = (await registered.json()) as { token: string; user: { id: string } };
  const created = await fetch(`${base}/freejournal/`, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: '{}' });
  return { token, userId: user.id, id: ((await created.json()) as { id: string }).id };
}

/** A multipart upload that would go on for `total` bytes, streamed (chunked), counting what was sent. */
function endlessRecording(total: number): { body: ReadableStream<Uint8Array>; sent: () => number } {
  const head = new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="audio"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\n`);
  const wav = makeWav({ seconds: 1 });
  const filler = new Uint8Array(64 * 1024);
  let sent = 0;
  let step = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = step === 0 ? head : step === 1 ? wav : filler;
        step++;
        if (sent >= total) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, sent: () => sent };
}

describe('voice uploads over HTTP', () => {
  it('refuses a recording past the cap while the client is still sending (413); core reads about the cap', async () => {
    const { token, userId, id } = await sessionOf();
    const total = 200 * 1024 * 1024;
    const upload = endlessRecording(total);
    pulledByCore = 0;
    const response = await fetch(`${base}/freejournal/${id}/voice`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: upload.body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    expect(pulledByCore).toBeGreaterThan(CAP);
    expect(pulledByCore).toBeLessThan(CAP + 64 * 1024 + 256 * 1024);
    expect(upload.sent()).toBeLessThan(total / 4);
    expect((await pauz.recordings.list(userId, id)).items).toEqual([]);
  });

  it('stores a streamed recording sent after other fields, byte for byte', async () => {
    const { token, userId, id } = await sessionOf();
    const wav = makeWav({ seconds: 2 });
    const form = new FormData();
    form.append('note', 'first a text field');
    form.append('audio', new Blob([wav as BlobPart], { type: 'audio/wav' }), 'note.wav');
    const response = await fetch(`${base}/freejournal/${id}/voice`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(response.status).toBe(201);
    const { recording } = (await response.json()) as { recording: { id: string; size: number } };
    expect(recording.size).toBe(wav.byteLength);
    const stored = await pauz.recordings.audio(userId, id, recording.id);
    expect(Buffer.from(stored.bytes).equals(wav)).toBe(true);
  });
});
