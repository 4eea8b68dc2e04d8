import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRaindropRestEmulator, type RaindropRestEmulator } from '../../test/emulators/raindrop-rest.js';
import { PauzConfigError } from '../errors.js';
import { expectPauzError } from '../testing/expect-code.js';
import { raindropRestBucket, type RaindropRestBucketOptions } from './bucket-rest.js';

describe('raindropRestBucket', () => {
  let emulator: RaindropRestEmulator;
  beforeEach(async () => {
    emulator = await startRaindropRestEmulator({ version: 'v-7' });
  });
  afterEach(() => emulator.close());

  const bucket = (options: Partial<RaindropRestBucketOptions> = {}) =>
    raindropRestBucket({
      apiKey: emulator.apiKey,
      applicationName: emulator.applicationName,
      baseUrl: emulator.baseUrl,
      bucket: 'hints',
      retryDelayMs: 1,
      timeoutMs: 5_000,
      ...options,
    });
  const last = (path: string) => emulator.requests.filter((r) => r.path === path).at(-1);

  it('POSTs camelCase JSON with a bearer token and base64 content', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    await bucket().put('u1/rec.webm', bytes, { contentType: 'audio/webm' });
    const put = last('/v1/put_object');
    expect(put?.method).toBe('POST');
    expect(put?.headers.authorization).toBe(`Bearer ${emulator.apiKey}`);
    expect(put?.headers['content-type']).toMatch(/^application\/json/);
    expect(put?.body).toEqual({
      bucketLocation: { bucket: { name: 'hints', applicationName: 'pauz-journaling' } },
      key: 'u1/rec.webm',
      content: Buffer.from(bytes).toString('base64'),
      contentType: 'audio/webm',
    });
    expect(emulator.api.buckets.get('hints')?.get('u1/rec.webm')?.bytes).toEqual(bytes);
  });

  it('sends the version only when configured, and a wrong one finds no bucket', async () => {
    await bucket({ version: 'v-7' }).put('k', 'x');
    expect(last('/v1/put_object')?.body).toMatchObject({ bucketLocation: { bucket: { version: 'v-7' } } });
    const error = await expectPauzError(bucket({ version: 'v-8' }).put('k', 'x'), 'SMARTBUCKET_FAILED');
    expect(error.message).toMatch(/HTTP 404 NOT_FOUND/);
  });

  it('lists with the prefix on the wire and no cursor or limit, paging client-side', async () => {
    const hints = bucket();
    for (const key of ['p/c', 'p/a', 'p/b', 'q/a']) await hints.put(key, key);
    const first = await hints.list({ prefix: 'p/', limit: 2 });
    expect(last('/v1/list_objects')?.body).toEqual({ bucketLocation: { bucket: { name: 'hints', applicationName: 'pauz-journaling' } }, prefix: 'p/' });
    expect(first).toMatchObject({ objects: [{ key: 'p/a', size: 3 }, { key: 'p/b', size: 3 }], truncated: true });
    const second = await hints.list({ prefix: 'p/', limit: 2, cursor: first.cursor });
    expect(second).toEqual({ objects: [expect.objectContaining({ key: 'p/c' })], truncated: false });
    expect(second.objects[0]?.uploaded).toBeInstanceOf(Date);
  });

  it('reads a missing object as null without retrying, and an empty object as empty', async () => {
    const hints = bucket();
    expect(await hints.get('nope')).toBeNull();
    expect(emulator.calls['/v1/get_object']).toBe(1);
    await hints.put('empty', new Uint8Array(0), { contentType: 'text/plain' });
    const empty = await hints.get('empty');
    expect(empty?.size).toBe(0);
    expect(await empty?.text()).toBe('');
    expect(await hints.head('empty')).toMatchObject({ key: 'empty', size: 0, contentType: 'text/plain' });
  });

  it('retries 503 and 429 with backoff, then succeeds', async () => {
    emulator.failNext(1, { status: 503, code: 'UNAVAILABLE' });
    emulator.failNext(1, { status: 429, code: 'RESOURCE_EXHAUSTED' });
    await bucket().put('k', 'after retries');
    expect(emulator.calls['/v1/put_object']).toBe(3);
    expect(await (await bucket().get('k'))?.text()).toBe('after retries');
  });

  it('waits as long as Retry-After asks before retrying', async () => {
    emulator.failNext(1, { status: 429, code: 'RESOURCE_EXHAUSTED', retryAfter: 0.3 });
    const started = Date.now();
    await bucket().put('k', 'v');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(emulator.calls['/v1/put_object']).toBe(2);
  });

  it('round-trips a large binary object through base64 and a base URL with a trailing slash', async () => {
    const big = Uint8Array.from({ length: 3 * 1024 * 1024 + 1 }, (_, i) => (i * 131) % 256);
    const audio = bucket({ bucket: 'audio-files', baseUrl: `${emulator.baseUrl}/` });
    await audio.put('u1/long.wav', big, { contentType: 'audio/wav' });
    const object = await audio.get('u1/long.wav');
    expect(object?.size).toBe(big.length);
    // Buffer#equals: a deep toEqual over 3 MB takes seconds.
    expect(Buffer.from((await object?.bytes()) ?? []).equals(big)).toBe(true);
  });

  it('retries a cut connection', async () => {
    await bucket().put('k', 'v');
    emulator.dropNext(1, '/v1/get_object');
    expect(await (await bucket().get('k'))?.text()).toBe('v');
    expect(emulator.calls['/v1/get_object']).toBe(2);
  });

  it('gives up after the configured retries, saying how often it tried', async () => {
    emulator.failNext(5, { status: 500, code: 'INTERNAL', message: 'disk on fire' });
    const error = await expectPauzError(bucket({ retries: 2 }).put('u1/h.json', '{}'), 'SMARTBUCKET_FAILED');
    // The API's own words go to the log (the cause), never into the message.
    expect(error.message).toBe('SmartBucket put hints/u1/h.json failed: HTTP 500 INTERNAL (after 3 attempts)');
    expect((error.cause as Error).message).toBe('disk on fire');
    expect(error.details).toMatchObject({ status: 500, upstreamCode: 'INTERNAL', attempts: 3 });
    expect(emulator.calls['/v1/put_object']).toBe(3);
  });

  it('does not retry a 400', async () => {
    emulator.failNext(1, { status: 400, code: 'INVALID_ARGUMENT', message: 'bad key' });
    const error = await expectPauzError(bucket().delete('k'), 'SMARTBUCKET_FAILED');
    expect(error.message).toBe('SmartBucket delete hints/k failed: HTTP 400 INVALID_ARGUMENT (after 1 attempt)');
    expect(emulator.calls['/v1/delete_object']).toBe(1);
  });

  it('times out a hanging call with UPSTREAM_TIMEOUT naming the call', async () => {
    emulator.hangNext(1, '/v1/get_object');
    const started = Date.now();
    const error = await expectPauzError(bucket({ timeoutMs: 150 }).get('u1/slow'), 'UPSTREAM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.message).toBe('SmartBucket get hints/u1/slow timed out after 150 ms');
  });

  it('cancels the call in flight when the caller aborts: ABORTED at once, never retried', async () => {
    emulator.hangNext(1, '/v1/put_object');
    const controller = new AbortController();
    const pending = bucket({ timeoutMs: 120_000, retries: 3 }).put('u1/h1.json', '{}', { signal: controller.signal });
    await emulator.hung.waitForHeld(1);
    controller.abort(new Error('the client went away'));
    const error = await expectPauzError(pending, 'ABORTED');
    expect(error.message).toBe('SmartBucket put hints/u1/h1.json was aborted by the caller');
    await emulator.hung.waitForAborted(1);
    expect(emulator.calls['/v1/put_object']).toBe(1);
    // The next call with a fresh signal goes through normally.
    await bucket().put('u1/h1.json', '{}', { signal: new AbortController().signal });
    expect(emulator.calls['/v1/put_object']).toBe(2);
  });

  it('cancels every delete in flight and starts no other once the caller aborts', async () => {
    // One call per key, four at a time: hold the first four.
    emulator.hangNext(4, '/v1/delete_object');
    const controller = new AbortController();
    const keys = Array.from({ length: 12 }, (_, i) => `u1/k${i}`);
    const pending = bucket({ timeoutMs: 120_000 }).delete(keys, { signal: controller.signal });
    await emulator.hung.waitForHeld(4);
    controller.abort();
    await expectPauzError(pending, 'ABORTED');
    await emulator.hung.waitForAborted(4);
    expect(emulator.calls['/v1/delete_object']).toBe(4);
  });

  it('counts retries and backoff within the same time budget', async () => {
    emulator.failNext(10, { status: 503, code: 'UNAVAILABLE' });
    await expectPauzError(bucket({ timeoutMs: 200, retries: 10, retryDelayMs: 150 }).head('k'), 'UPSTREAM_TIMEOUT');
    expect(emulator.calls['/v1/list_objects']).toBeLessThan(4);
  });

  it('never puts the API key in a message, even when the API echoes it', async () => {
    const wrong = await expectPauzError(bucket({ apiKey: 'sk-wrong-secret-123456' }).get('u1/k'), 'SMARTBUCKET_FAILED');
    expect(wrong.message).toBe('SmartBucket get hints/u1/k failed: HTTP 401 UNAUTHENTICATED (after 1 attempt)');
    expect(emulator.calls['/v1/get_object']).toBe(1);
    emulator.failNext(1, { status: 403, code: 'PERMISSION_DENIED', message: `key ${emulator.apiKey} may not write` });
    const echoed = await expectPauzError(bucket().put('u1/k', 'x'), 'SMARTBUCKET_FAILED');
    for (const error of [wrong, echoed]) {
      expect(error.message).toContain('hints/u1/k');
      expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(emulator.apiKey);
      expect(error.message).not.toContain('sk-wrong-secret-123456');
    }
    // Even in the cause, for the log, the echoed key is redacted.
    expect((echoed.cause as Error).message).toContain('[redacted]');
    expect((echoed.cause as Error).message).not.toContain(emulator.apiKey);
  });

  it('reports an unknown bucket on write and list instead of pretending it is empty', async () => {
    const unknown = bucket({ bucket: 'hintz' });
    await expectPauzError(unknown.put('k', 'x'), 'SMARTBUCKET_FAILED');
    const error = await expectPauzError(unknown.list(), 'SMARTBUCKET_FAILED');
    expect(error.message).toBe('SmartBucket list hintz failed: HTTP 404 NOT_FOUND (after 1 attempt)');
  });

  it('refuses custom metadata without calling the API', async () => {
    await expectPauzError(bucket().put('k', 'x', { customMetadata: { owner: 'u1' } }), 'SMARTBUCKET_FAILED');
    expect(emulator.calls['/v1/put_object']).toBeUndefined();
  });

  it('sends searches to every bucket location with the request id', async () => {
    const hints = bucket();
    await hints.put('u1/h', 'gentle morning walk', { contentType: 'text/plain' });
    const found = await hints.search({ input: 'morning', requestId: 'req-1' });
    expect(last('/v1/search')?.body).toEqual({
      bucketLocations: [{ bucket: { name: 'hints', applicationName: 'pauz-journaling' } }],
      input: 'morning',
      requestId: 'req-1',
    });
    expect(found.results).toEqual([{ key: 'u1/h', text: 'gentle morning walk', score: 1 }]);
  });

  it('checks its configuration, listing every problem and never the key', () => {
    let caught: unknown;
    try {
      raindropRestBucket({ apiKey: '', applicationName: ' ', bucket: '', baseUrl: 'not a url', retries: -1, timeoutMs: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PauzConfigError);
    expect((caught as PauzConfigError).problems).toHaveLength(6);
  });
});

describe('the REST emulator refuses what the real API would', () => {
  let emulator: RaindropRestEmulator;
  beforeEach(async () => {
    emulator = await startRaindropRestEmulator();
  });
  afterEach(() => emulator.close());

  const post = async (path: string, body: unknown, auth = `Bearer ${emulator.apiKey}`) => {
    const response = await fetch(`${emulator.baseUrl}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { code?: string } };
  };
  const location = () => ({ bucket: { name: 'hints', applicationName: emulator.applicationName } });

  it('answers as documented for a correct call', async () => {
    expect(await post('/v1/put_object', { bucketLocation: location(), key: 'k', content: 'aGk=', contentType: 'text/plain' })).toEqual({ status: 200, body: { key: 'k' } });
  });

  it.each([
    ['no bearer', '/v1/get_object', { bucketLocation: 'x', key: 'k' }, 'Basic abc', 401, 'UNAUTHENTICATED'],
    ['snake_case top level', '/v1/get_object', { bucket_location: {}, key: 'k' }, undefined, 400, 'INVALID_ARGUMENT'],
    ['snake_case in the bucket', '/v1/get_object', { bucketLocation: { bucket: { name: 'hints', application_name: 'pauz-journaling' } }, key: 'k' }, undefined, 400, 'INVALID_ARGUMENT'],
    ['missing bucketLocation', '/v1/list_objects', { prefix: 'a' }, undefined, 400, 'INVALID_ARGUMENT'],
    ['non-base64 content', '/v1/put_object', { bucketLocation: 'LOC', key: 'k', content: 'not base64!' }, undefined, 400, 'INVALID_ARGUMENT'],
    ['unknown bucket', '/v1/list_objects', { bucketLocation: { bucket: { name: 'nope', applicationName: 'pauz-journaling' } } }, undefined, 404, 'NOT_FOUND'],
    ['missing object', '/v1/get_object', { bucketLocation: 'LOC', key: 'missing' }, undefined, 404, 'NOT_FOUND'],
  ])('%s', async (_, path, body, auth, status, code) => {
    const withLocation = JSON.parse(JSON.stringify(body).replace('"LOC"', JSON.stringify(location())));
    expect(await post(path, withLocation, auth)).toEqual({ status, body: expect.objectContaining({ code }) });
  });
});
