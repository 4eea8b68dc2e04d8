import { request as httpRequest } from 'node:http';
import { expect, it } from 'vitest';
import { expectJson, expectNoContent, expectProblem } from './client.js';
import type { ConformanceContext } from './context.js';
import { authSessionSchema, meSchema, sessionSchema } from '../../http/schemas.js';

export function authCases(c: () => ConformanceContext): void {
  it('registers (201), normalises the email and never returns a hash', async () => {
    const { api } = c();
    const email = `New.${crypto.randomUUID().slice(0, 8)}@Example.com`;
    const res = await api.post('/auth/register', { json: { email, password: 'correct horse', name: 'Ada' } });
    const body = expectJson(res, 201, authSessionSchema);
    expect(body.user.email).toBe(email.toLowerCase());
    expect(res.text).not.toMatch(/scrypt|password/i);
    const me = expectJson(await api.get('/auth/me', { token: body.token }), 200, meSchema);
    expect(me.user).toEqual(body.user);
  });

  it('refuses a duplicate email (409) and bad input (400 with field errors)', async () => {
    const { api, register } = c();
    const user = await register();
    expectProblem(await api.post('/auth/register', { json: { email: user.email.toUpperCase(), password: 'another one' } }), 409, 'EMAIL_TAKEN');
    const bad = expectProblem(await api.post('/auth/register', { json: { email: 'nope', password: 'short' } }), 400, 'VALIDATION_FAILED');
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('logs in (200) and answers an unknown email exactly like a wrong password (401)', async () => {
    const { api, register } = c();
    const user = await register();
    expectJson(await api.post('/auth/login', { json: { email: user.email, password: 'correct horse battery' } }), 200, authSessionSchema);
    const wrong = await api.post('/auth/login', { json: { email: user.email, password: 'wrong password' } });
    const unknown = await api.post('/auth/login', { json: { email: `x${crypto.randomUUID()}@example.com`, password: 'wrong password' } });
    expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('rate-limits failed logins per email and client address (429 with Retry-After); another address still signs in', async () => {
    const { api, register, harness } = c();
    const user = await register();
    for (let i = 0; i < harness.pauz.limits.loginFailures; i++) {
      expectProblem(await api.post('/auth/login', { json: { email: user.email, password: 'wrong password' } }), 401, 'INVALID_CREDENTIALS');
    }
    const limited = await api.post('/auth/login', { json: { email: user.email, password: 'correct horse battery' } });
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The owner, from another address (127.0.0.2 is loopback too), is not locked out by the guesser at 127.0.0.1.
    const elsewhere = await loginFrom('127.0.0.2', `${api.baseUrl}/auth/login`, { email: user.email, password: 'correct horse battery' });
    expect(elsewhere.status, elsewhere.text).toBe(200);
    expect(authSessionSchema.parse(JSON.parse(elsewhere.text)).user.id).toBe(user.userId);
    // …and that success does not reset the guesser's count.
    expectProblem(await api.post('/auth/login', { json: { email: user.email, password: 'correct horse battery' } }), 429, 'RATE_LIMITED');
  });

  it('requires a valid bearer token (401) and revokes it on logout (204)', async () => {
    const { api, register } = c();
    const user = await register();
    const missing = await api.get('/auth/me');
    expectProblem(missing, 401, 'UNAUTHENTICATED');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectProblem(await api.get('/auth/me', { token: 'pauz_forged' }), 401, 'UNAUTHENTICATED');
    expectProblem(await api.get('/auth/me', { headers: { authorization: `Basic ${btoa('a:b')}` } }), 401, 'UNAUTHENTICATED');
    expectNoContent(await api.post('/auth/logout', { token: user.token }));
    expectProblem(await api.get('/auth/me', { token: user.token }), 401, 'UNAUTHENTICATED');
  });

  it('deletes the account and all of its data (204)', async () => {
    const { api, register } = c();
    const user = await register();
    const session = expectJson(await api.post('/freejournal/', { token: user.token, json: { title: 'gone soon' } }), 201, sessionSchema);
    expectNoContent(await api.delete('/auth/me', { token: user.token }));
    expectProblem(await api.get(`/freejournal/${session.id}`, { token: user.token }), 401, 'UNAUTHENTICATED');
    expectProblem(await api.post('/auth/login', { json: { email: user.email, password: 'correct horse battery' } }), 401, 'INVALID_CREDENTIALS');
    // The email can be used again.
    expectJson(await api.post('/auth/register', { json: { email: user.email, password: 'a new password' } }), 201, authSessionSchema);
  });
}

/** POSTs JSON from a chosen local address (any 127.x.y.z is loopback on Linux), as a client elsewhere would. */
function loginFrom(localAddress: string, url: string, body: unknown): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
