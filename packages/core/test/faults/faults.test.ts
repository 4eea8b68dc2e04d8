import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryBucket } from '../../src/buckets/memory.js';
import { createPauzFetch } from '../../src/http/fetch.js';
import type { PauzLogger } from '../../src/logger.js';
import { fsBucket } from '../../src/local/fs-bucket.js';
import { fsPdfStore } from '../../src/local/fs-pdf-store.js';
import { openAiTranscriber } from '../../src/openai/transcriber.js';
import { openAiWriter } from '../../src/openai/writer.js';
import { createPauz, type Pauz } from '../../src/pauz.js';
import { raindropRestBucket } from '../../src/raindrop/bucket-rest.js';
import { s3PdfStore } from '../../src/s3/s3-pdf-store.js';
import { createSqliteDatabase } from '../../src/sqlite.js';
import { memoryPdfStore } from '../../src/pdf-store/memory.js';
import { memoryBuckets } from '../../src/storage/memory.js';
import { BUCKET_NAMES, pauzBuckets } from '../../src/storage/buckets.js';
import { makeWav, openTempSqliteDatabase, scriptedTranscriber, TEST_PASSWORD_HASHER, type OpenedDatabase } from '../../src/testing/index.js';
import { type FaultMode, type FaultServer, startFaultServer, UPSTREAM_SECRETS } from './fault-server.js';
import { serveFetch } from './serve.js';
import { mountTmpfs, type Tmpfs, tmpfsSkipReason } from './tmpfs.js';

/*
 * Fault injection for every port, over real HTTP on loopback: each upstream (the
 * Writer, the Transcriber, the SmartBucket REST API, S3) points at one fault server
 * that fails in the way a test chooses; the file stores live on a small tmpfs that
 * is filled up or mounted read-only. Every answer must be the port's 5xx code, its
 * detail naming the service and operation, and never the upstream's words, host or
 * an absolute server path; nothing the user gave is lost.
 */

const TIMEOUT_MS = 400;
type Logged = { level: 'error' | 'warn'; message: string; context: Record<string, unknown> };

interface Api {
  url: string;
  logs: Logged[];
  close(): Promise<void>;
}

async function serve(pauz: Pauz): Promise<Api> {
  const logs: Logged[] = [];
  const logger: PauzLogger = {
    error: (message, context) => logs.push({ level: 'error', message, context }),
    warn: (message, context) => logs.push({ level: 'warn', message, context }),
  };
  const server = await serveFetch(createPauzFetch(pauz, { logger }));
  return { url: server.url, logs, close: server.close };
}

async function call(api: Api, method: string, path: string, options: { token?: string; json?: unknown; body?: Uint8Array; type?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers['content-type'] = options.type ?? 'application/octet-stream';
    body = options.body as Uint8Array<ArrayBuffer>;
  }
  const response = await fetch(`${api.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, text, json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

/** A 5xx problem with `code`, whose detail says `names` and nothing of `forbidden`. */
function expectUpstreamProblem(answer: { status: number; text: string; json?: Record<string, unknown> }, status: number, code: string, names: RegExp, forbidden: readonly string[]): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json?.code, answer.text).toBe(code);
  expect(String(answer.json?.detail)).toMatch(names);
  for (const secret of forbidden) expect(answer.text, `the answer leaks ${secret}`).not.toContain(secret);
}

async function register(api: Api): Promise<string> {
  const res = await call(api, 'POST', '/auth/register', { json: { email: `f.${crypto.randomUUID()}@example.com`, password: 'correct horse battery' } });
  expect(res.status, res.text).toBe(201);
  return res.json?.token as string;
}

async function sessionWith(api: Api, token: string, content: string): Promise<string> {
  const created = await call(api, 'POST', '/freejournal/', { token, json: {} });
  const id = created.json?.id as string;
  expect((await call(api, 'POST', `/freejournal/${id}/save`, { token, json: { content } })).status).toBe(200);
  return id;
}

describe('fault injection: remote ports (Writer, Transcriber, SmartBucket REST, S3)', () => {
  let fault: FaultServer;
  let opened: OpenedDatabase;
  let pauz: Pauz;
  let api: Api;
  let forbidden: string[];
  const audio = memoryBucket(BUCKET_NAMES.audio);

  beforeAll(async () => {
    fault = await startFaultServer();
    opened = await openTempSqliteDatabase();
    const rest = (bucket: string) =>
      raindropRestBucket({ apiKey: 'rd-fault-key', applicationName: 'pauz-faults', bucket, baseUrl: fault.url, timeoutMs: TIMEOUT_MS, retries: 0, maxResponseBytes: 1024 * 1024 });
    const client = new S3Client({
      endpoint: fault.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'fault', secretAccessKey: 'fault-secret' },
      maxAttempts: 1,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    pauz = createPauz({
      db: opened.db,
      buckets: { hints: rest(BUCKET_NAMES.hints), guidedJournals: rest(BUCKET_NAMES.guidedJournals), audio },
      pdfs: s3PdfStore({ bucket: 'pauz-pdfs', client, timeoutMs: TIMEOUT_MS }),
      writer: openAiWriter({ baseUrl: `${fault.url}/v1`, apiKey: 'sk-fault-writer-key', model: 'm', timeoutMs: TIMEOUT_MS }),
      transcriber: openAiTranscriber({ baseUrl: `${fault.url}/v1`, apiKey: 'sk-fault-transcriber-key', model: 'w', timeoutMs: TIMEOUT_MS }),
      passwordHasher: TEST_PASSWORD_HASHER,
    });
    await pauz.migrate();
    api = await serve(pauz);
    forbidden = [...UPSTREAM_SECRETS, fault.host, 'sk-fault-writer-key', 'sk-fault-transcriber-key', 'rd-fault-key', 'fault-secret'];
  });
  afterAll(async () => {
    await api?.close();
    await fault?.close();
    await opened?.close();
  });
  beforeEach(() => fault.reset());

  // What each mode must answer: a timeout is the 504, everything else the port's 502.
  const modes: Array<[FaultMode, number | 'port']> = [
    ['error', 'port'],
    ['hang', 504],
    ['slow', 504],
    ['garbage', 'port'],
    ['huge', 'port'],
    ['reset', 'port'],
  ];
  const expected = (mode: number | 'port', code: string): [number, string] => (mode === 'port' ? [502, code] : [mode, 'UPSTREAM_TIMEOUT']);

  it.each(modes)('Writer, %s: a hint answers its code naming the writer, and the saved text stays', async (mode, outcome) => {
    const token = await register(api);
    const id = await sessionWith(api, token, 'The text I wrote before asking.');
    fault.mode = mode;
    const [status, code] = expected(outcome, 'WRITER_FAILED');
    expectUpstreamProblem(await call(api, 'POST', `/freejournal/${id}/hints`, { token, json: {} }), status, code, /^OpenAI-compatible writer: hint (failed|timed out)/, forbidden);
    expectUpstreamProblem(await call(api, 'POST', `/freejournal/${id}/reflect`, { token, json: {} }), status, code, /^OpenAI-compatible writer: reflect (failed|timed out)/, forbidden);
    const session = await call(api, 'GET', `/freejournal/${id}`, { token });
    expect(session.json).toMatchObject({ content: 'The text I wrote before asking.', version: 2, mood: null });
    if (mode === 'huge') {
      // The read stopped at the 1 MiB bound: the rest of the 50 MB was never sent.
      await fault.hugeDone();
      expect(fault.hugeBytesSent()).toBeLessThan(16 * 1024 * 1024);
    }
    // What the upstream said went to the log, not to the client.
    const logged = api.logs.filter((entry) => entry.message === 'upstream failure' && entry.context.code === code);
    expect(logged.length).toBeGreaterThan(0);
    if (mode === 'error') expect(JSON.stringify(logged.at(-1)?.context)).toContain(UPSTREAM_SECRETS[0]);
  });

  it.each(modes)('Transcriber, %s: an upload answers its code with the recording kept, retryable', async (mode, outcome) => {
    const token = await register(api);
    const id = await sessionWith(api, token, 'Before the voice note.');
    const wav = makeWav({ seconds: 0.1 });
    fault.mode = mode;
    const [status, code] = expected(outcome, 'TRANSCRIPTION_FAILED');
    const answer = await call(api, 'POST', `/freejournal/${id}/voice`, { token, body: wav, type: 'audio/wav' });
    expectUpstreamProblem(answer, status, code, /OpenAI-compatible transcription: transcribe (failed|timed out)/, forbidden);
    const recordingId = answer.json?.recordingId as string;
    expect(recordingId).toEqual(expect.any(String));
    // The audio the user gave is kept, byte for byte, and the text is untouched.
    const stored = (await audio.list({ prefix: 'users/' })).objects.filter((o) => o.key.includes(recordingId));
    expect(stored).toHaveLength(1);
    expect(new Uint8Array(await (await audio.get(stored[0]?.key ?? ''))!.arrayBuffer())).toEqual(wav);
    expect((await call(api, 'GET', `/freejournal/${id}`, { token })).json).toMatchObject({ content: 'Before the voice note.', version: 2 });
  });

  it.each(modes)('SmartBucket REST, %s: a save with hints answers its code, its text saved and its hints handed back', async (mode, outcome) => {
    const token = await register(api);
    const id = await sessionWith(api, token, 'Version two.');
    fault.mode = mode;
    const [status, code] = expected(outcome, 'SMARTBUCKET_FAILED');
    const answer = await call(api, 'POST', `/freejournal/${id}/save`, { token, json: { content: 'Version three.', hints: ['What next?'] } });
    expectUpstreamProblem(answer, status, code, /SmartBucket put hints\/users\/[^ ]+ (failed|timed out)/, forbidden);
    // Nothing the user gave is lost: the text is saved, the hints that were not come back.
    expect(answer.json).toMatchObject({ savedVersion: 3, unsavedHints: ['What next?'] });
    expect((await call(api, 'GET', `/freejournal/${id}`, { token })).json).toMatchObject({ content: 'Version three.', version: 3 });
    const health = await call(api, 'GET', '/health');
    expect(health.status).toBe(503);
    expect(health.json).toMatchObject({ checks: { 'smartbucket:hints': { status: 'error' }, 'smartbucket:guided-journals': { status: 'error' } } });
    for (const secret of forbidden) expect(health.text).not.toContain(secret);
  });

  // A PutObject answer carries nothing Pauz reads: a 200, whatever its body, is a stored
  // PDF, so garbage and huge bodies are failures only with an error status ('error').
  it.each(modes.filter(([mode]) => mode !== 'huge' && mode !== 'garbage'))('S3 PdfStore, %s: an export answers its code and the session stays', async (mode, outcome) => {
    const token = await register(api);
    const id = await sessionWith(api, token, 'Export me.');
    fault.mode = mode;
    const [status, code] = expected(outcome, 'S3_FAILED');
    const answer = await call(api, 'POST', `/freejournal/${id}/export`, { token, json: {} });
    expectUpstreamProblem(answer, status, code, /^S3 PutObject/, forbidden);
    expect((await call(api, 'GET', `/freejournal/${id}`, { token })).json).toMatchObject({ content: 'Export me.', version: 2 });
  });
});

const skipDisk = tmpfsSkipReason();

describe.skipIf(skipDisk !== false)('fault injection: local stores on a full or read-only disk (small tmpfs)', () => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await openTempSqliteDatabase();
  });
  afterAll(async () => {
    await opened?.close();
  });

  /** A Pauz whose buckets and PDFs live on `disk`; its database elsewhere, so SQL keeps working. */
  async function onDisk(disk: Tmpfs): Promise<{ pauz: Pauz; api: Api }> {
    const pauz = createPauz({
      db: opened.db,
      buckets: pauzBuckets((name) => fsBucket({ root: `${disk.dir}/buckets`, name })),
      pdfs: fsPdfStore({ root: `${disk.dir}/pdfs`, publicBaseUrl: 'http://127.0.0.1', secret: 'fault-link-secret-0123456789abcdef' }),
      transcriber: scriptedTranscriber('heard it'),
      passwordHasher: TEST_PASSWORD_HASHER,
    });
    await pauz.migrate();
    return { pauz, api: await serve(pauz) };
  }

  for (const kind of ['full', 'read-only'] as const) {
    it(`a ${kind} disk: saves with hints, uploads and exports answer their 502 without a path, /health reports it, nothing is lost`, async () => {
      const disk = mountTmpfs(1024 * 1024);
      const { api } = await onDisk(disk);
      try {
        const token = await register(api);
        const id = await sessionWith(api, token, 'Written while the disk had room.');
        // The disk is fine: health says so, with a real write.
        expect((await call(api, 'GET', '/health')).status).toBe(200);
        if (kind === 'full') disk.fill();
        else disk.remountReadOnly();
        const forbidden = [disk.dir];
        const saved = await call(api, 'POST', `/freejournal/${id}/save`, { token, json: { content: 'Next version.', hints: ['And then?'] } });
        expectUpstreamProblem(
          saved,
          502,
          'SMARTBUCKET_FAILED',
          // Node's recursive mkdir reports a directory it cannot create on a read-only
          // file system as ENOENT; either way the code, never the path.
          kind === 'full' ? /SmartBucket put hints\/users\/\S+ failed: ENOSPC: no space left on the device$/ : /SmartBucket put hints\/users\/\S+ failed: E(ROFS|NOENT): /,
          forbidden,
        );
        // The text went to the database (elsewhere); the hint comes back to be sent again.
        expect(saved.json).toMatchObject({ savedVersion: 3, unsavedHints: ['And then?'] });
        expectUpstreamProblem(
          await call(api, 'POST', `/freejournal/${id}/voice`, { token, body: makeWav({ seconds: 0.1 }), type: 'audio/wav' }),
          502,
          'SMARTBUCKET_FAILED',
          /^SmartBucket put audio-files\/users\/\S+ failed: E(NOSPC|ROFS|NOENT)/,
          forbidden,
        );
        expectUpstreamProblem(
          await call(api, 'POST', `/freejournal/${id}/export`, { token, json: {} }),
          502,
          'S3_FAILED',
          /^PDF store put users\/\S+ failed: E(NOSPC|ROFS|NOENT)/,
          forbidden,
        );
        // What was acknowledged is intact.
        expect((await call(api, 'GET', `/freejournal/${id}`, { token })).json).toMatchObject({ content: 'Next version.', version: 3 });
        const health = await call(api, 'GET', '/health');
        expect(health.status).toBe(503);
        expect(health.json).toMatchObject({
          checks: { pdfs: { status: 'error' }, 'smartbucket:hints': { status: 'error' }, 'smartbucket:audio-files': { status: 'error' }, database: { status: 'ok' } },
        });
        expect(health.text).not.toContain(disk.dir);
        // The system errors went to the log, as they were.
        expect(JSON.stringify(api.logs.filter((entry) => entry.message === 'upstream failure').map((entry) => entry.context.reason))).toMatch(
          kind === 'full' ? /ENOSPC/ : /EROFS|ENOENT/,
        );
      } finally {
        await api.close();
        disk.unmount();
      }
    });
  }
});

describe.skipIf(skipDisk !== false)('fault injection: the database on a full disk (small tmpfs)', () => {
  it('answers a save that cannot be written with a bare 500, logged, and keeps the last saved text', async () => {
    const disk = mountTmpfs(4 * 1024 * 1024);
    const db = createSqliteDatabase({ filename: `${disk.dir}/pauz.db` });
    const pauz = createPauz({
      db,
      buckets: memoryBuckets(),
      pdfs: memoryPdfStore({ secret: 'fault-link-secret-0123456789abcdef', publicBaseUrl: 'http://127.0.0.1' }),
      passwordHasher: TEST_PASSWORD_HASHER,
    });
    await pauz.migrate();
    const api = await serve(pauz);
    try {
      const token = await register(api);
      const id = await sessionWith(api, token, 'Saved before the disk filled.');
      disk.fill();
      // Pages the database does not have yet: the write needs the disk.
      const answer = await call(api, 'POST', `/freejournal/${id}/save`, { token, json: { content: 'y'.repeat(150_000) } });
      expect(answer.status, answer.text).toBe(500);
      expect(answer.json?.code).toBe('INTERNAL');
      expect(answer.text).not.toContain(disk.dir);
      expect(answer.text).not.toContain('SQLITE');
      expect(api.logs.some((entry) => entry.message === 'unexpected error' && entry.context.reference !== undefined)).toBe(true);
      expect((await call(api, 'GET', `/freejournal/${id}`, { token })).json).toMatchObject({ content: 'Saved before the disk filled.', version: 2 });
    } finally {
      await api.close();
      await db.destroy();
      disk.unmount();
    }
  });
});
