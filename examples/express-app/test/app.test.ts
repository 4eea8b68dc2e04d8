import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createPauz, memoryBuckets, memoryPdfStore } from '@pauz/core';
import { openTempSqliteDatabase, TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from '@pauz/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, hashPassword } from '../src/app.js';

describe('an existing Express app mounting Pauz under /api', () => {
  let server: Server;
  let url = '';
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTempSqliteDatabase();
    const pdfs = memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1/api' });
    const pauz = createPauz({ db: opened.db, buckets: memoryBuckets(), pdfs, passwordHasher: TEST_PASSWORD_HASHER });
    await pauz.migrate();
    const app = createApp(pauz, [
      { id: 'u-ada', email: 'ada@example.com', name: 'Ada', passwordHash: hashPassword('correct horse') },
      { id: 'u-bob', email: 'bob@example.com', name: 'Bob', passwordHash: hashPassword('battery staple') },
    ]);
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = opened.close;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await close();
  });

  async function login(email: string, password: string): Promise<string> {
    const res = await fetch(`${url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  it("lets the app's signed-in users journal through Pauz", async () => {
    const cookie = await login('ada@example.com', 'correct horse');
    const headers = { cookie, 'content-type': 'application/json' };
    const created = await fetch(`${url}/api/freejournal/`, { method: 'POST', headers, body: JSON.stringify({ title: 'From the host app' }) });
    expect(created.status).toBe(201);
    const session = (await created.json()) as { id: string };
    const saved = await fetch(`${url}/api/freejournal/${session.id}/save`, { method: 'POST', headers, body: JSON.stringify({ content: 'Hello from Express' }) });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ content: 'Hello from Express', version: 2 });

    const bob = await login('bob@example.com', 'battery staple');
    const foreign = await fetch(`${url}/api/freejournal/${session.id}`, { headers: { cookie: bob } });
    expect(foreign.status).toBe(404);
  });

  it('answers 401 without a session, and keeps /auth/* off', async () => {
    const res = await fetch(`${url}/api/freejournal/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const register = await fetch(`${url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(register.status).toBe(404);
  });

  it("answers malformed JSON under /api with Pauz's problem, and leaves the app's own errors to the app", async () => {
    const cookie = await login('ada@example.com', 'correct horse');
    const bad = await fetch(`${url}/api/freejournal/`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{oops' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    const hostBad = await fetch(`${url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(hostBad.status).toBe(500);
    expect(await hostBad.json()).toMatchObject({ error: 'host app error' });
    const boom = await fetch(`${url}/boom`);
    expect(await boom.json()).toEqual({ error: 'host app error', message: 'a host route failed' });
  });
});
