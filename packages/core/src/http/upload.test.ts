import { describe, expect, it } from 'vitest';
import { isPauzError } from '../errors.js';
import { expectPauzError } from '../testing/expect-code.js';
import { makeWav } from '../testing/audio.js';
import type { RecordingUpload } from '../recordings/recordings.js';
import { formDataDisposition } from './multipart-audio.js';
import type { HttpRequestBody } from './types.js';
import { readAudioUpload } from './upload.js';

const encoder = new TextEncoder();
const BOUNDARY = 'pauzBoundary7MA4YWxk';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Uint8Array | string;
  /** Extra header lines. */
  headers?: string[];
}

function concat(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.byteLength;
  }
  return out;
}

/** A multipart/form-data body, written out by hand (no parser under test involved). */
function form(parts: Part[], { preamble = '', epilogue = '\r\n', boundary = BOUNDARY } = {}): Uint8Array {
  const pieces: Uint8Array[] = [encoder.encode(preamble === '' ? '' : `${preamble}\r\n`)];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const lines = [`--${boundary}`, `Content-Disposition: ${disposition}`, ...(part.type === undefined ? [] : [`Content-Type: ${part.type}`]), ...(part.headers ?? [])];
    pieces.push(encoder.encode(`${lines.join('\r\n')}\r\n\r\n`), typeof part.data === 'string' ? encoder.encode(part.data) : part.data, encoder.encode('\r\n'));
  }
  pieces.push(encoder.encode(`--${boundary}--${epilogue}`));
  return concat(pieces);
}

async function* chunked(body: Uint8Array, sizes: (i: number) => number): AsyncIterable<Uint8Array> {
  for (let at = 0, i = 0; at < body.byteLength; i++) {
    const size = Math.max(1, sizes(i));
    yield body.slice(at, at + size);
    at += size;
  }
}

function request(body: HttpRequestBody, contentType = CONTENT_TYPE, contentLength?: number) {
  const headers = new Headers({ 'content-type': contentType });
  if (contentLength !== undefined) headers.set('content-length', String(contentLength));
  return { method: 'POST', path: '/freejournal/x/voice', query: new URLSearchParams(), headers, body, raw: null };
}

function upload(body: Uint8Array | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>, max = 1_000_000, contentType = CONTENT_TYPE): Promise<RecordingUpload> {
  const kind: HttpRequestBody = body instanceof Uint8Array ? { kind: 'bytes', bytes: body } : { kind: 'stream', stream: body };
  return readAudioUpload(request(kind, contentType), max);
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Audio-looking bytes full of near-boundaries, CRs, LFs and dashes. */
function trickyAudio(): Uint8Array {
  return concat([makeWav({ seconds: 0.01 }), encoder.encode(`\r\n--${BOUNDARY.slice(0, -1)}\r\n-\r\n--\r\r\n\n--${BOUNDARY.slice(0, 5)}--\r`)]);
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

describe('readAudioUpload: multipart parsed as it streams', () => {
  const audio = trickyAudio();
  const body = form(
    [
      { name: 'note', data: 'a text field\r\n--with dashes' },
      { name: 'cover', filename: 'cover.png', type: 'image/png', data: new Uint8Array(300).fill(0x2d) },
      { name: 'audio', filename: 'note.wav', type: 'audio/wav', data: audio },
      { name: 'after', data: '-' },
    ],
    { preamble: 'This is the preamble.', epilogue: '\r\nand an epilogue\r\n' },
  );

  it('finds the audio part after other fields and files, byte for byte', async () => {
    const result = await upload(body);
    expect(same(result.audio, audio)).toBe(true);
    expect(result.contentType).toBe('audio/wav');
  });

  it('parses the same whatever the chunking: every split point, one-byte chunks, random chunks', async () => {
    for (let split = 1; split < body.byteLength; split++) {
      const result = await upload(chunked(body, (i) => (i === 0 ? split : body.byteLength)));
      expect(same(result.audio, audio), `split at ${split}`).toBe(true);
    }
    expect(same((await upload(chunked(body, () => 1))).audio, audio)).toBe(true);
    const next = random(7);
    for (let run = 0; run < 200; run++) {
      const result = await upload(chunked(body, () => 1 + Math.floor(next() * 40)));
      expect(same(result.audio, audio), `run ${run}`).toBe(true);
    }
  });

  it('parses a close delimiter split anywhere, with or without an epilogue', async () => {
    const plain = form([{ name: 'audio', filename: 'a.wav', data: audio }], { epilogue: '' });
    for (let split = 1; split < plain.byteLength; split++) {
      const result = await upload(chunked(plain, (i) => (i === 0 ? split : i === 1 ? 1 : plain.byteLength)));
      expect(same(result.audio, audio), `split at ${split}`).toBe(true);
    }
  });

  it('parses every split of forms whose boundaries end in dashes or are nothing but dashes', async () => {
    for (const boundary of ['-', '--', 'b-', '----WebKitFormBoundary7MA4YWxkTrZu0gW', 'x', 'ends--with--dashes--']) {
      const data = concat([audio, encoder.encode(`\r\n--${boundary.slice(0, -1)}\r\n--`)]);
      const plain = form([{ name: 'note', data: '-' }, { name: 'audio', filename: 'a.wav', data }], { epilogue: '', boundary });
      const type = `multipart/form-data; boundary="${boundary}"`;
      for (let split = 1; split < plain.byteLength; split++) {
        for (const second of [1, 2, plain.byteLength]) {
          const result = await upload(chunked(plain, (i) => (i === 0 ? split : i === 1 ? second : plain.byteLength)), 1_000_000, type);
          expect(same(result.audio, data), `boundary ${boundary}, split at ${split}+${second}`).toBe(true);
        }
      }
      expect(same((await upload(chunked(plain, () => 1), 1_000_000, type)).audio, data)).toBe(true);
    }
  });

  it('takes a Web stream, host-read bytes and a host-parsed form alike', async () => {
    const stream = new Response(body as BodyInit).body as ReadableStream<Uint8Array>;
    expect(same((await upload(stream)).audio, audio)).toBe(true);
    expect(same((await upload(body)).audio, audio)).toBe(true);
    const parsed = new FormData();
    parsed.append('audio', new Blob([audio as BlobPart], { type: 'audio/wav' }), 'a.wav');
    const fromForm = await readAudioUpload(request({ kind: 'form', form: parsed }), 1_000_000);
    expect(same(fromForm.audio, audio)).toBe(true);
    expect(fromForm.contentType).toBe('audio/wav');
  });

  it('collects the audio into one buffer of about the declared length', async () => {
    const wav = makeWav({ seconds: 4 });
    const big = form([{ name: 'audio', filename: 'a.wav', type: 'audio/wav', data: wav }]);
    const result = await readAudioUpload(request({ kind: 'stream', stream: chunked(big, () => 65_536) }, CONTENT_TYPE, big.byteLength), 1_000_000);
    expect(same(result.audio, wav)).toBe(true);
    expect(result.audio.buffer.byteLength).toBe(big.byteLength);
  });

  it('reads a UTF-8 file name, takes the first audio part, and leaves an undeclared type to the bytes', async () => {
    const wav = makeWav();
    const result = await upload(form([{ name: 'audio', filename: '録音 ノート.wav', data: wav }, { name: 'audio', filename: 'b.wav', type: 'audio/wav', data: 'second' }]));
    expect(same(result.audio, wav)).toBe(true);
    expect(result.contentType).toBeNull();
  });

  it('answers VALIDATION_FAILED on `audio` without an audio file', async () => {
    for (const parts of [[{ name: 'file', filename: 'a.wav', data: audio }], [{ name: 'audio', data: 'just text' }], []]) {
      const error = await expectPauzError(upload(form(parts)), 'VALIDATION_FAILED');
      expect(error.errors).toEqual([{ field: 'audio', message: 'must be a file' }]);
    }
  });

  it('answers "Malformed multipart body" for what does not parse', async () => {
    const wav = makeWav();
    const good = form([{ name: 'audio', filename: 'a.wav', data: wav }]);
    const malformed = [
      upload(good, 1_000_000, 'multipart/form-data'),
      upload(good, 1_000_000, 'multipart/form-data; boundary=another'),
      upload(good.subarray(0, good.byteLength - 8)),
      upload(encoder.encode('not multipart at all')),
      upload(new Uint8Array(0)),
      upload(form([{ name: 'audio', filename: 'a.wav', data: wav, headers: ['Bad Header Name: x'] }])),
      upload(encoder.encode(`--${BOUNDARY}\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n--${BOUNDARY}--\r\n`)),
    ];
    for (const attempt of malformed) {
      const error = await expectPauzError(attempt, 'VALIDATION_FAILED');
      expect(error.message).toBe('Malformed multipart body');
    }
  });

  it('fails a form a host decoded as text as a host fault (a 500, not a PauzError): its bytes are gone', async () => {
    const failure = readAudioUpload(request({ kind: 'text', text: 'x' }), 1_000_000);
    await expect(failure).rejects.toThrow(/text body parser.*bytes are lost/);
    await expect(failure).rejects.toSatisfy((error: unknown) => !isPauzError(error));
  });

  it('bounds the parts and their headers (PAYLOAD_TOO_LARGE)', async () => {
    const many = Array.from({ length: 33 }, (_, i) => ({ name: `f${i}`, data: 'x' }));
    await expectPauzError(upload(form([...many, { name: 'audio', filename: 'a.wav', data: audio }])), 'PAYLOAD_TOO_LARGE');
    const longHeader = { name: 'audio', filename: 'a.wav', data: audio, headers: [`X-Long: ${'y'.repeat(17 * 1024)}`] };
    await expectPauzError(upload(form([longHeader])), 'PAYLOAD_TOO_LARGE');
    const manyHeaders = { name: 'audio', filename: 'a.wav', data: audio, headers: Array.from({ length: 101 }, (_, i) => `X-H${i}: v`) };
    await expectPauzError(upload(form([manyHeaders])), 'PAYLOAD_TOO_LARGE');
  });
});

describe('readAudioUpload: the cap is enforced while reading', () => {
  /** A body that would go on for `total` bytes, counting what was pulled from it. */
  function endless(head: Uint8Array, fill: number, total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(fill);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = pulled === 0 ? head : chunk;
        if (pulled >= total) return controller.close();
        pulled += next.byteLength;
        controller.enqueue(next);
      },
    }, { highWaterMark: 0 });
    return { stream, pulled: () => pulled };
  }
  const headOf = (name: string, filename?: string): Uint8Array =>
    encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}\r\n\r\n`);

  it('stops reading an oversized recording at the cap, long before the body ends', async () => {
    const max = 1_000_000;
    const body = endless(concat([headOf('audio', 'a.wav'), makeWav()]), 0, 50_000_000);
    const error = await expectPauzError(readAudioUpload(request({ kind: 'stream', stream: body.stream }), max), 'PAYLOAD_TOO_LARGE');
    expect(error.message).toContain(`${max} bytes`);
    expect(body.pulled()).toBeLessThan(max + 2 * 65_536);
  });

  it('stops reading a huge field that is not the audio at the body cap, without buffering it', async () => {
    const max = 1_000_000;
    const body = endless(headOf('notes'), 0x61, 50_000_000);
    await expectPauzError(readAudioUpload(request({ kind: 'stream', stream: body.stream }), max), 'PAYLOAD_TOO_LARGE');
    expect(body.pulled()).toBeLessThan(max + 64 * 1024 + 2 * 65_536);
  });

  it('refuses a declared Content-Length over the cap before reading a byte', async () => {
    const body = endless(headOf('audio', 'a.wav'), 0, 50_000_000);
    await expectPauzError(readAudioUpload(request({ kind: 'stream', stream: body.stream }, CONTENT_TYPE, 50_000_000), 1_000_000), 'PAYLOAD_TOO_LARGE');
    expect(body.pulled()).toBe(0);
  });
});

describe('formDataDisposition', () => {
  it('reads the name and whether a file name is given, in any script', () => {
    expect(formDataDisposition('form-data; name="audio"; filename="録音.webm"')).toEqual({ name: 'audio', isFile: true });
    expect(formDataDisposition('Form-Data; name=audio; filename*=UTF-8\'\'%E9%8C%B2.webm')).toEqual({ name: 'audio', isFile: true });
    expect(formDataDisposition('form-data; name="a\\"b"')).toEqual({ name: 'a"b', isFile: false });
    expect(formDataDisposition('form-data; name="x"; filename=""')).toEqual({ name: 'x', isFile: true });
    expect(formDataDisposition(['form-data; name="first"', 'form-data; name="second"'])).toEqual({ name: 'first', isFile: false });
    for (const bad of [undefined, 'attachment; name="audio"', 'form-data', 'form-data; filename="a.wav"']) expect(formDataDisposition(bad)).toBeNull();
  });
});
