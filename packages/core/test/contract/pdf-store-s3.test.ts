import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PauzConfigError, type PauzError } from '../../src/errors.js';
import { s3PdfStore, type S3PdfStoreOptions, vultrPdfStore } from '../../src/s3/index.js';
import { expectPauzError, manualClock } from '../../src/testing/index.js';
import { testPdfStore } from '../../src/testing/pdf-store.js';
import { type HoldingServer, startHoldingServer } from '../../src/testing/emulators/holding-server.js';
import { type RunningS3rver, S3RVER_KEY, startS3rver } from './s3rver-harness.js';

function storeOn(server: RunningS3rver, extra: Partial<S3PdfStoreOptions> = {}): ReturnType<typeof s3PdfStore> {
  return s3PdfStore({
    endpoint: server.endpoint,
    bucket: server.bucket,
    accessKeyId: S3RVER_KEY,
    secretAccessKey: S3RVER_KEY,
    ...extra,
  });
}

for (const urlMode of ['presigned', 'public'] as const) {
  testPdfStore({
    name: `s3 (s3rver over HTTP, ${urlMode} links)`,
    links: urlMode === 'public' ? 'permanent' : 'expiring',
    create: async () => {
      const server = await startS3rver();
      const store = storeOn(server, { urlMode });
      return {
        store,
        close: async () => {
          store.client.destroy();
          await server.close();
        },
      };
    },
  });
}

interface SentRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Records every HTTP request the client sends, after signing. */
function recordRequests(client: S3Client): SentRequest[] {
  const sent: SentRequest[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as SentRequest;
      sent.push({ method: request.method, path: request.path, query: { ...request.query }, headers: { ...request.headers } });
      return next(args);
    },
    { step: 'deserialize', name: 'pauzTestRecorder' },
  );
  return sent;
}

describe('s3PdfStore against s3rver', () => {
  let server: RunningS3rver;
  beforeAll(async () => {
    server = await startS3rver();
  });
  afterAll(async () => {
    await server.close();
  });

  it('uploads bytes without flexible checksums or chunked trailers', async () => {
    const store = storeOn(server);
    expect(await store.client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await store.client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
    const sent = recordRequests(store.client);
    await store.put('u1/plain.pdf', new Uint8Array([37, 80, 68, 70]));
    const put = sent.find((r) => r.method === 'PUT');
    expect(put?.path).toBe('/pauz-pdfs/u1/plain.pdf');
    const headers = Object.fromEntries(Object.entries(put?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-length']).toBe('4');
    expect(headers['x-amz-acl']).toBeUndefined();
    expect(Object.keys(headers).filter((k) => k.startsWith('x-amz-checksum') || k === 'x-amz-trailer')).toEqual([]);
    expect(headers['content-encoding'] ?? '').not.toContain('aws-chunked');
    store.client.destroy();
  });

  it('presigns expiring GET links for the configured lifetime', async () => {
    const clock = manualClock('2026-06-15T12:00:00Z');
    const store = storeOn(server, { expiresInSeconds: 900, clock });
    const link = await store.url('u1/free/s-1.pdf');
    expect(link.expiresAt).toBe('2026-06-15T12:15:00.000Z');
    const url = new URL(link.url);
    expect(`${url.protocol}//${url.host}`).toBe(server.endpoint);
    expect(url.pathname).toBe('/pauz-pdfs/u1/free/s-1.pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260615T120000Z');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.has('x-amz-checksum-mode')).toBe(false);
    store.client.destroy();
  });

  it('stores public objects with a public-read ACL and permanent links', async () => {
    const store = storeOn(server, { urlMode: 'public' });
    const sent = recordRequests(store.client);
    await store.put('u1/public.pdf', new Uint8Array([1, 2, 3]));
    const put = sent.find((r) => r.method === 'PUT');
    const acl = Object.entries(put?.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-amz-acl')?.[1];
    expect(acl).toBe('public-read');
    expect(await store.url('u1/public.pdf')).toEqual({ url: `${server.endpoint}/pauz-pdfs/u1/public.pdf`, expiresAt: null });
    const anonymous = await fetch(`${server.endpoint}/pauz-pdfs/u1/public.pdf`);
    expect(new Uint8Array(await anonymous.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    const custom = storeOn(server, { urlMode: 'public', publicBaseUrl: 'https://cdn.example.com/pdfs/' });
    expect((await custom.url('a/b_c.pdf')).url).toBe('https://cdn.example.com/pdfs/a/b_c.pdf');
    store.client.destroy();
    custom.client.destroy();
  });

  function expectNoSecret(error: PauzError, ...secrets: string[]): void {
    const visible = `${error.message} ${JSON.stringify(error.details)} ${JSON.stringify(error.errors)}`;
    for (const secret of secrets) expect(visible).not.toContain(secret);
  }

  it('reports rejected credentials as S3_FAILED naming operation, bucket and key, never the keys', async () => {
    // s3rver checks the access key id (not v4 signatures); its error body echoes the id back.
    const accessKeyId = 'AKIAUNKNOWNKEY1234';
    const secretAccessKey = 'wrong-secret-0123456789abcdefghij';
    const store = storeOn(server, { accessKeyId, secretAccessKey });
    const error = await expectPauzError(store.put('u1/denied.pdf', new Uint8Array([1])), 'S3_FAILED');
    expect(error.message).toBe('S3 PutObject failed for bucket "pauz-pdfs", key "u1/denied.pdf" (InvalidAccessKeyId, HTTP 403)');
    expect(error.details).toEqual({ operation: 'PutObject', bucket: 'pauz-pdfs', key: 'u1/denied.pdf', s3Code: 'InvalidAccessKeyId', status: 403 });
    expectNoSecret(error, accessKeyId, secretAccessKey);
    const read = await expectPauzError(store.get('u1/denied.pdf'), 'S3_FAILED');
    expect(read.message).toContain('GetObject');
    expectNoSecret(read, accessKeyId, secretAccessKey);
    store.client.destroy();
  });

  it('reports a missing bucket and an unreachable endpoint as S3_FAILED', async () => {
    const missing = storeOn(server, { bucket: 'no-such-bucket' });
    const error = await expectPauzError(missing.put('k.pdf', new Uint8Array([1])), 'S3_FAILED');
    expect(error.details).toMatchObject({ s3Code: 'NoSuchBucket', status: 404, bucket: 'no-such-bucket', key: 'k.pdf' });
    // A missing bucket is a misconfiguration, not a missing PDF.
    expect((await expectPauzError(missing.get('k.pdf'), 'S3_FAILED')).details).toMatchObject({ s3Code: 'NoSuchBucket' });
    const closed = await new Promise<Server>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = s3PdfStore({ endpoint: `http://127.0.0.1:${port}`, bucket: 'pauz-pdfs', accessKeyId: 'a', secretAccessKey: 'b' });
    const down = await expectPauzError(unreachable.delete('k.pdf'), 'S3_FAILED');
    expect(down.message).toContain('DeleteObject');
    missing.client.destroy();
    unreachable.client.destroy();
  });

  it('gives up on a silent server with UPSTREAM_TIMEOUT', async () => {
    const silent = createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const store = s3PdfStore({
      endpoint: `http://127.0.0.1:${port}`,
      bucket: 'pauz-pdfs',
      accessKeyId: 'AKIASILENT',
      secretAccessKey: 'silent-secret',
      timeoutMs: 200,
    });
    const error = await expectPauzError(store.put('u1/slow.pdf', new Uint8Array([1])), 'UPSTREAM_TIMEOUT');
    expect(error.message).toContain('S3 PutObject pauz-pdfs/u1/slow.pdf');
    expectNoSecret(error, 'AKIASILENT', 'silent-secret');
    store.client.destroy();
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });
});

describe('s3PdfStore configuration', () => {
  it('lists every problem at once', () => {
    let caught: unknown;
    try {
      s3PdfStore({ bucket: 'Bad_Bucket', urlMode: 'forever' as never, expiresInSeconds: 604_801, endpoint: 'not a url' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PauzConfigError);
    expect((caught as PauzConfigError).problems).toHaveLength(6);
  });

  it('presets Vultr: regional endpoint, path style, us-east-1 signing, bucket-host public links', async () => {
    const clock = manualClock('2026-06-15T12:00:00Z');
    const presigned = vultrPdfStore({ region: 'ams1', bucket: 'pauz-exports', accessKey: 'AK', secretKey: 'SK', clock });
    const url = new URL((await presigned.url('u1/j.pdf')).url);
    expect(url.host).toBe('ams1.vultrobjects.com');
    expect(url.pathname).toBe('/pauz-exports/u1/j.pdf');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AK/20260615/us-east-1/s3/aws4_request');
    expect(await presigned.client.config.region()).toBe('us-east-1');
    const publicStore = vultrPdfStore({ region: 'ewr1', bucket: 'pauz-exports', accessKey: 'AK', secretKey: 'SK', urlMode: 'public' });
    expect(await publicStore.url('u1/j.pdf')).toEqual({ url: 'https://pauz-exports.ewr1.vultrobjects.com/u1/j.pdf', expiresAt: null });
    expect(() => vultrPdfStore({ region: 'ewr1.evil.com/', bucket: 'b-b-b', accessKey: 'AK', secretKey: 'SK' })).toThrow(PauzConfigError);
    presigned.client.destroy();
    publicStore.client.destroy();
  });
});

describe('s3PdfStore and the caller’s signal', () => {
  let upstream: HoldingServer;
  beforeAll(async () => {
    upstream = await startHoldingServer();
  });
  afterAll(() => upstream.close());

  const storeOnHold = (timeoutMs: number) =>
    s3PdfStore({ endpoint: upstream.url, bucket: 'pauz-exports', accessKeyId: 'AK', secretAccessKey: 'SK', timeoutMs });

  it('cancels the upload in flight when the caller aborts: ABORTED at once, the request closed, not retried', async () => {
    upstream.held.reset();
    const before = upstream.requests.length;
    const store = storeOnHold(120_000);
    const controller = new AbortController();
    const pending = store.put('users/u1/free-journal-s1.pdf', new Uint8Array(2048), { signal: controller.signal });
    await upstream.held.waitForHeld(1);
    controller.abort(new Error('the client went away'));
    const error = await expectPauzError(pending, 'ABORTED');
    expect(error.message).toBe('S3 PutObject pauz-exports/users/u1/free-journal-s1.pdf was aborted by the caller');
    await upstream.held.waitForAborted(1);
    expect(upstream.requests.slice(before)).toEqual([{ method: 'PUT', path: '/pauz-exports/users/u1/free-journal-s1.pdf' }]);
    store.client.destroy();
  });

  it('tells its own timeout apart: UPSTREAM_TIMEOUT, the request closed as well', async () => {
    upstream.held.reset();
    const store = storeOnHold(200);
    const error = await expectPauzError(store.delete('users/u1/x.pdf', { signal: new AbortController().signal }), 'UPSTREAM_TIMEOUT');
    expect(error.message).toBe('S3 DeleteObject pauz-exports/users/u1/x.pdf timed out after 200 ms');
    await upstream.held.waitForAborted(1);
    store.client.destroy();
  });
});
