/**
 * Hostile use of the built service (dist/index.js) in workerd, what holds today
 * (helper hx, issue 12): racing saves and registrations over HTTP, another user's ids,
 * a restart on the same persisted D1, three isolates migrating one fresh D1 at once,
 * and a missing binding or secret answered as a 503 that names it without a secret.
 */
import { Miniflare } from 'miniflare';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Call, callOn, DIST, useServiceWithS3 } from './miniflare.js';

const PASSWORD = 'correct horse battery staple';
const json = { 'content-type': 'application/json' };
const SECRET = 'hx-secret-value-that-must-never-be-shown';

function tally(results: Call[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = `${r.status}${r.body?.code === undefined ? '' : `:${r.body.code}`}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** The bundle with chosen bindings: for the start-up failures. */
async function startBare(options: { r2: string[]; d1: string[]; vars: Record<string, string>; persistDir?: string }): Promise<{ call: (path: string, init?: RequestInit) => Promise<Call>; close: () => Promise<void> }> {
  const mf = new Miniflare({
    ...(options.persistDir === undefined ? {} : { d1Persist: join(options.persistDir, 'd1'), r2Persist: join(options.persistDir, 'r2') }),
    modules: true,
    scriptPath: DIST,
    compatibilityDate: '2024-09-23',
    compatibilityFlags: ['nodejs_compat'],
    d1Databases: options.d1,
    r2Buckets: options.r2,
    bindings: options.vars,
  });
  await mf.ready;
  return { call: callOn((path, init) => mf.dispatchFetch(`http://pauz.test${path}`, init as never) as unknown as Promise<Response>), close: () => mf.dispose() };
}

describe('the Raindrop example service under hostile use', () => {
  const fx = useServiceWithS3();
  const call = fx.call;
  const register = async (email: string): Promise<{ userId: string; auth: Record<string, string> }> => {
    const reg = await call('/auth/register', { method: 'POST', headers: json, body: JSON.stringify({ email, password: PASSWORD }) });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    return { userId: reg.body.user.id, auth: { ...json, authorization: `Bearer ${reg.body.token}` } };
  };

  it('lets exactly one of 20 saves with the same baseVersion win, and keeps the winner', async () => {
    const { auth } = await register('saves@example.com');
    for (let round = 0; round < 3; round++) {
      const session = await call('/freejournal/', { method: 'POST', headers: auth, body: '{}' });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => call(`/freejournal/${session.body.id}/save`, { method: 'POST', headers: auth, body: JSON.stringify({ content: `writer ${i}`, baseVersion: 1 }) })),
      );
      expect(tally(results)).toEqual({ '200': 1, '409:VERSION_CONFLICT': 19 });
      const winner = results.find((r) => r.status === 200);
      const read = await call(`/freejournal/${session.body.id}`, { headers: auth });
      expect(read.body).toMatchObject({ version: 2, content: winner?.body.content });
    }
  });

  it('registers one account of 8 racing registrations of one email (in any case)', async () => {
    const email = 'twins@example.com';
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call('/auth/register', { method: 'POST', headers: json, body: JSON.stringify({ email: i % 2 === 0 ? email : email.toUpperCase(), password: `${PASSWORD} ${i}` }) }),
      ),
    );
    expect(tally(results)).toEqual({ '201': 1, '409:EMAIL_TAKEN': 7 });
    const d1 = await fx.service.mf.getD1Database('PAUZ');
    expect((await d1.prepare('select count(*) as n from pauz_users where email = ?').bind(email).first<{ n: number }>())?.n).toBe(1);
    const winner = results.findIndex((r) => r.status === 201);
    expect((await call('/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email, password: `${PASSWORD} ${winner}` }) })).status).toBe(200);
  });

  it("answers another user's ids with 404 on every route that takes one, and changes nothing", async () => {
    const alice = await register('alice@example.com');
    const bob = await register('bob@example.com');
    const session = await call('/freejournal/', { method: 'POST', headers: alice.auth, body: JSON.stringify({ title: 'alice' }) });
    const id = session.body.id as string;
    await call(`/freejournal/${id}/save`, { method: 'POST', headers: alice.auth, body: JSON.stringify({ content: 'alice diary', baseVersion: 1 }) });
    const flower = await call('/garden/', { method: 'POST', headers: alice.auth, body: JSON.stringify({ mood: 'happy', note: 'alice note' }) });
    const prompts = await call('/guided_journal/prompts', { method: 'POST', headers: alice.auth, body: JSON.stringify({ topic: 'joy' }) });
    const guided = await call('/guided_journal/', { method: 'POST', headers: alice.auth, body: JSON.stringify({ topic: 'joy', prompts: prompts.body.prompts, entries: [{ promptId: 1, response: 'alice guided' }] }) });
    expect([flower.status, guided.status]).toEqual([201, 201]);
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/freejournal/${id}`],
      ['DELETE', `/freejournal/${id}`],
      ['POST', `/freejournal/${id}/save`, { content: 'bob was here', baseVersion: 2 }],
      ['POST', `/freejournal/${id}/hints`, {}],
      ['GET', `/freejournal/${id}/hints`],
      ['GET', `/freejournal/${id}/recordings`],
      ['POST', `/freejournal/${id}/reflect`, {}],
      ['POST', `/freejournal/${id}/export`, {}],
      ['GET', `/guided_journal/${guided.body.id}`],
      ['PUT', `/guided_journal/${guided.body.id}`, { entries: [{ promptId: 1, response: 'bob' }] }],
      ['DELETE', `/guided_journal/${guided.body.id}`],
      ['POST', `/guided_journal/${guided.body.id}/export`, {}],
      ['DELETE', `/garden/${flower.body.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(path, { method, headers: bob.auth, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(404);
    }
    expect((await call(`/freejournal/${id}`, { headers: alice.auth })).body).toMatchObject({ content: 'alice diary', version: 2 });
    expect((await call(`/guided_journal/${guided.body.id}`, { headers: alice.auth })).body.entries[0].response).toBe('alice guided');
    expect((await call('/garden/', { headers: alice.auth })).body.items).toHaveLength(1);
  });

  it('restarts on the same persisted D1 (migrations again, no error) and three isolates migrate one fresh D1 at once', async () => {
    const persistDir = mkdtempSync(join(tmpdir(), 'pauz-hx-restart-'));
    const vars = { VULTR_ACCESS_KEY: 'S3RVER', VULTR_SECRET_KEY: 'S3RVER', VULTR_REGION: 'ewr1', VULTR_BUCKET_NAME: fx.s3.bucket, VULTR_ENDPOINT: fx.s3.endpoint };
    const buckets = { r2: ['HINTS', 'GUIDED_JOURNALS', 'AUDIO_FILES'], d1: ['PAUZ'], vars, persistDir };
    try {
      const first = await startBare(buckets);
      const reg = await first.call('/auth/register', { method: 'POST', headers: json, body: JSON.stringify({ email: 'restart@example.com', password: PASSWORD }) });
      expect(reg.status).toBe(201);
      const auth = { ...json, authorization: `Bearer ${reg.body.token}` };
      const session = await first.call('/freejournal/', { method: 'POST', headers: auth, body: JSON.stringify({ title: 'kept' }) });
      await first.close();
      for (let i = 0; i < 2; i++) {
        const again = await startBare(buckets);
        try {
          expect((await again.call('/health')).status).toBe(200);
          expect((await again.call(`/freejournal/${session.body.id}`, { headers: auth })).body.title).toBe('kept');
          expect((await again.call('/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: 'restart@example.com', password: PASSWORD }) })).status).toBe(200);
        } finally {
          await again.close();
        }
      }
    } finally {
      rmSync(persistDir, { recursive: true, force: true });
    }

    const dir = mkdtempSync(join(tmpdir(), 'pauz-hx-isolates-'));
    const sharedVars = { VULTR_ACCESS_KEY: 'S3RVER', VULTR_SECRET_KEY: 'S3RVER', VULTR_REGION: 'ewr1', VULTR_BUCKET_NAME: fx.s3.bucket, VULTR_ENDPOINT: fx.s3.endpoint };
    const worker = (name: string) => ({
      name,
      modules: true,
      scriptPath: DIST,
      compatibilityDate: '2024-09-23',
      compatibilityFlags: ['nodejs_compat'],
      d1Databases: { PAUZ: 'shared' },
      r2Buckets: { HINTS: 'hints', GUIDED_JOURNALS: 'guided', AUDIO_FILES: 'audio' },
      bindings: sharedVars,
    });
    const mf = new Miniflare({ d1Persist: join(dir, 'd1'), r2Persist: join(dir, 'r2'), workers: [worker('one'), worker('two'), worker('three')] });
    try {
      await mf.ready;
      const workers = await Promise.all(['one', 'two', 'three'].map((n) => mf.getWorker(n)));
      const results = await Promise.all(
        workers.map((w, i) => w.fetch('http://pauz.test/auth/register', { method: 'POST', headers: json, body: JSON.stringify({ email: `isolate${i}@example.com`, password: PASSWORD }) })),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    } finally {
      await mf.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a missing binding or secret with a 503 naming it, never a secret value', async () => {
    const base = { VULTR_ACCESS_KEY: SECRET, VULTR_SECRET_KEY: SECRET, VULTR_REGION: 'ewr1', VULTR_BUCKET_NAME: 'journal-exports', VULTR_ENDPOINT: fx.s3.endpoint };
    const { VULTR_SECRET_KEY: _omitted, ...noSecret } = base;
    const cases: Array<[string, { r2: string[]; d1: string[]; vars: Record<string, string> }, string]> = [
      ['no AUDIO_FILES', { r2: ['HINTS', 'GUIDED_JOURNALS'], d1: ['PAUZ'], vars: base }, 'env.AUDIO_FILES'],
      ['no PAUZ', { r2: ['HINTS', 'GUIDED_JOURNALS', 'AUDIO_FILES'], d1: [], vars: base }, 'env.PAUZ'],
      ['no VULTR_SECRET_KEY', { r2: ['HINTS', 'GUIDED_JOURNALS', 'AUDIO_FILES'], d1: ['PAUZ'], vars: noSecret }, 'VULTR_SECRET_KEY'],
    ];
    for (const [name, options, named] of cases) {
      const bare = await startBare(options);
      try {
        for (const path of ['/health', '/auth/login']) {
          const res = await bare.call(path, path === '/health' ? {} : { method: 'POST', headers: json, body: JSON.stringify({ email: 'a@example.com', password: PASSWORD }) });
          expect(res.status, name).toBe(503);
          expect(res.body.code, name).toBe('NOT_CONFIGURED');
          expect(res.body.detail, name).toContain(named);
          expect(JSON.stringify(res.body), name).not.toContain(SECRET);
        }
      } finally {
        await bare.close();
      }
    }
  });
});
