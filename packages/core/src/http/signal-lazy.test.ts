import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PauzDatabase } from '../db/schema.js';
import { createPauz } from '../pauz.js';
import { memoryPdfStore } from '../pdf-store/memory.js';
import { createSqliteDatabase } from '../sqlite.js';
import { memoryBuckets } from '../storage/memory.js';
import { TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from '../testing/database/fixture.js';
import { createPauzHttp } from './handler.js';
import type { HttpRequest } from './types.js';

// A server may make a request's signal only when asked (@hono/node-server does, at
// the cost of an AbortController per request): the hot routes must not ask for it
// unless they pass it on to an upstream.
describe('the request signal on the hot routes', () => {
  let db: PauzDatabase;
  let http: ReturnType<typeof createPauzHttp>;
  let token = '';
  let sessionId = '';

  beforeAll(async () => {
    db = createSqliteDatabase();
    const pdfs = memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1' });
    const pauz = createPauz({ db, buckets: memoryBuckets(), pdfs, passwordHasher: TEST_PASSWORD_HASHER });
    await pauz.migrate();
    const auth = await pauz.accounts.register({ email: 'signal@example.com', password: 'correct horse battery' });
    token = auth.token;
    sessionId = (await pauz.freeJournal.create(auth.user.id)).id;
    http = createPauzHttp(pauz);
  });
  afterAll(() => db.destroy());

  /** A request whose `signal` counts how often it was asked for. */
  function request(method: string, path: string, body?: unknown): { request: HttpRequest; asked: () => number } {
    let asked = 0;
    const controller = new AbortController();
    const bytes = body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body));
    const headers = new Headers({ authorization: `Bearer ${token}` });
    if (bytes !== undefined) {
      headers.set('content-type', 'application/json');
      headers.set('content-length', String(bytes.byteLength));
    }
    return {
      request: {
        method,
        path,
        query: new URLSearchParams(),
        headers,
        body: bytes === undefined ? { kind: 'stream', stream: null } : { kind: 'bytes', bytes },
        raw: undefined,
        remoteAddress: '127.0.0.1',
        get signal() {
          asked++;
          return controller.signal;
        },
      },
      asked: () => asked,
    };
  }

  it('a save without hints and a read never ask for it', async () => {
    const save = request('POST', `/freejournal/${sessionId}/save`, { content: 'A quiet morning.' });
    expect((await http.handle(save.request)).status).toBe(200);
    expect(save.asked()).toBe(0);
    const read = request('GET', `/freejournal/${sessionId}`);
    expect((await http.handle(read.request)).status).toBe(200);
    expect(read.asked()).toBe(0);
  });

  it('a save with hints takes it, for the hint uploads', async () => {
    const save = request('POST', `/freejournal/${sessionId}/save`, { content: 'A quiet morning.', hints: ['What made it quiet?'] });
    expect((await http.handle(save.request)).status).toBe(200);
    expect(save.asked()).toBeGreaterThan(0);
  });
});
