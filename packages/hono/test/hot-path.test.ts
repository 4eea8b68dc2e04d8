import { createPauz, memoryBuckets, memoryPdfStore, type Pauz } from '@pauz/core';
import { type OpenedDatabase, openTempSqliteDatabase, TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from '@pauz/core/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauzHono } from '../src/index.js';

/** A request that counts how often its `body` is looked at (on @hono/node-server, each look builds a whole undici Request). */
class WatchedRequest extends Request {
  bodyReads = 0;
  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    this.bodyReads++;
    return super.body;
  }
}

describe('pauzHono on the hot path', () => {
  let opened: OpenedDatabase;
  let pauz: Pauz;
  let app: Hono;
  let token: string;
  let sessionId: string;

  beforeAll(async () => {
    opened = await openTempSqliteDatabase();
    const pdfs = memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1' });
    pauz = createPauz({ db: opened.db, buckets: memoryBuckets(), pdfs, passwordHasher: TEST_PASSWORD_HASHER });
    await pauz.migrate();
    const session = await pauz.accounts.register({ email: 'ada@example.com', password: 'correct horse battery' });
    token = session.token;
    sessionId = (await pauz.freeJournal.create(session.user.id, { title: 'Morning' })).id;
    app = new Hono();
    app.route('/api', pauzHono(pauz, { maxJsonBytes: 4096 }));
  });
  afterAll(async () => {
    await opened.close();
  });

  const save = (content: string): WatchedRequest =>
    new WatchedRequest(`http://127.0.0.1/api/freejournal/${sessionId}/save`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(JSON.stringify({ content }).length) },
      body: JSON.stringify({ content }),
    });

  it('answers a GET without looking at its body', async () => {
    for (const method of ['GET', 'HEAD']) {
      const request = new WatchedRequest(`http://127.0.0.1/api/freejournal/${sessionId}?unused=1`, { method, headers: { authorization: `Bearer ${token}` } });
      const response = await app.fetch(request);
      expect(response.status).toBe(200);
      if (method === 'GET') expect(await response.json()).toMatchObject({ id: sessionId, title: 'Morning' });
      expect(request.bodyReads).toBe(0);
    }
  });

  it('reads a JSON body within the limit whole, without its stream', async () => {
    const request = save('Slept well.');
    const response = await app.fetch(request);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ content: 'Slept well.', wordCount: 2 });
    expect(request.bodyReads).toBe(0);
  });

  it('streams a body over the limit, and still refuses it', async () => {
    const request = save('x'.repeat(5000));
    const response = await app.fetch(request);
    expect(response.status).toBe(413);
    expect(request.bodyReads).toBeGreaterThan(0);
    expect((await pauz.freeJournal.get((await pauz.accounts.authenticate(token))!.id, sessionId)).content).toBe('Slept well.');
  });
});
