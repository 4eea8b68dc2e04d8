import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectBytes } from '../bytes.js';
import { harnessFor, type OpenedDatabase } from '../testing/database/fixture.js';
import { openTempSqliteDatabase } from '../testing/sqlite.js';
import { DrainableBody } from './drain.js';
import { createPauzHttp, DEFAULT_MAX_JSON_BYTES, type PauzHttp } from './handler.js';
import type { HttpRequest } from './types.js';

/** A body of `chunks` chunks of `size` bytes that counts what was read and whether it was closed. */
function countedBody(chunks: number, size = 1024): { stream: AsyncIterable<Uint8Array>; read(): number; closed(): boolean } {
  let read = 0;
  let closed = false;
  async function* generate(): AsyncGenerator<Uint8Array> {
    try {
      for (let i = 0; i < chunks; i++) {
        read += size;
        yield new Uint8Array(size);
      }
    } finally {
      closed = true;
    }
  }
  return { stream: generate(), read: () => read, closed: () => closed };
}

const withBody = new Headers({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' });

describe('DrainableBody', () => {
  it('wraps only a stream the headers say is there', () => {
    expect(DrainableBody.of({ kind: 'stream', stream: countedBody(1).stream }, new Headers())).toBeUndefined();
    expect(DrainableBody.of({ kind: 'stream', stream: null }, withBody)).toBeUndefined();
    expect(DrainableBody.of({ kind: 'bytes', bytes: new Uint8Array(4) }, withBody)).toBeUndefined();
    expect(DrainableBody.of({ kind: 'stream', stream: countedBody(1).stream }, new Headers({ 'content-length': '1024' }))).toBeDefined();
  });

  it('keeps the source open when a reader stops early, and drains the rest', async () => {
    const body = countedBody(100);
    const drainable = DrainableBody.of({ kind: 'stream', stream: body.stream }, withBody);
    if (drainable?.body.kind !== 'stream' || drainable.body.stream === null) throw new Error('not wrapped');
    await expect(collectBytes(drainable.body.stream, 10 * 1024)).rejects.toThrow();
    expect(body.closed()).toBe(false);
    expect(body.read()).toBeLessThan(100 * 1024);
    expect(await drainable.drain()).toBe(true);
    expect(body.read()).toBe(100 * 1024);
  });

  it('stops at its byte bound and at its time bound', async () => {
    const big = countedBody(100);
    expect(await DrainableBody.of({ kind: 'stream', stream: big.stream }, withBody)?.drain({ maxBytes: 10 * 1024 })).toBe(false);
    expect(big.read()).toBeLessThanOrEqual(12 * 1024);
    const never: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) };
    const started = Date.now();
    expect(await DrainableBody.of({ kind: 'stream', stream: never }, withBody)?.drain({ timeoutMs: 50 })).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('answers after draining what the route left unread', () => {
  let opened: OpenedDatabase;
  let http: PauzHttp;
  let bounded: PauzHttp;
  beforeAll(async () => {
    opened = await openTempSqliteDatabase();
    const { pauz } = harnessFor(opened.db);
    http = createPauzHttp(pauz);
    bounded = createPauzHttp(pauz, { drain: { maxBytes: 64 * 1024 } });
  });
  afterAll(() => opened.close());

  const post = (path: string, stream: AsyncIterable<Uint8Array>): HttpRequest => ({
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: withBody,
    body: { kind: 'stream', stream },
    raw: null,
  });

  it('reads an unused body to its end and keeps the connection', async () => {
    const body = countedBody(1024);
    const response = await http.handle(post('/nothing-here', body.stream));
    expect(response.status).toBe(404);
    expect(response.headers.connection).toBeUndefined();
    expect(body.read()).toBe(1024 * 1024);
  });

  it('drains past the JSON limit after a 413 (chunked, no declared length) and keeps the connection', async () => {
    // Twice the JSON limit, in 1 KiB chunks.
    const chunks = (2 * DEFAULT_MAX_JSON_BYTES) / 1024;
    const body = countedBody(chunks);
    const response = await http.handle({ ...post('/auth/register', body.stream) });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBeUndefined();
    expect(body.read()).toBe(chunks * 1024);
  });

  it('says connection: close when the rest is past its bound', async () => {
    const body = countedBody(1024);
    const response = await bounded.handle(post('/nothing-here', body.stream));
    expect(response.status).toBe(404);
    expect(response.headers.connection).toBe('close');
    expect(body.read()).toBeLessThan(1024 * 1024);
  });
});

describe('a body that stops arriving', () => {
  let opened: OpenedDatabase;
  let http: PauzHttp;
  beforeAll(async () => {
    opened = await openTempSqliteDatabase();
    const { pauz } = harnessFor(opened.db);
    http = createPauzHttp(pauz, { bodyTimeouts: { idleMs: 50, totalMs: 300 } });
  });
  afterAll(() => opened.close());

  const post = (stream: AsyncIterable<Uint8Array>): HttpRequest => ({
    method: 'POST',
    path: '/auth/register',
    query: new URLSearchParams(),
    headers: withBody,
    body: { kind: 'stream', stream },
    raw: null,
  });

  it('answers 408 REQUEST_TIMEOUT with connection: close when no chunk comes for idleMs', async () => {
    async function* stalls(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"email":');
      await new Promise(() => {});
    }
    const response = await http.handle(post(stalls()));
    expect(response.status).toBe(408);
    expect(JSON.parse(String(response.body))).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    expect(response.headers.connection).toBe('close');
  });

  it('answers 408 when a body that keeps dripping is not done after totalMs', async () => {
    async function* drips(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"email":"');
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        yield new TextEncoder().encode('a');
      }
    }
    const response = await http.handle(post(drips()));
    expect(response.status).toBe(408);
    expect(String(response.body)).toContain('longer than 300 ms');
    expect(response.headers.connection).toBe('close');
  });
});
