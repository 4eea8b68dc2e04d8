import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createPauzClient, isPauzClientError, PauzClientError } from '../src/index.js';

/** A fetch that answers every request with `response` and records what it was asked. */
function answering(make: () => Response): { fetch: (input: string, init: RequestInit) => Promise<Response>; calls: Array<{ url: string; init: RequestInit }> } {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return make();
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('requests as the client builds them', () => {
  it('encodes path parameters, drops empty query values and trailing slashes, and sends JSON with the token', async () => {
    const fake = answering(() => Response.json({ items: [], nextCursor: null }));
    const client = createPauzClient({ baseUrl: 'https://example.com/api/', token: 't0k', fetch: fake.fetch });
    await client.freeJournal.list({ limit: 5, q: undefined, cursor: 'a b' });
    await client.freeJournal.save({ id: 'a/b?c' }, { content: 'x' }, { headers: { 'x-request-id': 'r1' } });
    await client.files.pdf({ key: 'user 1/doc.pdf' }, { expires: '1', signature: 's' });
    expect(fake.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET https://example.com/api/freejournal?limit=5&cursor=a%20b',
      'POST https://example.com/api/freejournal/a%2Fb%3Fc/save',
      'GET https://example.com/api/files/pdf/user%201/doc.pdf?expires=1&signature=s',
    ]);
    const save = fake.calls[1]?.init;
    expect(save?.body).toBe('{"content":"x"}');
    expect(save?.headers).toMatchObject({ authorization: 'Bearer t0k', 'content-type': 'application/json', 'x-request-id': 'r1' });
    expect(fake.calls[0]?.init.body).toBeUndefined();
  });

  it('sends uploads as raw bytes with their media type, and POSTs without a body when there is no input', async () => {
    const fake = answering(() => Response.json({}));
    const client = createPauzClient({ baseUrl: 'https://example.com', fetch: fake.fetch });
    const blob = new Blob([new Uint8Array([1, 2])], { type: 'audio/webm;codecs=opus' });
    await client.freeJournal.uploadVoice({ id: 's' }, blob);
    await client.freeJournal.uploadVoice({ id: 's' }, new Uint8Array([1, 2]));
    await client.freeJournal.uploadVoice({ id: 's' }, new Uint8Array([1, 2]), { contentType: 'audio/ogg' });
    await client.freeJournal.create();
    expect(fake.calls.map((c) => (c.init.headers as Record<string, string>)['content-type'])).toEqual([
      'audio/webm;codecs=opus',
      'application/octet-stream',
      'audio/ogg',
      undefined,
    ]);
    expect(fake.calls[0]?.init.body).toBe(blob);
    expect(fake.calls[3]?.init.body).toBeUndefined();
  });

  it('resolves download links against the base URL, and sends them no token', async () => {
    const fake = answering(() => new Response('%PDF-'));
    const client = createPauzClient({ baseUrl: 'https://example.com/api', token: 't0k', fetch: fake.fetch });
    await client.download('https://bucket.s3.example.net/a.pdf?X-Amz-Signature=s');
    await client.download('/api/files/pdf/a.pdf');
    await client.download('files/pdf/a.pdf');
    expect(fake.calls.map((c) => c.url)).toEqual([
      'https://bucket.s3.example.net/a.pdf?X-Amz-Signature=s',
      'https://example.com/api/files/pdf/a.pdf',
      'https://example.com/api/files/pdf/a.pdf',
    ]);
    expect(fake.calls.map((c) => (c.init.headers as Record<string, string>).authorization)).toEqual([undefined, undefined, undefined]);
  });

  it('refuses a call without a path parameter or upload bytes before sending anything', async () => {
    const fake = answering(() => Response.json({}));
    const client = createPauzClient({ baseUrl: 'https://example.com', fetch: fake.fetch });
    await expect(client.freeJournal.get({ id: '' })).rejects.toThrow(/Missing path parameter id/);
    await expect(client.freeJournal.uploadVoice({ id: 's' }, undefined as unknown as Blob)).rejects.toThrow(/freeJournal.uploadVoice needs the bytes/);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('failures', () => {
  it('turns a problem document into a PauzClientError with every member', async () => {
    const problem = { type: 'urn:pauz:problem:rate-limited', title: 'Too many requests', status: 429, detail: 'Wait', code: 'RATE_LIMITED', retryAfterSeconds: 30 };
    const client = createPauzClient({
      baseUrl: 'https://example.com',
      fetch: answering(() => Response.json(problem, { status: 429, headers: { 'content-type': 'application/problem+json' } })).fetch,
    });
    const error = await rejection(client.auth.login({ email: 'a@example.com', password: 'p' }));
    expect(error).toBeInstanceOf(PauzClientError);
    expect(error).toMatchObject({ name: 'PauzClientError', code: 'RATE_LIMITED', status: 429, message: 'Wait', detail: 'Wait', retryAfterSeconds: 30, problem });
    expect((error as PauzClientError).response?.status).toBe(429);
  });

  it('says NETWORK_ERROR, with the cause, when nothing answers', async () => {
    const client = createPauzClient({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const error = await rejection(client.meta.health());
    expect(isPauzClientError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0, response: undefined });
    expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/health got no answer/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('says UNEXPECTED_RESPONSE for an error page that is not a problem, and for a success that is not JSON', async () => {
    const html = createPauzClient({
      baseUrl: 'https://example.com',
      fetch: answering(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })).fetch,
    });
    const gateway = await rejection(html.auth.me());
    expect(gateway).toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 502, problem: undefined });
    expect((gateway as Error).message).toMatch(/answered 502 without a problem document \(text\/html: <html>Bad gateway<\/html>\)/);
    const text = createPauzClient({ baseUrl: 'https://example.com', fetch: answering(() => new Response('ok', { status: 200 })).fetch });
    expect(await rejection(text.auth.me())).toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 200 });
  });

  it('says NETWORK_ERROR, with the status, when the answer breaks off', async () => {
    const broken = (): Response =>
      new Response(
        new ReadableStream({
          pull(controller) {
            controller.error(new Error('connection reset'));
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    const client = createPauzClient({ baseUrl: 'https://example.com', fetch: answering(broken).fetch });
    const error = await rejection(client.auth.me());
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 200 });
    expect((error as Error).message).toMatch(/the answer broke off: connection reset/);
  });

  it("answers a documented non-2xx status (health's 503) instead of failing", async () => {
    const body = { status: 'error', checks: { sql: { status: 'error' } } };
    const client = createPauzClient({ baseUrl: 'https://example.com', fetch: answering(() => Response.json(body, { status: 503 })).fetch });
    expect(await client.meta.health()).toEqual(body);
  });

  it("rejects with the signal's reason when the caller aborts", async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    const client = createPauzClient({
      baseUrl: 'https://example.com',
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          // As fetch does: the abort rejects the call in flight with an AbortError.
          if (init.signal?.aborted === true) reject(new DOMException('aborted', 'AbortError'));
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    });
    const pending = client.auth.me({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(reason);
    expect(await rejection(pending)).toBe(reason);
    // Aborted before the call: nothing is sent.
    let sent = 0;
    const counting = createPauzClient({ baseUrl: 'https://example.com', fetch: async () => (sent++, Response.json({})) });
    expect(await rejection(counting.auth.me({ signal: controller.signal }))).toBe(reason);
    expect(sent).toBe(0);
  });

  it('is recognised by the brand across the ESM and CJS builds, where instanceof fails', async () => {
    const esm = (await import('../dist/index.js')) as typeof import('../src/index.js');
    const cjs = createRequire(import.meta.url)('../dist/index.cjs') as typeof import('../src/index.js');
    const error = new esm.PauzClientError({ code: 'NOT_FOUND', status: 404, message: 'gone' });
    expect(error instanceof cjs.PauzClientError).toBe(false);
    expect(cjs.isPauzClientError(error)).toBe(true);
    expect(esm.isPauzClientError(new Error('gone'))).toBe(false);
    expect(esm.isPauzClientError({ code: 'NOT_FOUND' })).toBe(false);
  });
});
