/**
 * Hostile cases against the built service (dist/index.js) in workerd that failed when
 * a hostile test of issue 12 found them, kept as regression tests (each fixed since):
 *
 * 1. Two PDF exports at once in one isolate: the second is cancelled by workerd ("your
 *    Worker's code had hung") — @pdf-lib/fontkit's bundled `process.nextTick` shim
 *    drains one module-level queue from a `setTimeout` of whichever request queued
 *    first, so another request's ticks run in (or wait on) a foreign request context.
 * 2. A 300,000-character save whose NFC/lower-case search copy is larger than the
 *    text (Hebrew presentation forms: 3 bytes each, 6 bytes after NFC) passes the
 *    `D1_CONTENT_CHARS` check and then hits D1's ~2 MB row limit: 500 INTERNAL.
 * 3. Account deletion racing hint generation: hints that finish between the object
 *    sweep and the row batch leave their objects in the HINTS bucket after a 204.
 */
import { describe, expect, it } from 'vitest';
import { useServiceWithS3 } from './miniflare.js';

const PASSWORD = 'correct horse battery staple';
const json = { 'content-type': 'application/json' };

describe('the Raindrop example service under hostile use: bugs found by a hostile test', () => {
  const fx = useServiceWithS3();
  const call = fx.call;
  const register = async (email: string): Promise<{ token: string; userId: string; auth: Record<string, string> }> => {
    const reg = await call('/auth/register', { method: 'POST', headers: json, body: JSON.stringify({ email, password: PASSWORD }) });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    return { token: reg.body.token, userId: reg.body.user.id, auth: { ...json, authorization: `Bearer ${reg.body.token}` } };
  };

  it('answers two PDF exports of two users at once', async () => {
    const users = await Promise.all([register('pdf-a@example.com'), register('pdf-b@example.com')]);
    const sessions = await Promise.all(users.map((u) => call('/freejournal/', { method: 'POST', headers: u.auth, body: '{}' })));
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(users.map((u, i) => call(`/freejournal/${sessions[i]?.body.id}/export`, { method: 'POST', headers: u.auth, body: '{}' })));
      expect(results.map((r) => r.status), JSON.stringify(results.map((r) => (typeof r.body === 'string' ? r.body.slice(0, 120) : r.body.code)))).toEqual([201, 201]);
    }
  });

  it('answers a 300,000-character save whose search copy grows under NFC with 200 or a 4xx, never 500', async () => {
    const { auth } = await register('nfc@example.com');
    const session = await call('/freejournal/', { method: 'POST', headers: auth, body: '{}' });
    // U+FB2C is excluded from composition: NFC turns it into three code points (6 UTF-8 bytes).
    const content = '\uFB2C'.repeat(300_000);
    const saved = await call(`/freejournal/${session.body.id}/save`, { method: 'POST', headers: auth, body: JSON.stringify({ content, baseVersion: 1 }) });
    expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).not.toBe(500);
    expect(saved.status === 200 || (saved.status >= 400 && saved.status < 500)).toBe(true);
  });

  it('leaves no hint object of a deleted account when hints were being generated during the deletion', async () => {
    const orphans: string[] = [];
    for (let round = 0; round < 3; round++) {
      const { userId, auth } = await register(`racer${round}@example.com`);
      const session = await call('/freejournal/', { method: 'POST', headers: auth, body: '{}' });
      await call(`/freejournal/${session.body.id}/save`, { method: 'POST', headers: auth, body: JSON.stringify({ content: 'I feel anxious about my exam', baseVersion: 1 }) });
      const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
      const hints = Array.from({ length: 10 }, (_, i) => delay(i * 8).then(() => call(`/freejournal/${session.body.id}/hints`, { method: 'POST', headers: auth, body: '{}' })));
      const deletion = delay(25).then(() => call('/auth/me', { method: 'DELETE', headers: auth }));
      const [deleted] = await Promise.all([deletion, ...hints]);
      expect(deleted.status).toBe(204);
      const left = (await (await fx.service.mf.getR2Bucket('HINTS')).list({ prefix: `users/${userId}/` })).objects.map((o) => o.key);
      orphans.push(...left);
    }
    expect(orphans).toEqual([]);
  });
});
