import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenAiEmulator, startOpenAiEmulator } from '@pauz/core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, startServer } from './spawn-server.js';

/*
 * 50 users at once against the built reference server: on SQLite (one process) and
 * on PostgreSQL with two processes sharing one database and one data directory.
 * Every acknowledged save lands with its version, nobody sees another's text, a
 * version conflict across processes lets exactly one writer win, the login limit
 * counts failures from both processes, and racing reflections plant one flower.
 */

const POSTGRES_URL = process.env.PAUZ_TEST_POSTGRES_URL;
const USERS = 50;
const SAVES = 4;
const LINK_SECRET = 'pauz-concurrency-link-secret-0123456789';



function stop(server: SpawnedServer | undefined): Promise<void> {
  if (server === undefined || server.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

async function call(base: string, method: string, path: string, token?: string, json?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

interface Writer {
  token: string;
  email: string;
  sessionId: string;
}

/** `USERS` users at once, each saving `SAVES` times in turn, on the servers round-robin. */
async function concurrentUsers(servers: SpawnedServer[], tag: string): Promise<Writer[]> {
  const at = (i: number): string => (servers[i % servers.length] as SpawnedServer).url;
  const writers: Writer[] = await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      const email = `${tag}.${u}.${crypto.randomUUID().slice(0, 8)}@example.com`;
      const reg = await call(at(u), 'POST', '/auth/register', undefined, { email, password: 'correct horse battery' });
      expect(reg.status, JSON.stringify(reg.body)).toBe(201);
      const session = await call(at(u + 1), 'POST', '/freejournal/', reg.body.token, { title: `user ${u}` });
      expect(session.status).toBe(201);
      return { token: reg.body.token as string, email, sessionId: session.body.id as string };
    }),
  );
  await Promise.all(
    writers.map(async (w, u) => {
      for (let n = 1; n <= SAVES; n++) {
        const saved = await call(at(u + n), 'POST', `/freejournal/${w.sessionId}/save`, w.token, { content: `user ${u} save ${n}`, baseVersion: n });
        expect(saved.status, JSON.stringify(saved.body)).toBe(200);
        expect(saved.body.version).toBe(n + 1);
      }
    }),
  );
  // Every save landed where it belongs, read back through either process; nothing crossed.
  await Promise.all(
    writers.map(async (w, u) => {
      const got = await call(at(u + 1), 'GET', `/freejournal/${w.sessionId}`, w.token);
      expect(got.body).toMatchObject({ content: `user ${u} save ${SAVES}`, version: SAVES + 1, title: `user ${u}` });
      const list = await call(at(u), 'GET', '/freejournal/', w.token);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([w.sessionId]);
    }),
  );
  return writers;
}

describe('50 concurrent users on SQLite (one server)', () => {
  let server: SpawnedServer | undefined;
  let dataDir = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pauz-concurrency-sqlite-'));
    server = await startServer({ PORT: '0', PAUZ_DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lands every save with its version and crosses none', async () => {
    await concurrentUsers([server as SpawnedServer], 'sqlite');
  });
});

describe.skipIf(POSTGRES_URL === undefined && process.env.CI !== 'true')('two servers sharing one PostgreSQL database', () => {
  const schema = `pauz_two_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const servers: SpawnedServer[] = [];
  let dataDir = '';
  let emulator: OpenAiEmulator | undefined;

  beforeAll(async () => {
    if (POSTGRES_URL === undefined) throw new Error('PAUZ_TEST_POSTGRES_URL must be set in CI');
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    dataDir = mkdtempSync(join(tmpdir(), 'pauz-concurrency-pg-'));
    emulator = await startOpenAiEmulator({ apiKey: 'sk-two-servers' });
    // The schema rides in the URL as libpq's `options`, which node-postgres passes on.
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = {
      DATABASE_URL: url.toString(),
      PAUZ_DATA_DIR: dataDir,
      PAUZ_LINK_SECRET: LINK_SECRET,
      PAUZ_LLM_URL: emulator.baseUrl,
      PAUZ_LLM_API_KEY: 'sk-two-servers',
    };
    // One after the other: both migrate the same fresh schema.
    servers.push(await startServer({ PORT: '0', ...env }));
    servers.push(await startServer({ PORT: '0', ...env }));
  });

  afterAll(async () => {
    await Promise.all(servers.map(stop));
    await emulator?.close();
    if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
    if (POSTGRES_URL !== undefined) {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });

  const [a, b] = [() => (servers[0] as SpawnedServer).url, () => (servers[1] as SpawnedServer).url];

  // The 50 users of the first case, reused by the others (each registration costs a real scrypt hash).
  let writers: Writer[] = [];
  let next = 0;
  function user(): Writer {
    const w = writers[next++];
    if (w === undefined) throw new Error('the 50-user case did not run first');
    return w;
  }

  it('keeps its tables in the schema named in DATABASE_URL', async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    const { rows } = await admin.query('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [schema, 'pauz_users']);
    await admin.end();
    expect(rows[0].n).toBe(1);
  });

  it('lands every save of 50 users on both processes with its version and crosses none', async () => {
    writers = await concurrentUsers(servers, 'pg');
  });

  it('lets exactly one of two saves on the same base version win, across processes', async () => {
    const { token, sessionId } = user();
    for (let version = SAVES + 1; version <= SAVES + 8; version++) {
      const [first, second] = await Promise.all([
        call(a(), 'POST', `/freejournal/${sessionId}/save`, token, { content: `from A at ${version}`, baseVersion: version }),
        call(b(), 'POST', `/freejournal/${sessionId}/save`, token, { content: `from B at ${version}`, baseVersion: version }),
      ]);
      const statuses = [first.status, second.status].sort();
      expect(statuses).toEqual([200, 409]);
      const winner = first.status === 200 ? first : second;
      const loser = first.status === 200 ? second : first;
      expect(winner.body.version).toBe(version + 1);
      expect(loser.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: version + 1 });
      const stored = await call(version % 2 === 0 ? a() : b(), 'GET', `/freejournal/${sessionId}`, token);
      expect(stored.body).toMatchObject({ content: winner.body.content, version: version + 1 });
    }
  });

  it('counts failed logins from one source across both processes: the 11th attempt is refused (429)', async () => {
    const { email } = user();
    for (let i = 0; i < 10; i++) {
      const wrong = await call(i % 2 === 0 ? a() : b(), 'POST', '/auth/login', undefined, { email, password: `wrong guess ${i}` });
      expect(wrong.status).toBe(401);
    }
    const limited = await call(b(), 'POST', '/auth/login', undefined, { email, password: 'wrong guess 10' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect((await call(a(), 'POST', '/auth/login', undefined, { email, password: 'wrong guess 11' })).status).toBe(429);
  });

  it('plants one flower per session when reflect is raced on both processes', async () => {
    const sessions = Array.from({ length: 5 }, () => user());
    await Promise.all(
      sessions.map(async ({ token, sessionId }) => {
        await call(a(), 'POST', `/freejournal/${sessionId}/save`, token, { content: 'I felt calm and peaceful by the quiet lake.' });
        const raced = await Promise.all([a(), b(), a(), b()].map((base) => call(base, 'POST', `/freejournal/${sessionId}/reflect`, token, {})));
        for (const r of raced) expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(new Set(raced.map((r) => r.body.flower.id)).size).toBe(1);
        const garden = await call(b(), 'GET', '/garden/', token);
        expect(garden.body.items).toHaveLength(1);
      }),
    );
  });
});
