import { serve } from '@hono/node-server';
import { createPauz, memoryBuckets, memoryPdfStore, type Pauz } from '@pauz/core';
import {
  makeWav,
  manualClock,
  openTempSqliteDatabase,
  scriptedTranscriber,
  TEST_LINK_SECRET,
  TEST_PASSWORD_HASHER,
  type ListeningServer,
  mountedServer,
  TestClient,
  type TestResponse,
} from '@pauz/core/testing';
import { pauzHono } from '@pauz/hono';
import express from 'express';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauzExpress } from '../src/index.js';

/*
 * The same scripted requests against @pauz/hono and @pauz/express, each on its own
 * database with the same clock and id sequence: statuses, the headers that matter
 * and bodies must be identical (tokens aside, which are random by design).
 */

const HEADERS = ['content-type', 'cache-control', 'allow', 'retry-after', 'www-authenticate', 'connection'];

async function deterministicPauz(): Promise<{ pauz: Pauz; close: () => Promise<void> }> {
  const opened = await openTempSqliteDatabase();
  let n = 0;
  const clock = manualClock('2026-05-01T09:00:00Z');
  const pauz = createPauz({
    db: opened.db,
    buckets: memoryBuckets({ clock }),
    pdfs: memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://pauz.test/api', clock }),
    transcriber: scriptedTranscriber((request) => `heard ${request.audio.byteLength} bytes`),
    clock,
    ids: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    passwordHasher: TEST_PASSWORD_HASHER,
  });
  await pauz.migrate();
  return { pauz, close: opened.close };
}

function listen(server: ListeningServer, path: string): { client: TestClient; close: () => Promise<void> } {
  const mounted = mountedServer(server, path);
  return { client: new TestClient(mounted.url), close: mounted.close };
}

type Step = (api: TestClient, state: Record<string, string>) => Promise<TestResponse>;

const script: Array<[string, Step]> = [
  ['health', (api) => api.get('/health')],
  ['register', (api) => api.post('/auth/register', { json: { email: 'Ada@Example.com', password: 'correct horse', name: 'Ada' } })],
  ['register duplicate', (api) => api.post('/auth/register', { json: { email: 'ada@example.com', password: 'correct horse' } })],
  ['register invalid', (api) => api.post('/auth/register', { json: { email: 'x', password: '1' } })],
  ['login wrong', (api) => api.post('/auth/login', { json: { email: 'ada@example.com', password: 'wrong horse' } })],
  ['me without token', (api) => api.get('/auth/me')],
  ['me', (api, s) => api.get('/auth/me', { token: s.token })],
  ['create', (api, s) => api.post('/freejournal/', { token: s.token, json: { title: 'Parity' } })],
  ['create no slash no body', (api, s) => api.post('/freejournal', { token: s.token })],
  ['save', (api, s) => api.post(`/freejournal/${s.session}/save`, { token: s.token, json: { content: 'Hello “world” 🌻', baseVersion: 1 } })],
  ['save conflict', (api, s) => api.post(`/freejournal/${s.session}/save`, { token: s.token, json: { content: 'x', baseVersion: 1 } })],
  ['save malformed', (api, s) => api.post(`/freejournal/${s.session}/save`, { token: s.token, raw: { body: '{"content":', contentType: 'application/json' } })],
  ['save text/plain', (api, s) => api.post(`/freejournal/${s.session}/save`, { token: s.token, raw: { body: 'hi', contentType: 'text/plain' } })],
  ['save too large', (api, s) => api.post(`/freejournal/${s.session}/save`, { token: s.token, json: { content: 'y'.repeat(1_100_000) } })],
  ['list', (api, s) => api.get('/freejournal/?limit=1', { token: s.token })],
  ['hint', (api, s) => api.post(`/freejournal/${s.session}/hints`, { token: s.token })],
  ['save with hints', (api, s) => api.post(`/freejournal/${s.session}/save`, { token: s.token, json: { content: 'More.', hints: ['And then?'] } })],
  ['hints', (api, s) => api.get(`/freejournal/${s.session}/hints`, { token: s.token })],
  ['topics', (api) => api.get('/guided_journal/topics')],
  ['prompts', (api, s) => api.post('/guided_journal/prompts', { token: s.token, json: { topic: 'joy' } })],
  ['guided create', (api, s) => api.post('/guided_journal/', { token: s.token, json: { topic: 'joy', entries: [{ promptId: 1, response: 'Music' }] } })],
  ['guided list', (api, s) => api.get('/guided_journal/', { token: s.token })],
  ['guided update', (api, s) => api.put(`/guided_journal/${s.journal}`, { token: s.token, json: { entries: [], baseVersion: 1 } })],
  ['guided conflict', (api, s) => api.put(`/guided_journal/${s.journal}`, { token: s.token, json: { entries: [], baseVersion: 1 } })],
  ['guided get', (api, s) => api.get(`/guided_journal/${s.journal}`, { token: s.token })],
  ['voice', (api, s) => api.post(`/freejournal/${s.session}/voice`, { token: s.token, raw: { body: makeWav({ seconds: 0.1 }), contentType: 'audio/wav' } })],
  ['voice wrong type', (api, s) => api.post(`/freejournal/${s.session}/voice`, { token: s.token, raw: { body: 'nope', contentType: 'audio/wav' } })],
  ['reflect', (api, s) => api.post(`/freejournal/${s.session}/reflect`, { token: s.token })],
  ['export', (api, s) => api.post(`/freejournal/${s.session}/export`, { token: s.token })],
  ['guided export', (api, s) => api.post(`/guided_journal/${s.journal}/export`, { token: s.token })],
  ['download refused', (api) => api.get('/files/pdf/users/x/free-journal-y.pdf?expires=1&signature=abc')],
  ['list bad', (api, s) => api.get('/freejournal/?limit=1000', { token: s.token })],
  ['get missing', (api, s) => api.get('/freejournal/00000000-0000-4000-8000-999999999999', { token: s.token })],
  ['flower', (api, s) => api.post('/garden/', { token: s.token, json: { mood: 'calm', date: '2026-04-30' } })],
  ['garden', (api, s) => api.get('/garden', { token: s.token })],
  ['stats', (api, s) => api.get('/garden/stats?tz=Asia/Tokyo', { token: s.token })],
  ['stats bad tz', (api, s) => api.get('/garden/stats?tz=Nope/Nope', { token: s.token })],
  ['overview', (api, s) => api.get('/stats/overview', { token: s.token })],
  ['wrong method', (api, s) => api.put('/freejournal/', { token: s.token, json: {} })],
  ['unknown route', (api) => api.get('/does/not/exist')],
  ['double slash', (api, s) => api.get('//garden/stats', { token: s.token })],
  ['host-like path', (api) => api.get('//evil.example/health')],
  ['openapi', (api) => api.get('/openapi.json')],
  // Bodies the routes never read: a strict JSON parser's refusals, an unknown encoding.
  ['options with body null', (api, s) => api.request('OPTIONS', '/garden/stats', { token: s.token, raw: { body: 'null', contentType: 'application/json' } })],
  ['save body false', (api, s) => api.post(`/freejournal/${s.session}/save`, { token: s.token, raw: { body: 'false', contentType: 'application/json' } })],
  ['save body 1', (api, s) => api.post(`/freejournal/${s.session}/save`, { token: s.token, raw: { body: '1', contentType: 'application/json' } })],
  ['save body null', (api, s) => api.post(`/freejournal/${s.session}/save`, { token: s.token, raw: { body: 'null', contentType: 'application/json' } })],
  ['delete session, body false', (api, s) => api.delete(`/freejournal/${s.session}`, { token: s.token, raw: { body: 'false', contentType: 'application/json' } })],
  ['delete session again', (api, s) => api.delete(`/freejournal/${s.session}`, { token: s.token })],
  ['logout, content-encoding e1', (api, s) => api.post('/auth/logout', { token: s.token, raw: { body: '{}', contentType: 'application/json' }, headers: { 'content-encoding': 'e1' } })],
  ['after logout', (api, s) => api.get('/auth/me', { token: s.token })],
];

function normalise(res: TestResponse): unknown {
  const headers = Object.fromEntries(HEADERS.map((h) => [h, res.headers.get(h)]));
  return { status: res.status, headers, body: res.text.replace(/pauz_[\w-]{43}/g, '<token>') };
}

describe('@pauz/hono and @pauz/express answer identically', () => {
  const closers: Array<() => Promise<void>> = [];
  const clients: Record<'hono' | 'express', TestClient> = {} as never;

  beforeAll(async () => {
    const forHono = await deterministicPauz();
    const honoApp = new Hono();
    honoApp.route('/api', pauzHono(forHono.pauz));
    const honoServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: honoApp.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const hono = listen(honoServer, '/api');

    const forExpress = await deterministicPauz();
    const expressApp = express();
    expressApp.use(express.json({ limit: '2mb' }));
    expressApp.use('/api', pauzExpress(forExpress.pauz));
    const expressServer = await new Promise<ReturnType<typeof expressApp.listen>>((resolve) => {
      const s = expressApp.listen(0, '127.0.0.1', () => resolve(s));
    });
    const ex = listen(expressServer, '/api');

    clients.hono = hono.client;
    clients.express = ex.client;
    closers.push(hono.close, ex.close, forHono.close, forExpress.close);
  });

  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('for every step of the script', async () => {
    const state: Record<'hono' | 'express', Record<string, string>> = { hono: {}, express: {} };
    for (const [name, step] of script) {
      const [h, e] = [await step(clients.hono, state.hono), await step(clients.express, state.express)];
      expect(normalise(e), name).toEqual(normalise(h));
      for (const [who, res] of [['hono', h], ['express', e]] as const) {
        if (name === 'register') state[who].token = res.body.token;
        if (name === 'create') state[who].session = res.body.id;
        if (name === 'guided create') state[who].journal = res.body.id;
      }
    }
  });
});
