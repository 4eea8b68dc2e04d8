import { describe, expect, it } from 'vitest';
import { expectPauzError } from '../testing/expect-code.js';
import { describeCall } from './errors.js';
import { checkKey, compareKeys } from './keys.js';
import { listWindow, pageOf } from './list.js';

describe('compareKeys', () => {
  it('orders like UTF-8 bytes, which plain < does not', () => {
    const keys = ['a', 'é', '\uE000', '\uFFFF', '😀', '𝄞', 'Z', '', 'ab', 'a\u0000', '\uD7FF', 'z'];
    const byBytes = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...keys].sort(compareKeys)).toEqual(byBytes);
    expect([...keys].sort()).not.toEqual(byBytes);
  });
});

describe('checkKey', () => {
  it('accepts 1–1024 bytes of well-formed Unicode and refuses the rest', async () => {
    for (const key of ['k', 'é'.repeat(512), '😀', '../x']) expect(() => checkKey('SmartBucket get hints', key)).not.toThrow();
    for (const key of ['', 'é'.repeat(513), 'a\uDC00', '\uD83D', 7]) {
      await expectPauzError(Promise.resolve().then(() => checkKey('SmartBucket get hints', key)), 'SMARTBUCKET_FAILED');
    }
  });
});

describe('describeCall', () => {
  it('names the operation, bucket and keys, escaping control characters and cutting long lists', () => {
    expect(describeCall('put', 'hints', 'u1/h\n1')).toBe('SmartBucket put hints/u1/h\\u000a1');
    expect(describeCall('delete', 'hints', ['a', 'b', 'c', 'd', 'e'])).toBe('SmartBucket delete hints/[a, b, c, … 2 more]');
    expect(describeCall('list', 'hints', { prefix: 'u1/' })).toBe('SmartBucket list hints (prefix "u1/")');
    expect(describeCall('list', 'hints', {})).toBe('SmartBucket list hints');
    expect(describeCall('get', 'hints', 'x'.repeat(300))).toHaveLength('SmartBucket get hints/'.length + 201);
  });
});

describe('pageOf', () => {
  it('continues after the cursor even when that key is gone', () => {
    const window = listWindow('list', { prefix: 'p/', limit: 2 });
    const entries = ['p/d', 'p/a', 'q/a', 'p/c', 'p/b'].map((key) => ({ key }));
    const first = pageOf(entries, window);
    expect(first).toEqual({ entries: [{ key: 'p/a' }, { key: 'p/b' }], truncated: true, cursor: 'p/b' });
    const withoutB = entries.filter((e) => e.key !== 'p/b');
    expect(pageOf(withoutB, { ...window, cursor: first.cursor })).toEqual({ entries: [{ key: 'p/c' }, { key: 'p/d' }], truncated: false });
  });
});
