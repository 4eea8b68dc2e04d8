import { serve } from '@hono/node-server';
import { zValidator } from '@hono/zod-validator';
import { createPauz, memoryBuckets, memoryPdfStore, type Pauz, type PauzLogger } from '@pauz/core';
import {
  type ConformanceServer,
  mountedServer,
  openTempSqliteDatabase,
  scriptedTranscriber,
  TEST_LINK_SECRET,
  TEST_PASSWORD_HASHER,
  TestClient,
  testHostMiddleware,
} from '@pauz/core/testing';
import { Hono, type MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { pauzHono } from '../src/index.js';

/** A host app: `setup` adds its middleware, then Pauz is mounted under /api. */
async function hostApp(pauz: Pauz, logger: PauzLogger, setup: (app: Hono) => void): Promise<ConformanceServer> {
  const app = new Hono();
  setup(app);
  app.route('/api', pauzHono(pauz, { logger }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return mountedServer(server, '/api');
}

const hasBody = (c: Parameters<MiddlewareHandler>[0]): boolean => c.req.header('content-length') !== undefined || c.req.header('transfer-encoding') !== undefined;

// Host middleware of the kinds real apps have: an audit log peeking at JSON, a
// webhook-style signature check over the raw bytes, a text logger, a form reader.
const peekJson: MiddlewareHandler = async (c, next) => {
  if (/json/.test(c.req.header('content-type') ?? '')) await c.req.json().catch(() => undefined);
  await next();
};
const readBytes: MiddlewareHandler = async (c, next) => {
  if (hasBody(c)) await c.req.arrayBuffer();
  await next();
};
const readText: MiddlewareHandler = async (c, next) => {
  if (hasBody(c)) await c.req.text();
  await next();
};
const readForm: MiddlewareHandler = async (c, next) => {
  await c.req.parseBody();
  await next();
};

testHostMiddleware({
  name: 'hono',
  open: openTempSqliteDatabase,
  hosts: [
    { name: 'c.req.json() middleware', start: (pauz, { logger }) => hostApp(pauz, logger, (app) => app.use('/api/*', peekJson)) },
    { name: 'c.req.arrayBuffer() middleware', start: (pauz, { logger }) => hostApp(pauz, logger, (app) => app.use('/api/*', readBytes)) },
    { name: 'c.req.parseBody() middleware', start: (pauz, { logger }) => hostApp(pauz, logger, (app) => app.use('/api/*', readForm)) },
    {
      name: 'c.req.text() middleware',
      start: (pauz, { logger }) => hostApp(pauz, logger, (app) => app.use('/api/*', readText)),
      decodesAudioAsText: true,
    },
    {
      name: '@hono/zod-validator and hono/validator on Pauz routes',
      start: (pauz, { logger }) =>
        hostApp(pauz, logger, (app) => {
          app.post('/api/auth/register', zValidator('json', z.object({ email: z.string(), password: z.string() })));
          app.post('/api/freejournal/:id/save', zValidator('json', z.object({ content: z.string().optional() }).passthrough()));
          app.post('/api/freejournal/:id/voice', validator('form', (value) => value));
        }),
      answersMalformedJson: true,
    },
  ],
});

describe('@pauz/hono behind host middleware: what only Hono hosts do', () => {
  let close: () => Promise<void> = async () => {};
  let api: TestClient;
  let token = '';
  let sessionId = '';
  const logged: string[] = [];

  beforeAll(async () => {
    const opened = await openTempSqliteDatabase();
    const pauz = createPauz({
      db: opened.db,
      buckets: memoryBuckets(),
      pdfs: memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://pauz.test/api' }),
      transcriber: scriptedTranscriber(),
      passwordHasher: TEST_PASSWORD_HASHER,
    });
    await pauz.migrate();
    // Reads the raw Request itself, past Hono's body cache.
    const server = await hostApp(pauz, { error: (message, context) => void logged.push(`${message}: ${String((context.error as Error | undefined)?.message)}`) }, (app) =>
      app.use('/api/*', async (c, next) => {
        if (hasBody(c)) await c.req.raw.text();
        await next();
      }),
    );
    api = new TestClient(server.url);
    const registered = await pauz.accounts.register({ email: 'hono.host@example.com', password: 'correct horse battery' });
    token = registered.token;
    sessionId = (await pauz.freeJournal.create(registered.user.id, {})).id;
    close = async () => {
      await server.close();
      await opened.close();
    };
  });
  afterAll(() => close());

  it('answers 500 and logs the cause when a middleware read c.req.raw past the body cache (the client is not at fault)', async () => {
    const res = await api.post(`/freejournal/${sessionId}/save`, { token, json: { content: 'gone' } });
    expect(res.status, res.text).toBe(500);
    expect(res.body.code).toBe('INTERNAL');
    expect(logged.join('\n')).toContain("Hono's body cache");
    expect((await api.get(`/freejournal/${sessionId}`, { token })).status).toBe(200);
  });
});
