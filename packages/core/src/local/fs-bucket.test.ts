import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectPauzError } from '../testing/expect-code.js';
import { fsBucket } from './fs-bucket.js';

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

const TRAVERSALS = [
  '../outside/pwned',
  '../../pwned',
  '/etc/pauz-pwned',
  'a/../../../pwned',
  '..\\..\\pwned',
  'C:\\pwned',
  '%2e%2e/%2e%2e/pwned',
  '%2e%2e%2fpwned',
  '..%2f..%2fpwned',
  '..\u0000/pwned',
  '....//pwned',
  '.tmp-x',
];

describe('fsBucket', () => {
  let parent: string;
  let root: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'pauz-fs-'));
    root = join(parent, 'buckets');
    mkdirSync(join(parent, 'outside'));
    writeFileSync(join(parent, 'outside', 'secret.txt'), 'secret');
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('keeps traversal attempts inside the bucket directory and reads them back as plain keys', async () => {
    const bucket = fsBucket({ root, name: 'hints' });
    for (const key of TRAVERSALS) await bucket.put(key, `value of ${key}`);
    expect(filesUnder(parent).filter((file) => !file.startsWith(join('buckets', 'hints')))).toEqual([join('outside', 'secret.txt')]);
    for (const key of TRAVERSALS) expect(await (await bucket.get(key))?.text()).toBe(`value of ${key}`);
    expect(await bucket.get('../outside/secret.txt')).toBeNull();
    expect(await bucket.head('../../outside/secret.txt')).toBeNull();
    await bucket.delete('../outside/secret.txt');
    expect(readFileSync(join(parent, 'outside', 'secret.txt'), 'utf8')).toBe('secret');
  });

  it('keeps a bucket with a hostile name inside the root', async () => {
    const bucket = fsBucket({ root, name: '../outside' });
    await bucket.put('secret.txt', 'overwritten?');
    expect(readFileSync(join(parent, 'outside', 'secret.txt'), 'utf8')).toBe('secret');
    expect(filesUnder(root).length).toBe(2);
  });

  it('stores one content file and one metadata file per object, no temp files, old content removed', async () => {
    const bucket = fsBucket({ root, name: 'audio' });
    await bucket.put('u1/rec.webm', new Uint8Array([1, 2, 3]), { contentType: 'audio/webm', customMetadata: { owner: 'u1' } });
    await bucket.put('u1/rec.webm', new Uint8Array([4, 5]), { contentType: 'audio/ogg' });
    const files = filesUnder(join(root, 'audio'));
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.startsWith(join('u1', 'rec.webm~')))).toBe(true);
    const meta = JSON.parse(readFileSync(join(root, 'audio', 'u1', 'rec.webm~meta.json'), 'utf8'));
    expect(meta).toMatchObject({ key: 'u1/rec.webm', size: 2, contentType: 'audio/ogg', customMetadata: {} });
    expect(statSync(join(root, 'audio', 'u1', meta.data)).size).toBe(2);
  });

  it('leaves the previous version whole when a streamed write fails midway', async () => {
    const bucket = fsBucket({ root, name: 'audio' });
    await bucket.put('rec', 'old', { contentType: 'text/plain' });
    let sent = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === 0) controller.enqueue(new Uint8Array([9, 9, 9]));
        else controller.error(new Error('microphone unplugged'));
      },
    });
    const error = await expectPauzError(bucket.put('rec', failing), 'SMARTBUCKET_FAILED');
    expect(error.message).toMatch(/put audio\/rec failed/);
    expect((error.cause as Error).message).toBe('microphone unplugged');
    const object = await bucket.get('rec');
    expect(await object?.text()).toBe('old');
    expect(object?.contentType).toBe('text/plain');
    expect(filesUnder(join(root, 'audio'))).toHaveLength(2);
  });

  it('survives a new instance on the same directory', async () => {
    await fsBucket({ root, name: 'hints' }).put('k/é', 'persisted', { customMetadata: { a: 'b' } });
    const reopened = await fsBucket({ root, name: 'hints' }).get('k/é');
    expect(await reopened?.text()).toBe('persisted');
    expect(reopened?.customMetadata).toEqual({ a: 'b' });
  });

  it('passes over files it did not write', async () => {
    const bucket = fsBucket({ root, name: 'hints' });
    await bucket.put('a/b', 'x');
    writeFileSync(join(root, 'hints', 'a', 'README'), 'not an object');
    writeFileSync(join(root, 'hints', 'a', 'Upper~meta.json'), '{}');
    writeFileSync(join(root, 'hints', '.tmp-stale'), 'half');
    expect((await bucket.list()).objects.map((e) => e.key)).toEqual(['a/b']);
  });

  it('reports corrupt or tampered metadata and over-long segments as SMARTBUCKET_FAILED naming the call', async () => {
    const bucket = fsBucket({ root, name: 'hints' });
    await bucket.put('u1/h.json', '{}');
    const meta = JSON.parse(readFileSync(join(root, 'hints', 'u1', 'h.json~meta.json'), 'utf8'));
    writeFileSync(join(root, 'hints', 'u1', 'h.json~meta.json'), '{"key": 1}');
    const corrupt = await expectPauzError(bucket.get('u1/h.json'), 'SMARTBUCKET_FAILED');
    expect(corrupt.message).toContain('SmartBucket get hints/u1/h.json failed');
    writeFileSync(join(root, 'hints', 'u1', 'h.json~meta.json'), JSON.stringify({ ...meta, data: 'h.json~/../../../../outside/secret.txt' }));
    await expectPauzError(bucket.get('u1/h.json'), 'SMARTBUCKET_FAILED');
    const long = await expectPauzError(bucket.put(`u1/${'日'.repeat(100)}`, 'x'), 'SMARTBUCKET_FAILED');
    expect(long.message).toMatch(/^SmartBucket put hints\/u1\/日+ failed: a key segment is longer/);
    expect(await bucket.get(`u1/${'日'.repeat(100)}`)).toBeNull();
    await bucket.delete(`u1/${'日'.repeat(100)}`);
  });

  it('refuses to be built without a root or a name', () => {
    expect(() => fsBucket({ root: '', name: 'hints' })).toThrow(/root/);
    expect(() => fsBucket({ root, name: '' })).toThrow(/name/);
  });
});
