import { build, type Metafile } from 'esbuild';
import { Miniflare, type MiniflareOptions } from 'miniflare';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningS3rver, S3RVER_KEY, startS3rver } from '../contract/s3rver-harness.js';
import { sdkAuthorization, sdkPresignSignature } from '../contract/sigv4-reference.js';
import { type HoldingServer, startHoldingServer } from '../../src/testing/emulators/holding-server.js';
import { runInWorkerd, WORKERD_COMPAT } from './harness/node.js';

/*
 * PDFs on S3 from inside workerd (the runtime of Raindrop services): the fetch +
 * aws4fetch store (`@pauz/core/s3-fetch`) bundled into a worker, run by miniflare's
 * real workerd, talking to s3rver (a real S3 HTTP server) on 127.0.0.1 over the
 * worker's outbound fetch. First the whole PdfStore contract inside workerd, then a
 * worker built from the Vultr variables a Raindrop service has: its bundle holds no
 * AWS SDK, a PDF round-trips through a presigned link fetched by Node and by the
 * worker, and failures are mapped inside workerd as they are in Node.
 */

const server: RunningS3rver = await startS3rver();
afterAll(() => server.close());

/** The variables a Raindrop service gets (raindrop.md §6), pointing at s3rver. */
const vultrEnv = {
  VULTR_ACCESS_KEY: S3RVER_KEY,
  VULTR_SECRET_KEY: S3RVER_KEY,
  VULTR_REGION: 'ewr1',
  VULTR_BUCKET_NAME: server.bucket,
  VULTR_ENDPOINT: server.endpoint,
};

await runInWorkerd({
  name: 'PdfStore contract on S3 over fetch',
  entry: new URL('./suites/pdf-store-s3.worker.ts', import.meta.url),
  miniflare: { bindings: vultrEnv },
});

const party = { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY, region: 'us-east-1' };

const SDK_FILE = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?@(?:aws-sdk|smithy|aws-crypto)\//;

/** Bundles `entry` (a file, or source resolved from `resolveDir`) for workerd as wrangler does, minified, with its metafile. */
async function bundle(entry: string | { contents: string; resolveDir: string }): Promise<{ script: string; metafile: Metafile }> {
  const result = await build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { ...entry, loader: 'ts' as const } }),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    external: ['cloudflare:*', 'node:*'],
    minify: true,
    metafile: true,
    logLevel: 'error',
  });
  return { script: result.outputFiles[0]!.text, metafile: result.metafile };
}

/** The files whose code is in the bundle (not merely resolved). */
function bundledFiles(metafile: Metafile): string[] {
  return Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
}

/** 64 KiB starting like a PDF, holding every byte value (any re-encoding shows). */
function pdfBytes(): Uint8Array<ArrayBuffer> {
  const head = new TextEncoder().encode('%PDF-1.7\n% pauz in workerd\n');
  const bytes = new Uint8Array(65_536);
  bytes.set(head);
  for (let i = head.length; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
  return bytes;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('a worker keeping its PDFs on S3 over fetch (inside workerd, s3rver on loopback)', () => {
  const entry = fileURLToPath(new URL('./suites/s3-roundtrip.worker.ts', import.meta.url));
  let mf: Miniflare;
  let metafile: Metafile;
  let script: string;
  let silent: HoldingServer;
  beforeAll(async () => {
    ({ script, metafile } = await bundle(entry));
    silent = await startHoldingServer();
    mf = new Miniflare({ ...WORKERD_COMPAT, modules: true, script, bindings: vultrEnv } as MiniflareOptions);
    await mf.ready;
  });
  afterAll(async () => {
    await mf?.dispose();
    await silent?.close();
  });
  const call = (path: string, init?: RequestInit) => mf.dispatchFetch(`http://worker.test${path}`, init as never);

  it('bundles no AWS SDK: aws4fetch is in the metafile, not one @aws-sdk, @smithy or @aws-crypto file', async () => {
    const bundled = bundledFiles(metafile);
    expect(bundled.some((path) => path.includes('aws4fetch'))).toBe(true);
    expect(Object.keys(metafile.inputs).filter((path) => SDK_FILE.test(path))).toEqual([]);
    expect(script.length).toBeLessThan(40_000);
    // The check can fail: the same worker on the SDK store bundles hundreds of SDK files.
    const control = await bundle({
      contents: "import { vultrPdfStore } from '../../../src/s3/index.js';\nexport default { fetch: () => Response.json(typeof vultrPdfStore) };\n",
      resolveDir: fileURLToPath(new URL('./suites/', import.meta.url)),
    });
    expect(bundledFiles(control.metafile).filter((path) => SDK_FILE.test(path)).length).toBeGreaterThan(100);
  });

  it('puts a PDF, presigns a link that serves the same bytes to Node and to the worker, reads it back, deletes it', async () => {
    const key = `users/u-${crypto.randomUUID()}/free/s_1.pdf`;
    const bytes = pdfBytes();
    const put = await call(`/pdf?key=${encodeURIComponent(key)}`, { method: 'PUT', body: bytes });
    expect(put.status, await put.clone().text()).toBe(200);
    expect(await put.json()).toEqual({ key, size: bytes.byteLength });
    // The bytes really are in s3rver's store on disk.
    const stored = await Promise.all((await filesUnder(server.directory)).map((file) => readFile(file)));
    expect(stored.some((file) => Buffer.compare(file, Buffer.from(bytes)) === 0)).toBe(true);

    const link = (await (await call(`/link?key=${encodeURIComponent(key)}`)).json()) as { url: string; expiresAt: string };
    const url = new URL(link.url);
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(`${server.endpoint}/${server.bucket}/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    // Signed inside workerd (its Web Crypto) exactly as the AWS SDK signs it in Node.
    const amzDate = url.searchParams.get('X-Amz-Date') ?? '';
    const signedAt = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    expect(url.searchParams.get('X-Amz-Signature')).toBe(await sdkPresignSignature(`${url.origin}${url.pathname}`, party, signedAt, 3600));

    const fromNode = await fetch(link.url);
    expect(fromNode.status).toBe(200);
    expect(fromNode.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await fromNode.arrayBuffer())).toEqual(bytes);
    const fromWorker = await call(`/follow?url=${encodeURIComponent(link.url)}`);
    expect(fromWorker.status).toBe(200);
    expect(new Uint8Array(await fromWorker.arrayBuffer())).toEqual(bytes);
    // A link for another access key is refused by S3, not served (s3rver checks key ids, not V4 signatures: the SDK comparison above does).
    const tampered = new URL(link.url);
    tampered.searchParams.set('X-Amz-Credential', `AKIAOTHER/${tampered.searchParams.get('X-Amz-Credential')?.split('/').slice(1).join('/')}`);
    expect((await fetch(tampered)).status).toBe(403);

    const read = await call(`/pdf?key=${encodeURIComponent(key)}`);
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(bytes);
    expect((await call('/check')).status).toBe(204);

    expect((await call(`/pdf?key=${encodeURIComponent(key)}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await fetch(link.url);
    expect(gone.status).toBe(404);
    await gone.body?.cancel();
    expect((await call(`/follow?url=${encodeURIComponent(link.url)}`)).status).toBe(404);
    const none = await call(`/pdf?key=${encodeURIComponent(key)}`);
    expect([none.status, await none.text()]).toEqual([404, 'none']);
  });

  it('maps failures inside workerd as in Node: S3_FAILED with S3’s code and status, never the keys; UPSTREAM_TIMEOUT on a silent server', async () => {
    const denied = await call(`/pdf?key=u1/denied.pdf&accessKey=AKIAUNKNOWNKEY1234`, { method: 'PUT', body: new Uint8Array([1]) });
    expect(denied.status).toBe(502);
    const body = await denied.text();
    expect(JSON.parse(body)).toEqual({
      code: 'S3_FAILED',
      message: 'S3 PutObject failed for bucket "pauz-pdfs", key "u1/denied.pdf" (InvalidAccessKeyId, HTTP 403)',
      details: { operation: 'PutObject', bucket: 'pauz-pdfs', key: 'u1/denied.pdf', s3Code: 'InvalidAccessKeyId', status: 403 },
    });
    for (const secret of ['AKIAUNKNOWNKEY1234', S3RVER_KEY, '127.0.0.1']) expect(body).not.toContain(secret);

    const missing = await call(`/pdf?key=u1/missing.pdf&endpoint=${encodeURIComponent(server.endpoint)}/`, { method: 'GET' });
    expect(missing.status).toBe(404);

    const slow = await call(`/pdf?key=u1/slow.pdf&timeoutMs=300&endpoint=${encodeURIComponent(silent.url)}`, { method: 'PUT', body: new Uint8Array([1]) });
    expect(slow.status).toBe(502);
    expect(await slow.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT', message: 'S3 PutObject pauz-pdfs/u1/slow.pdf timed out after 300 ms' });
    await silent.held.waitForAborted(1);
  });
});

describe('requests signed inside workerd', () => {
  it('carry the Authorization header the AWS SDK’s signer computes for them, body hash included', async () => {
    const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];
    const capture = createServer((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
    const { script } = await bundle(fileURLToPath(new URL('./suites/s3-roundtrip.worker.ts', import.meta.url)));
    const mf = new Miniflare({ ...WORKERD_COMPAT, modules: true, script, bindings: { ...vultrEnv, VULTR_ENDPOINT: endpoint } } as MiniflareOptions);
    try {
      const put = await mf.dispatchFetch('http://worker.test/pdf?key=users/u-1/free/s_1.pdf', { method: 'PUT', body: pdfBytes() });
      expect(put.status, await put.text()).toBe(200);
      expect((await mf.dispatchFetch('http://worker.test/pdf?key=users/u-1/free/s_1.pdf', { method: 'DELETE' })).status).toBe(204);
    } finally {
      await mf.dispose();
      capture.closeAllConnections();
      await new Promise((resolve) => capture.close(resolve));
    }
    expect(seen.map((r) => r.method)).toEqual(['PUT', 'DELETE']);
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', pdfBytes())).toString('hex');
    expect(seen[0]?.headers['x-amz-content-sha256']).toBe(digest);
    for (const request of seen) {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      expect(headers.authorization).toBe(await sdkAuthorization(request.method, `${endpoint}${request.url}`, headers, party));
    }
  });
});

describe('the published entry @pauz/core/s3-fetch', () => {
  it('resolves no AWS SDK file at all, so a worker bundles without the SDK installed', async () => {
    const dist = fileURLToPath(new URL('../../dist/s3-fetch.js', import.meta.url));
    expect(existsSync(dist), 'run `pnpm build` first').toBe(true);
    const { metafile } = await bundle(dist);
    expect(Object.keys(metafile.inputs).filter((path) => SDK_FILE.test(path))).toEqual([]);
    expect(bundledFiles(metafile).some((path) => path.includes('aws4fetch'))).toBe(true);
  });
});
