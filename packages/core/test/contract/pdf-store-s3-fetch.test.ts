import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PauzConfigError, type PauzError } from '../../src/errors.js';
import { fetchS3PdfStore, type FetchS3PdfStoreOptions, vultrFetchPdfStore } from '../../src/s3/index.js';
import { expectPauzError, manualClock } from '../../src/testing/index.js';
import { testPdfStore } from '../../src/testing/pdf-store.js';
import { type HoldingServer, startHoldingServer } from '../../src/testing/emulators/holding-server.js';
import { type RunningS3rver, S3RVER_KEY, startS3rver } from './s3rver-harness.js';
import { sdkAuthorization, sdkPresignSignature } from './sigv4-reference.js';

/*
 * The fetch + aws4fetch S3 store (`@pauz/core/s3-fetch`) against s3rver, a real S3
 * HTTP server: the PdfStore contract in both link modes, then what the wire looks
 * like and how failures are reported. The same store runs inside workerd in
 * test/workerd/s3.test.ts.
 */

function storeOn(server: RunningS3rver, extra: Partial<FetchS3PdfStoreOptions> = {}) {
  return fetchS3PdfStore({ endpoint: server.endpoint, bucket: server.bucket, accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY, ...extra });
}

for (const urlMode of ['presigned', 'public'] as const) {
  testPdfStore({
    name: `s3 over fetch (s3rver over HTTP, ${urlMode} links)`,
    links: urlMode === 'public' ? 'permanent' : 'expiring',
    create: async () => {
      const server = await startS3rver();
      return { store: storeOn(server, { urlMode }), close: () => server.close() };
    },
  });
}

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** A fetch that records what the store sends, then sends it. */
function recordingFetch(): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    fetch: async (input, init) => {
      seen.push({ method: init?.method ?? 'GET', url: String(input), headers: Object.fromEntries(new Headers(init?.headers).entries()) });
      return fetch(input, init);
    },
  };
}

function expectNoSecret(error: PauzError, ...secrets: string[]): void {
  const visible = `${error.message} ${JSON.stringify(error.details)} ${JSON.stringify(error.errors)}`;
  for (const secret of secrets) expect(visible).not.toContain(secret);
}

/** A loopback server answering every request with `answer`; counts what it got. */
async function scriptedServer(answer: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server: Server = createServer((req, res) => {
    n += 1;
    req.resume();
    answer(req, res, n);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => n,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('fetchS3PdfStore against s3rver', () => {
  let server: RunningS3rver;
  beforeAll(async () => {
    server = await startS3rver();
  });
  afterAll(() => server.close());

  it('uploads a PDF body with its SHA-256 signed, no checksum trailers, path style', async () => {
    const { fetch, seen } = recordingFetch();
    const store = storeOn(server, { fetch });
    const bytes = new Uint8Array([37, 80, 68, 70, 45]);
    expect(await store.put('u1/plain.pdf', bytes)).toEqual({ key: 'u1/plain.pdf', size: 5 });
    const put = seen.find((r) => r.method === 'PUT');
    expect(new URL(put?.url ?? '').pathname).toBe('/pauz-pdfs/u1/plain.pdf');
    expect(put?.headers['content-type']).toBe('application/pdf');
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
    expect(put?.headers['x-amz-content-sha256']).toBe(digest);
    expect(put?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(put?.headers['x-amz-acl']).toBeUndefined();
    expect(Object.keys(put?.headers ?? {}).filter((k) => k.startsWith('x-amz-checksum') || k === 'x-amz-trailer')).toEqual([]);
    expect(await store.get('u1/plain.pdf')).toEqual(bytes);
    await expect(store.check()).resolves.toBeUndefined();
  });

  it('presigns expiring GET links for the configured lifetime (X-Amz-Expires), which s3rver then refuses once expired', async () => {
    const clock = manualClock('2026-06-15T12:00:00Z');
    const store = storeOn(server, { expiresInSeconds: 900, clock });
    const link = await store.url('u1/free/s-1.pdf');
    expect(link.expiresAt).toBe('2026-06-15T12:15:00.000Z');
    const url = new URL(link.url);
    expect(`${url.protocol}//${url.host}`).toBe(server.endpoint);
    expect(url.pathname).toBe('/pauz-pdfs/u1/free/s-1.pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260615T120000Z');
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('S3RVER/20260615/us-east-1/s3/aws4_request');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    // Signed in the past with 1 s to live: S3 (here s3rver) answers 403.
    const old = storeOn(server, { expiresInSeconds: 1, clock: manualClock('2020-01-01T00:00:00Z') });
    await old.put('u1/old.pdf', new Uint8Array([1]));
    const expired = await fetch((await old.url('u1/old.pdf')).url);
    expect(expired.status).toBe(403);
    await expired.body?.cancel();
  });

  it('stores public objects with a public-read ACL and permanent links anyone can fetch', async () => {
    const { fetch, seen } = recordingFetch();
    const store = storeOn(server, { urlMode: 'public', fetch });
    await store.put('u1/public.pdf', new Uint8Array([1, 2, 3]));
    expect(seen.find((r) => r.method === 'PUT')?.headers['x-amz-acl']).toBe('public-read');
    expect(await store.url('u1/public.pdf')).toEqual({ url: `${server.endpoint}/pauz-pdfs/u1/public.pdf`, expiresAt: null });
    const anonymous = await globalThis.fetch(`${server.endpoint}/pauz-pdfs/u1/public.pdf`);
    expect(new Uint8Array(await anonymous.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('reports rejected credentials as S3_FAILED with S3’s code and status, never the keys or the body', async () => {
    // s3rver checks the access key id; its XML error body echoes the id back.
    const accessKeyId = 'AKIAUNKNOWNKEY1234';
    const secretAccessKey = 'wrong-secret-0123456789abcdefghij';
    const store = storeOn(server, { accessKeyId, secretAccessKey });
    const error = await expectPauzError(store.put('u1/denied.pdf', new Uint8Array([1])), 'S3_FAILED');
    expect(error.message).toBe('S3 PutObject failed for bucket "pauz-pdfs", key "u1/denied.pdf" (InvalidAccessKeyId, HTTP 403)');
    expect(error.details).toEqual({ operation: 'PutObject', bucket: 'pauz-pdfs', key: 'u1/denied.pdf', s3Code: 'InvalidAccessKeyId', status: 403 });
    expectNoSecret(error, accessKeyId, secretAccessKey, server.endpoint, '127.0.0.1');
    const read = await expectPauzError(store.get('u1/denied.pdf'), 'S3_FAILED');
    expect(read.details).toMatchObject({ operation: 'GetObject', s3Code: 'InvalidAccessKeyId', status: 403 });
    expectNoSecret(read, accessKeyId, secretAccessKey);
    expect((await expectPauzError(store.check(), 'S3_FAILED')).details).toMatchObject({ operation: 'HeadBucket', status: 403 });
  });

  it('reports a missing bucket as S3_FAILED (not a missing PDF) and a missing object as null', async () => {
    const missing = storeOn(server, { bucket: 'no-such-bucket' });
    const error = await expectPauzError(missing.put('k.pdf', new Uint8Array([1])), 'S3_FAILED');
    expect(error.details).toEqual({ operation: 'PutObject', bucket: 'no-such-bucket', key: 'k.pdf', s3Code: 'NoSuchBucket', status: 404 });
    expect((await expectPauzError(missing.get('k.pdf'), 'S3_FAILED')).details).toMatchObject({ s3Code: 'NoSuchBucket' });
    expect((await expectPauzError(missing.check(), 'S3_FAILED')).details).toMatchObject({ operation: 'HeadBucket', status: 404 });
    expect(await storeOn(server).get('never/there.pdf')).toBeNull();
  });
});

describe('fetchS3PdfStore failures on the wire', () => {
  it('reports an unreachable endpoint as S3_FAILED with the connection code, after its retries', async () => {
    const closed = await new Promise<Server>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    let calls = 0;
    const store = fetchS3PdfStore({
      endpoint: `http://127.0.0.1:${port}`,
      bucket: 'pauz-pdfs',
      accessKeyId: 'a',
      secretAccessKey: 'b',
      retryDelayMs: 1,
      fetch: (input, init) => {
        calls += 1;
        return fetch(input, init);
      },
    });
    const down = await expectPauzError(store.delete('k.pdf'), 'S3_FAILED');
    expect(down.message).toBe('S3 DeleteObject failed for bucket "pauz-pdfs", key "k.pdf" (ECONNREFUSED)');
    expect(down.details).toEqual({ operation: 'DeleteObject', bucket: 'pauz-pdfs', key: 'k.pdf', s3Code: 'ECONNREFUSED' });
    expect(calls).toBe(3);
  });

  it('retries 503 and 429, then succeeds; does not retry a 403; reads only <Code> of a long XML body', async () => {
    const upstream = await scriptedServer((req, res, n) => {
      if (req.url?.startsWith('/pauz-pdfs/retry') && n <= 2) {
        res.writeHead(n === 1 ? 503 : 429, { 'content-type': 'application/xml' }).end('<Error><Code>SlowDown</Code></Error>');
      } else if (req.url?.startsWith('/pauz-pdfs/retry')) {
        res.writeHead(200).end();
      } else {
        const body = `<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>secret path /var/lib/ceph ${'x'.repeat(100_000)}</Message></Error>`;
        res.writeHead(403, { 'content-type': 'application/xml' }).end(body);
      }
    });
    try {
      const store = fetchS3PdfStore({ endpoint: upstream.url, bucket: 'pauz-pdfs', accessKeyId: 'AK', secretAccessKey: 'SK', retryDelayMs: 1 });
      await store.put('retry.pdf', new Uint8Array([1]));
      expect(upstream.count()).toBe(3);
      const denied = await expectPauzError(store.get('denied.pdf'), 'S3_FAILED');
      expect(upstream.count()).toBe(4);
      expect(denied.details).toEqual({ operation: 'GetObject', bucket: 'pauz-pdfs', key: 'denied.pdf', s3Code: 'AccessDenied', status: 403 });
      expectNoSecret(denied, '/var/lib/ceph', 'secret path', upstream.url);
    } finally {
      await upstream.close();
    }
  });

  it('gives up after its retries with the last status, and a body that is no S3 XML gives the status alone', async () => {
    const upstream = await scriptedServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html><Code>not-an identifier!</Code></html>'));
    try {
      const store = fetchS3PdfStore({ endpoint: upstream.url, bucket: 'pauz-pdfs', accessKeyId: 'AK', secretAccessKey: 'SK', retries: 1, retryDelayMs: 1 });
      const error = await expectPauzError(store.put('k.pdf', new Uint8Array([1])), 'S3_FAILED');
      expect(error.details).toEqual({ operation: 'PutObject', bucket: 'pauz-pdfs', key: 'k.pdf', status: 502 });
      expect(upstream.count()).toBe(2);
    } finally {
      await upstream.close();
    }
  });
});

describe('fetchS3PdfStore and the caller’s signal', () => {
  let upstream: HoldingServer;
  beforeAll(async () => {
    upstream = await startHoldingServer();
  });
  afterAll(() => upstream.close());

  const storeOnHold = (timeoutMs: number) =>
    fetchS3PdfStore({ endpoint: upstream.url, bucket: 'pauz-exports', accessKeyId: 'AKIAHOLD', secretAccessKey: 'hold-secret', timeoutMs });

  it('cancels the upload in flight when the caller aborts: ABORTED at once, the request closed, not retried', async () => {
    upstream.held.reset();
    const before = upstream.requests.length;
    const controller = new AbortController();
    const pending = storeOnHold(120_000).put('users/u1/free-journal-s1.pdf', new Uint8Array(2048), { signal: controller.signal });
    await upstream.held.waitForHeld(1);
    controller.abort(new Error('the client went away'));
    const error = await expectPauzError(pending, 'ABORTED');
    expect(error.message).toBe('S3 PutObject pauz-exports/users/u1/free-journal-s1.pdf was aborted by the caller');
    await upstream.held.waitForAborted(1);
    expect(upstream.requests.slice(before)).toEqual([{ method: 'PUT', path: '/pauz-exports/users/u1/free-journal-s1.pdf' }]);
  });

  it('tells its own timeout apart: UPSTREAM_TIMEOUT, the request closed as well, no secret in it', async () => {
    upstream.held.reset();
    const error = await expectPauzError(storeOnHold(200).delete('users/u1/x.pdf', { signal: new AbortController().signal }), 'UPSTREAM_TIMEOUT');
    expect(error.message).toBe('S3 DeleteObject pauz-exports/users/u1/x.pdf timed out after 200 ms');
    expectNoSecret(error, 'AKIAHOLD', 'hold-secret');
    await upstream.held.waitForAborted(1);
  });
});

describe('fetchS3PdfStore signatures agree with the AWS SDK’s signer', () => {
  // s3rver does not check V4 signatures; the SDK's own signer is the reference here.
  const party = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };

  it.each([
    ['Vultr, path style', { endpoint: 'https://ewr1.vultrobjects.com' }, 'users/u-1/free/s_1.pdf', 3600],
    ['virtual host', { endpoint: 'https://ams1.vultrobjects.com', forcePathStyle: false }, 'a/b.c_d-e.pdf', 900],
    ['AWS eu-west-1', { region: 'eu-west-1' }, 'x.pdf', 604_800],
    ['loopback with a port', { endpoint: 'http://127.0.0.1:9000' }, 'k/v.pdf', 1],
  ] as const)('presigned GET links (%s)', async (_label, where, key, expiresInSeconds) => {
    const date = new Date('2026-06-15T12:34:56Z');
    const region = 'region' in where ? where.region : party.region;
    const store = fetchS3PdfStore({ ...where, bucket: 'pauz-exports', accessKeyId: party.accessKeyId, secretAccessKey: party.secretAccessKey, expiresInSeconds, clock: manualClock(date) });
    const url = new URL((await store.url(key)).url);
    const signature = url.searchParams.get('X-Amz-Signature');
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(expiresInSeconds));
    expect(signature).toBe(await sdkPresignSignature(`${url.origin}${url.pathname}`, { ...party, region }, date, expiresInSeconds));
  });

  it('PUT (with its body hash and ACL), GET, DELETE and HEAD requests', async () => {
    const upstream = await scriptedServer((_req, res) => res.writeHead(200).end());
    try {
      for (const urlMode of ['presigned', 'public'] as const) {
        const { fetch, seen } = recordingFetch();
        const store = fetchS3PdfStore({ endpoint: upstream.url, bucket: 'pauz-exports', ...party, urlMode, fetch });
        await store.put('users/u-1/free/s_1.pdf', new Uint8Array([37, 80, 68, 70, 0, 255]));
        await store.get('users/u-1/free/s_1.pdf');
        await store.delete('users/u-1/free/s_1.pdf');
        await store.check();
        expect(seen.map((r) => r.method)).toEqual(['PUT', 'GET', 'DELETE', 'HEAD']);
        for (const request of seen) {
          expect(request.headers.authorization, `${request.method} ${request.url}`).toBe(await sdkAuthorization(request.method, request.url, request.headers, party));
        }
        expect(seen[0]?.headers.authorization).toContain(urlMode === 'public' ? 'SignedHeaders=host;x-amz-acl;x-amz-content-sha256;x-amz-date' : 'SignedHeaders=host;x-amz-content-sha256;x-amz-date');
      }
    } finally {
      await upstream.close();
    }
  });
});

describe('fetchS3PdfStore configuration', () => {
  it('lists every problem at once', () => {
    let caught: unknown;
    try {
      fetchS3PdfStore({ bucket: 'Bad_Bucket', accessKeyId: '', secretAccessKey: '', urlMode: 'forever' as never, expiresInSeconds: 604_801, endpoint: 'not a url', retries: -1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PauzConfigError);
    expect((caught as PauzConfigError).problems).toEqual([
      'S3 `bucket` must be a valid bucket name',
      'S3 `accessKeyId` is required',
      'S3 `secretAccessKey` is required',
      'S3 `endpoint` must be an absolute URL',
      "S3 `urlMode` must be 'presigned' or 'public'",
      'S3 `expiresInSeconds` must be an integer from 1 to 604800',
      'S3 `retries` must be a whole number ≥ 0',
    ]);
  });

  it('presets Vultr like vultrPdfStore: regional endpoint, path style, us-east-1 signing, bucket-host public links', async () => {
    const clock = manualClock('2026-06-15T12:00:00Z');
    const presigned = vultrFetchPdfStore({ region: 'ams1', bucket: 'pauz-exports', accessKey: 'AK', secretKey: 'SK', clock });
    const url = new URL((await presigned.url('u1/j.pdf')).url);
    expect(url.host).toBe('ams1.vultrobjects.com');
    expect(url.pathname).toBe('/pauz-exports/u1/j.pdf');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AK/20260615/us-east-1/s3/aws4_request');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    const publicStore = vultrFetchPdfStore({ region: 'ewr1', bucket: 'pauz-exports', accessKey: 'AK', secretKey: 'SK', urlMode: 'public' });
    expect(await publicStore.url('u1/j.pdf')).toEqual({ url: 'https://pauz-exports.ewr1.vultrobjects.com/u1/j.pdf', expiresAt: null });
    const custom = vultrFetchPdfStore({ region: 'ewr1', bucket: 'pauz-exports', accessKey: 'AK', secretKey: 'SK', endpoint: 'https://objects.example.com', clock });
    expect(new URL((await custom.url('a.pdf')).url).href.startsWith('https://objects.example.com/pauz-exports/a.pdf?')).toBe(true);
    expect(() => vultrFetchPdfStore({ region: 'ewr1.evil.com/', bucket: 'b-b-b', accessKey: 'AK', secretKey: 'SK' })).toThrow(PauzConfigError);
  });

  it('addresses virtual-host style and AWS when asked', async () => {
    const clock = manualClock('2026-06-15T12:00:00Z');
    const virtual = fetchS3PdfStore({ endpoint: 'https://ewr1.vultrobjects.com', forcePathStyle: false, bucket: 'pauz-exports', accessKeyId: 'AK', secretAccessKey: 'SK', clock });
    expect(new URL((await virtual.url('u1/j.pdf')).url).host).toBe('pauz-exports.ewr1.vultrobjects.com');
    const aws = fetchS3PdfStore({ region: 'eu-west-1', forcePathStyle: false, bucket: 'pauz-exports', accessKeyId: 'AK', secretAccessKey: 'SK', clock });
    const awsUrl = new URL((await aws.url('u1/j.pdf')).url);
    expect(`${awsUrl.host}${awsUrl.pathname}`).toBe('pauz-exports.s3.eu-west-1.amazonaws.com/u1/j.pdf');
    expect(awsUrl.searchParams.get('X-Amz-Credential')).toBe('AK/20260615/eu-west-1/s3/aws4_request');
  });
});
