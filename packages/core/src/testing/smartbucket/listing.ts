import { expect, it } from 'vitest';
import { compareKeys } from '../../buckets/keys.js';
import { expectPauzError } from '../expect-code.js';
import { listAll, type SmartBucketHarness } from './harness.js';

const AWKWARD_KEYS = [
  '../up',
  '../../../../etc/passwd',
  'a/./b',
  'a//b',
  'trailing/',
  '/leading',
  'back\\slash\\..\\x',
  '%2e%2e/%2fencoded',
  '..%2f..%2fescape',
  ' spaced key .txt',
  'ünïcödé/日本語/🌱.json',
  'dot.',
  '.hidden',
  '~meta',
  'CaSe',
  'case',
  'q?x=1&y=#frag',
  'tab\tnew\nline',
];

export function listingContract(h: () => SmartBucketHarness): void {
  it('lists only keys with the prefix, ascending, with sizes', async () => {
    const { bucket, key, prefix } = h();
    await bucket.put(key('b'), '22');
    await bucket.put(key('a'), '1');
    await bucket.put(key('c/d'), '333');
    await bucket.put(`${prefix.slice(0, -1)}-outside`, 'not mine');
    try {
      const page = await bucket.list({ prefix });
      expect(page.truncated).toBe(false);
      expect(page.cursor).toBeUndefined();
      expect(page.objects.map((e) => [e.key, e.size])).toEqual([
        [key('a'), 1],
        [key('b'), 2],
        [key('c/d'), 3],
      ]);
      for (const entry of page.objects) if (entry.uploaded !== undefined) expect(entry.uploaded).toBeInstanceOf(Date);
    } finally {
      await bucket.delete(`${prefix.slice(0, -1)}-outside`);
    }
  });

  it('treats the prefix as a string prefix, not a folder', async () => {
    const { bucket, key } = h();
    for (const name of ['ab', 'abc', 'ab/x', 'a/b', 'b']) await bucket.put(key(name), name);
    expect((await listAll(bucket, key('ab'))).map((e) => e.key)).toEqual([key('ab'), key('ab/x'), key('abc')]);
    expect((await listAll(bucket, key('a/'))).map((e) => e.key)).toEqual([key('a/b')]);
    expect(await listAll(bucket, key('nothing'))).toEqual([]);
  });

  it('pages with limit and cursor, covering every key exactly once', async () => {
    const { bucket, key, prefix } = h();
    const names = Array.from({ length: 11 }, (_, i) => `page/${String.fromCharCode(97 + ((i * 7) % 11))}${i}`);
    await Promise.all(names.map((name) => bucket.put(key(name), name)));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await bucket.list({ prefix, limit: 4, cursor });
      pages += 1;
      expect(page.objects.length).toBeLessThanOrEqual(4);
      expect(page.cursor === undefined).toBe(!page.truncated);
      seen.push(...page.objects.map((e) => e.key));
      cursor = page.cursor;
    } while (cursor !== undefined && pages < 20);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(names.map(key).sort(compareKeys));
  });

  it('orders keys by Unicode code point', async () => {
    const { bucket, key, prefix } = h();
    const names = ['z', '\uE000', '😀', 'Z', 'é', '0'];
    for (const name of names) await bucket.put(key(name), name);
    const listed = (await listAll(bucket, prefix, 2)).map((e) => e.key.slice(prefix.length));
    expect(listed).toEqual(['0', 'Z', 'z', 'é', '\uE000', '😀']);
  });

  it('keeps keys that look like paths, encodings or control characters exactly', async () => {
    const { bucket, key, prefix } = h();
    for (const name of AWKWARD_KEYS) await bucket.put(key(name), `content of ${name}`);
    for (const name of AWKWARD_KEYS) expect(await (await bucket.get(key(name)))?.text()).toBe(`content of ${name}`);
    expect((await listAll(bucket, prefix)).map((e) => e.key)).toEqual(AWKWARD_KEYS.map(key).sort(compareKeys));
    await bucket.delete(AWKWARD_KEYS.map(key));
    expect(await listAll(bucket, prefix)).toEqual([]);
  });

  it('refuses a limit outside 1–1000 and a malformed cursor', async () => {
    const { bucket, prefix } = h();
    for (const limit of [0, -1, 1001, 1.5]) {
      const error = await expectPauzError(bucket.list({ prefix, limit }), 'SMARTBUCKET_FAILED');
      expect(error.message).toContain(`list ${bucket.name}`);
    }
    await expectPauzError(bucket.list({ prefix, cursor: '' }), 'SMARTBUCKET_FAILED');
  });
}
