import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
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
    expect(filesUnder(root).length).toBe(1);
  });

  it('stores each object as one file holding content and metadata, owner-only, no temp files left', async () => {
    const bucket = fsBucket({ root, name: 'audio' });
    await bucket.put('u1/rec.webm', new Uint8Array([1, 2, 3]), { contentType: 'audio/webm', customMetadata: { owner: 'u1' } });
    await bucket.put('u1/rec.webm', new Uint8Array([4, 5]), { contentType: 'audio/ogg' });
    expect(filesUnder(join(root, 'audio'))).toEqual([join('u1', 'rec.webm~object')]);
    const file = readFileSync(join(root, 'audio', 'u1', 'rec.webm~object'));
    expect([...file.subarray(0, 2)]).toEqual([4, 5]);
    expect(file.toString('utf8')).toContain('"contentType":"audio/ogg"');
    expect(await bucket.head('u1/rec.webm')).toMatchObject({ key: 'u1/rec.webm', size: 2, contentType: 'audio/ogg', customMetadata: {} });
    // Whatever the umask: files 0600, directories 0700.
    expect(statSync(join(root, 'audio', 'u1', 'rec.webm~object')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'audio', 'u1')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'audio')).mode & 0o777).toBe(0o700);
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
    expect(filesUnder(join(root, 'audio'))).toEqual(['rec~object']);
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
    writeFileSync(join(root, 'hints', 'a', 'Upper~object'), '{}');
    writeFileSync(join(root, 'hints', '.tmp-stale'), 'half');
    expect((await bucket.list()).objects.map((e) => e.key)).toEqual(['a/b']);
  });

  it('reports corrupt or foreign object files and over-long segments as SMARTBUCKET_FAILED naming the call', async () => {
    const bucket = fsBucket({ root, name: 'hints' });
    await bucket.put('u1/h.json', '{}');
    await bucket.put('u1/other.json', '{"other": true}');
    const path = join(root, 'hints', 'u1', 'h.json~object');
    const good = readFileSync(path);
    writeFileSync(path, good.subarray(0, good.length - 1));
    const corrupt = await expectPauzError(bucket.get('u1/h.json'), 'SMARTBUCKET_FAILED');
    expect(corrupt.message).toContain('SmartBucket get hints/u1/h.json failed');
    await expectPauzError(bucket.head('u1/h.json'), 'SMARTBUCKET_FAILED');
    // Another key's file under this key's name is refused, not served.
    writeFileSync(path, readFileSync(join(root, 'hints', 'u1', 'other.json~object')));
    await expectPauzError(bucket.get('u1/h.json'), 'SMARTBUCKET_FAILED');
    const long = await expectPauzError(bucket.put(`u1/${'日'.repeat(100)}`, 'x'), 'SMARTBUCKET_FAILED');
    expect(long.message).toMatch(/^SmartBucket put hints\/u1\/日+ failed: a key segment is longer/);
    expect(await bucket.get(`u1/${'日'.repeat(100)}`)).toBeNull();
    await bucket.delete(`u1/${'日'.repeat(100)}`);
  });

  it('deletes a whole prefix, temp files and foreign files included, and nothing beside it', async () => {
    const bucket = fsBucket({ root, name: 'hints' });
    await bucket.put('users/u1/a.json', 'one');
    await bucket.put('users/u1/deep/b.json', 'two');
    await bucket.put('users/u10/a.json', 'neighbour');
    await bucket.put('users/u1', 'a key, not under the prefix');
    writeFileSync(join(root, 'hints', 'users', 'u1', '.tmp-0123'), 'half a write');
    writeFileSync(join(root, 'hints', 'users', 'u1', 'deep', 'stray'), 'foreign');
    await bucket.deletePrefix('users/u1/');
    expect(filesUnder(join(root, 'hints'))).toEqual([join('users', 'u10', 'a.json~object'), join('users', 'u1~object')]);
    expect((await bucket.list({ prefix: 'users/' })).objects.map((o) => o.key)).toEqual(['users/u1', 'users/u10/a.json']);
    await bucket.deletePrefix('users/u1/'); // twice is harmless
    for (const bad of ['', '/', 'users/u1']) {
      await expectPauzError(bucket.deletePrefix(bad), 'SMARTBUCKET_FAILED');
    }
    expect(filesUnder(join(root, 'hints'))).toHaveLength(2);
  });

  it('sweeps temp files older than the cutoff, leaving writes in flight and objects', async () => {
    const bucket = fsBucket({ root, name: 'hints' });
    await bucket.put('users/u1/a.json', 'kept');
    const dir = join(root, 'hints', 'users', 'u1');
    writeFileSync(join(dir, '.tmp-old'), 'crash leftover');
    writeFileSync(join(dir, '.tmp-young'), 'in flight');
    writeFileSync(join(dir, 'README'), 'foreign, not ours to remove');
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, '.tmp-old'), old, old);
    utimesSync(join(dir, 'README'), old, old);
    expect(await bucket.sweepIncomplete({ olderThan: new Date(Date.now() - 60_000) })).toEqual(['users/u1/.tmp-old']);
    expect(filesUnder(dir)).toEqual(['.tmp-young', 'README', 'a.json~object']);
    expect(await (await bucket.get('users/u1/a.json'))?.text()).toBe('kept');
  });

  it('refuses to be built without a root or a name', () => {
    expect(() => fsBucket({ root: '', name: 'hints' })).toThrow(/root/);
    expect(() => fsBucket({ root, name: '' })).toThrow(/name/);
  });
});
