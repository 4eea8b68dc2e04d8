import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PauzConfigError } from '../../src/errors.js';
import { fsPdfStore } from '../../src/local/fs-pdf-store.js';
import { readSignedPdf } from '../../src/pdf-store/read-signed.js';
import { expectPauzError, manualClock } from '../../src/testing/index.js';
import { testPdfStore } from '../../src/testing/pdf-store.js';
import { startPdfLinkServer } from './pdf-link-server.js';

const SECRET = 'test-secret-that-is-at-least-32-bytes-long';

testPdfStore({
  name: 'filesystem (signed links over HTTP)',
  create: async () => {
    const root = await mkdtemp(join(tmpdir(), 'pauz-pdfs-'));
    const server = await startPdfLinkServer();
    const store = fsPdfStore({ root, publicBaseUrl: server.baseUrl, secret: SECRET });
    server.serve(store);
    return {
      store,
      close: async () => {
        await server.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  },
});

describe('fsPdfStore', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pauz-pdfs-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const link = (url: string): { key: string; expires: string; signature: string; version?: string } => {
    const parsed = new URL(url);
    return {
      key: parsed.pathname.replace(/^\/api\/files\/pdf\//, ''),
      expires: parsed.searchParams.get('expires') ?? '',
      signature: parsed.searchParams.get('signature') ?? '',
      version: parsed.searchParams.get('version') ?? '',
    };
  };

  it('stores files at their key under the root, leaving no temporary files', async () => {
    const store = fsPdfStore({ root, publicBaseUrl: 'https://example.com/api', secret: SECRET });
    await store.put('u1/free/s1.pdf', new Uint8Array([1, 2, 3]));
    await store.put('u1/free/s1.pdf', new Uint8Array([4, 5]));
    expect(new Uint8Array(await readFile(join(root, 'u1', 'free', 's1.pdf')))).toEqual(new Uint8Array([4, 5]));
    expect(await readdir(join(root, 'u1', 'free'))).toEqual(['s1.pdf']);
    // Whatever the umask: files 0600, directories 0700.
    expect((await stat(join(root, 'u1', 'free', 's1.pdf'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, 'u1', 'free'))).mode & 0o777).toBe(0o700);
  });

  it('deletes a user folder with its temp files, and sweeps old temp files only', async () => {
    const store = fsPdfStore({ root, publicBaseUrl: 'https://example.com/api', secret: SECRET });
    await store.put('users/p1/free-journal-s1.pdf', new Uint8Array([1]));
    await store.put('users/p10/free-journal-s2.pdf', new Uint8Array([2]));
    await writeFile(join(root, 'users', 'p1', '.free-journal-s9.pdf.0123.tmp'), 'half a PDF');
    await store.deletePrefix('users/p1/');
    await expect(stat(join(root, 'users', 'p1'))).rejects.toThrow();
    expect(await store.get?.('users/p10/free-journal-s2.pdf')).toEqual(new Uint8Array([2]));
    await expectPauzError(store.deletePrefix('users/p10'), 'VALIDATION_FAILED');
    await expectPauzError(store.deletePrefix('../'), 'VALIDATION_FAILED');

    const old = new Date(Date.now() - 3_600_000);
    await writeFile(join(root, 'users', 'p10', '.a.pdf.1.tmp'), 'crash leftover');
    await utimes(join(root, 'users', 'p10', '.a.pdf.1.tmp'), old, old);
    await writeFile(join(root, 'users', 'p10', '.b.pdf.2.tmp'), 'in flight');
    expect(await store.sweepIncomplete({ olderThan: new Date(Date.now() - 60_000) })).toEqual(['users/p10/.a.pdf.1.tmp']);
    expect((await readdir(join(root, 'users', 'p10'))).sort()).toEqual(['.b.pdf.2.tmp', 'free-journal-s2.pdf']);
  });

  it('signs links that expire, and refuses them afterwards', async () => {
    const clock = manualClock('2026-06-15T12:00:00Z');
    const store = fsPdfStore({ root, publicBaseUrl: 'https://example.com/api/', secret: SECRET, expiresInSeconds: 600, clock });
    await store.put('u2/guided/g_1.pdf', new Uint8Array([9]));
    const signed = await store.url('u2/guided/g_1.pdf');
    expect(signed.expiresAt).toBe('2026-06-15T12:10:00.000Z');
    expect(signed.url).toMatch(/^https:\/\/example\.com\/api\/files\/pdf\/u2\/guided\/g_1\.pdf\?expires=1781525400&version=[A-Za-z0-9_-]{22}&signature=[A-Za-z0-9_-]{43}$/);
    const params = link(signed.url);
    expect((await readSignedPdf(store, params)).bytes).toEqual(new Uint8Array([9]));
    clock.set('2026-06-15T12:09:59Z');
    expect((await readSignedPdf(store, params)).fileName).toBe('g_1.pdf');
    clock.set('2026-06-15T12:10:00Z');
    const expired = await expectPauzError(readSignedPdf(store, params), 'NOT_FOUND');
    expect(expired.details.reason).toBe('expired');
  });

  it('refuses links signed with another secret, for another key, or malformed', async () => {
    const store = fsPdfStore({ root, publicBaseUrl: 'https://example.com/api', secret: SECRET });
    const other = fsPdfStore({ root, publicBaseUrl: 'https://example.com/api', secret: `${SECRET}-rotated` });
    await store.put('u3/a.pdf', new Uint8Array([1]));
    await store.put('u3/b.pdf', new Uint8Array([2]));
    const params = link((await other.url('u3/a.pdf')).url);
    expect((await expectPauzError(readSignedPdf(store, params), 'NOT_FOUND')).details.reason).toBe('bad-signature');
    const mine = link((await store.url('u3/a.pdf')).url);
    expect((await expectPauzError(readSignedPdf(store, { ...mine, key: 'u3/b.pdf' }), 'NOT_FOUND')).details.reason).toBe('bad-signature');
    for (const bad of [{ ...mine, expires: '-1' }, { ...mine, expires: '1e9' }, { ...mine, signature: 'abc' }, { ...mine, key: '../u3/a.pdf' }]) {
      expect((await expectPauzError(readSignedPdf(store, bad), 'NOT_FOUND')).details.reason).toBe('malformed');
    }
  });

  it('refuses a weak secret, a bad base URL and an out-of-range lifetime, all at once', () => {
    let caught: unknown;
    try {
      fsPdfStore({ root, publicBaseUrl: 'example.com', secret: 'short', expiresInSeconds: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PauzConfigError);
    expect((caught as PauzConfigError).problems).toHaveLength(3);
  });
});
