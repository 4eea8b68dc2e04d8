import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPauz, type Pauz } from '../../src/index.js';
import { createPauzFetch, loginSourceKey } from '../../src/http/index.js';
import { memoryPdfStore } from '../../src/pdf-store/memory.js';
import { createSqliteDatabase } from '../../src/sqlite.js';
import { memoryBuckets } from '../../src/storage/memory.js';
import { TEST_PASSWORD_HASHER } from '../../src/testing/index.js';

/*
 * A host behind a proxy says where a request comes from with `clientAddress`; the
 * login limit counts per email and that address. (The adapters' own default, the
 * socket's peer address, is covered by the HTTP conformance suite.)
 */

const db = createSqliteDatabase();
let pauz: Pauz;
beforeAll(async () => {
  pauz = createPauz({
    db,
    buckets: memoryBuckets(),
    pdfs: memoryPdfStore({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1' }),
    passwordHasher: TEST_PASSWORD_HASHER,
    limits: { loginFailures: 2 },
  });
  await pauz.migrate();
});
afterAll(() => db.destroy());

it('counts failed logins per email and the address clientAddress returns', async () => {
  const handle = createPauzFetch(pauz, { clientAddress: (request) => request.headers.get('x-proxy-client') });
  const login = (client: string, password: string) =>
    handle(
      new Request('http://pauz.test/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-proxy-client': client },
        body: JSON.stringify({ email: 'owner@example.com', password }),
      }),
    );
  await pauz.accounts.register({ email: 'owner@example.com', password: 'correct horse battery' });
  for (let i = 0; i < 2; i++) expect((await login('203.0.113.9', 'wrong guess')).status).toBe(401);
  expect((await login('203.0.113.9', 'correct horse battery')).status).toBe(429);
  expect((await login('198.51.100.4', 'correct horse battery')).status).toBe(200);
});

it('keys IPv4 as it is, IPv4-mapped IPv6 as IPv4, IPv6 by its /64, anything else trimmed', () => {
  expect(loginSourceKey('203.0.113.9')).toBe('203.0.113.9');
  expect(loginSourceKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  expect(loginSourceKey('::FFFF:cb00:7109')).toBe('203.0.113.9');
  expect(loginSourceKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
  expect(loginSourceKey('[2001:0DB8:0000:0001::2%eth0]')).toBe('2001:db8:0:1::/64');
  expect(loginSourceKey('::1')).toBe('0:0:0:0::/64');
  expect(loginSourceKey('fe80::1:2:3:4')).toBe('fe80:0:0:0::/64');
  expect(loginSourceKey(' client-42 ')).toBe('client-42');
  expect(loginSourceKey('x'.repeat(500))).toHaveLength(128);
  expect(loginSourceKey(undefined)).toBe('');
  expect(loginSourceKey('999.1.1.1')).toBe('999.1.1.1');
});
