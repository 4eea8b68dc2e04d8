import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPauz, memoryBuckets, memoryPdfStore, type Pauz, type PauzLogger } from '@pauz/core';
import {
  type ConformanceServer,
  makeWav,
  mountedServer,
  openTempSqliteDatabase,
  scriptedTranscriber,
  TEST_LINK_SECRET,
  TEST_PASSWORD_HASHER,
  TestClient,
  testHostMiddleware,
} from '@pauz/core/testing';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import multer from 'multer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauzExpress } from '../src/index.js';

const uploads = mkdtempSync(join(tmpdir(), 'pauz-multer-'));
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

/** A host app: its middleware, then Pauz under /api, then its own error handler. */
async function hostApp(pauz: Pauz, logger: PauzLogger, ...middleware: RequestHandler[]): Promise<ConformanceServer> {
  const app = express();
  for (const m of middleware) app.use(m);
  app.use('/api', pauzExpress(pauz, { logger }));
  const hostErrors: ErrorRequestHandler = (error, _req, res, _next) => {
    res.status(599).send(`host error handler: ${String(error)}`);
  };
  app.use(hostErrors);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return mountedServer(server, '/api');
}

const memory = multer({ storage: multer.memoryStorage() });
const disk = multer({ storage: multer.diskStorage({ destination: uploads }) });

testHostMiddleware({
  name: 'express',
  open: openTempSqliteDatabase,
  hosts: [
    { name: 'express.json()', start: (pauz, { logger }) => hostApp(pauz, logger, express.json({ limit: '2mb' })) },
    { name: 'express.raw()', start: (pauz, { logger }) => hostApp(pauz, logger, express.raw()) },
    { name: "express.raw({ type: '*/*' })", start: (pauz, { logger }) => hostApp(pauz, logger, express.raw({ type: '*/*', limit: '30mb' })) },
    { name: 'express.text()', start: (pauz, { logger }) => hostApp(pauz, logger, express.text()) },
    {
      name: "express.text({ type: '*/*' })",
      start: (pauz, { logger }) => hostApp(pauz, logger, express.text({ type: '*/*', limit: '30mb' })),
      decodesAudioAsText: true,
    },
    { name: 'express.urlencoded()', start: (pauz, { logger }) => hostApp(pauz, logger, express.urlencoded()) },
    { name: 'multer memory storage, any()', start: (pauz, { logger }) => hostApp(pauz, logger, memory.any()) },
    { name: "multer memory storage, single('audio')", start: (pauz, { logger }) => hostApp(pauz, logger, memory.single('audio')) },
    { name: "multer disk storage, single('audio')", start: (pauz, { logger }) => hostApp(pauz, logger, disk.single('audio')) },
    {
      name: 'express.json() + urlencoded() + raw() + multer',
      start: (pauz, { logger }) => hostApp(pauz, logger, express.json({ limit: '2mb' }), express.urlencoded(), express.raw(), memory.any()),
    },
  ],
});

describe('@pauz/express behind host middleware: what only Express hosts do', () => {
  const servers: ConformanceServer[] = [];
  const api: Record<'single' | 'limited' | 'swallowing' | 'lenient', TestClient> = {} as never;
  let close: () => Promise<void> = async () => {};
  let token = '';
  let sessionId = '';
  let userId = '';
  let instance: Pauz | undefined;
  const pauz = (): Pauz => instance as Pauz;
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
    const logger = { error: (message: string, context: Record<string, unknown>) => void logged.push(`${message}: ${String((context.error as Error | undefined)?.message)}`) };
    // A middleware that reads the stream itself and keeps nothing Pauz can take.
    const swallow: RequestHandler = (req, _res, next) => {
      req.on('data', () => {});
      req.on('end', () => next());
    };
    const started = await Promise.all([
      hostApp(pauz, logger, memory.single('audio')),
      hostApp(pauz, logger, multer({ storage: multer.memoryStorage(), limits: { fileSize: 1024 } }).single('audio')),
      hostApp(pauz, logger, swallow),
      hostApp(pauz, logger, express.json({ strict: false })),
    ]);
    servers.push(...started);
    [api.single, api.limited, api.swallowing, api.lenient] = started.map((s) => new TestClient(s.url)) as [TestClient, TestClient, TestClient, TestClient];
    const registered = await pauz.accounts.register({ email: 'express.host@example.com', password: 'correct horse battery' });
    token = registered.token;
    userId = registered.user.id;
    instance = pauz;
    sessionId = (await pauz.freeJournal.create(registered.user.id, {})).id;
    close = async () => {
      await Promise.all(servers.map((s) => s.close()));
      await opened.close();
    };
  });
  afterAll(() => close());

  function form(field: string, bytes: Uint8Array): { body: Uint8Array; contentType: string } {
    const boundary = 'pauzexpresshost';
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\n`);
    const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
    return { body: new Uint8Array([...head, ...bytes, ...tail]), contentType: `multipart/form-data; boundary=${boundary}` };
  }

  it("translates multer's errors on Pauz paths into problem+json (400 unexpected field, 413 over its fileSize)", async () => {
    const wav = makeWav({ seconds: 0.1 });
    const unexpected = await api.single.post(`/freejournal/${sessionId}/voice`, { token, raw: form('file', wav) });
    expect(unexpected.status, unexpected.text).toBe(400);
    expect(unexpected.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'file' }] });
    const tooBig = await api.limited.post(`/freejournal/${sessionId}/voice`, { token, raw: form('audio', wav) });
    expect(tooBig.status, tooBig.text).toBe(413);
    expect(tooBig.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  });

  it("answers multer's parse failures (truncated form, no boundary) with Pauz's 400 problem+json, not the host's 500", async () => {
    const whole = form('audio', makeWav({ seconds: 0.1 }));
    const truncated = await api.single.post(`/freejournal/${sessionId}/voice`, {
      token,
      raw: { body: whole.body.subarray(0, whole.body.length - 40), contentType: whole.contentType },
    });
    const noBoundary = await api.single.post(`/freejournal/${sessionId}/voice`, {
      token,
      raw: { body: whole.body, contentType: 'multipart/form-data' },
    });
    for (const res of [truncated, noBoundary]) {
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringMatching(/^Malformed multipart body/) });
    }
  });

  it('takes what express.json({ strict: false }) parsed, null included, as Pauz would read it', async () => {
    const json = (body: string) => ({ body, contentType: 'application/json' });
    for (const body of ['null', 'false', '1']) {
      const res = await api.lenient.post(`/freejournal/${sessionId}/save`, { token, raw: json(body) });
      expect(res.status, `${body}: ${res.text}`).toBe(400);
      expect(res.body, body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '(body)' }] });
      expect(res.body.detail, body).not.toMatch(/Malformed/);
    }
    const other = (await pauz().freeJournal.create(userId, {})).id;
    const deleted = await api.lenient.delete(`/freejournal/${other}`, { token, raw: json('null') });
    expect(deleted.status, deleted.text).toBe(204);
  });

  it('answers 500 and logs the cause when a middleware consumed the body and left nothing (the client is not at fault)', async () => {
    const res = await api.swallowing.post(`/freejournal/${sessionId}/save`, { token, json: { content: 'gone' } });
    expect(res.status, res.text).toBe(500);
    expect(res.body.code).toBe('INTERNAL');
    expect(logged.join('\n')).toContain('already read this request body');
    // Requests without a body are not affected.
    expect((await api.swallowing.get(`/freejournal/${sessionId}`, { token })).status).toBe(200);
  });
});
