import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSegment, encodeSegment, locate, MAX_SEGMENT_NAME, prefixDirectory } from './fs-keys.js';

const HOSTILE_SEGMENTS = ['..', '.', '', '...', '.hidden', 'a\\..\\b', 'C:', 'nul\u0000byte', '%2e%2e', '%', '~meta.json', 'Upper', 'ünï 🌱', 'tab\t'];

describe('filesystem bucket key encoding', () => {
  it('encodes every hostile segment into a plain, safe name', () => {
    for (const segment of HOSTILE_SEGMENTS) {
      const name = encodeSegment(segment);
      expect(name, segment).toMatch(/^(?:[a-z0-9_.-]|%[0-9A-F]{2}|%)+$/);
      expect(name, segment).not.toMatch(/^\./);
      expect(decodeSegment(name), segment).toBe(segment);
    }
    expect(encodeSegment('..')).toBe('%2E%2E');
    expect(encodeSegment('hint-1.json')).toBe('hint-1.json');
    expect(encodeSegment('Ab')).toBe('%41b');
  });

  it('round-trips random segments, and distinct segments never share a name, even ignoring case', () => {
    const seen = new Map<string, string>();
    const alphabet = ['a', 'A', '.', '%', '\\', '~', ' ', '\u0000', 'é', 'É', '🌱', '0', '-', '_', 'F', 'f'];
    for (let i = 0; i < 3000; i++) {
      let segment = '';
      const length = 1 + (i % 6);
      for (let j = 0; j < length; j++) segment += alphabet[(i * 7 + j * 13 + ((i * j) % 5)) % alphabet.length];
      const name = encodeSegment(segment);
      expect(decodeSegment(name)).toBe(segment);
      const folded = name.toLowerCase();
      const earlier = seen.get(folded);
      if (earlier !== undefined) expect(earlier).toBe(segment);
      seen.set(folded, segment);
    }
  });

  it('decodes only names the encoding makes', () => {
    for (const name of ['..', '.', '.tmp-1', 'a%2', 'a%2e', '%61', 'A', 'x~meta.json', 'a/b', '%FF', '%C3']) {
      expect(decodeSegment(name), name).toBeUndefined();
    }
  });

  it('locates every hostile key inside the bucket directory', () => {
    const root = join(tmpdir(), 'pauz-locate', 'hints');
    const keys = ['../../etc/passwd', '/etc/passwd', 'a/../../b', '..\\..\\x', 'C:\\Windows\\x', '%2e%2e/%2e%2e/x', '....//x', 'a/./../b', '\u0000/x', '//', '~/.ssh/id'];
    for (const key of keys) {
      const at = locate(root, key);
      if (at === undefined) throw new Error(`${key} was not located`);
      const { dir, base } = at;
      expect(dir === root || dir.startsWith(root + sep), key).toBe(true);
      expect(base).not.toMatch(/[/\\]/);
      expect(dir.slice(root.length).split(sep).every((part) => part !== '..' && part !== '.')).toBe(true);
    }
  });

  it('locates nothing for a segment longer than a file name can be', () => {
    expect(locate('/tmp/b', `ok/${'é'.repeat(40)}`)).toBeUndefined();
    expect(locate('/tmp/b', 'x'.repeat(MAX_SEGMENT_NAME))).toEqual({ dir: '/tmp/b', base: 'x'.repeat(MAX_SEGMENT_NAME) });
  });

  it('finds the directory a prefix lives under', () => {
    const root = join(tmpdir(), 'b');
    expect(prefixDirectory(root, 'users/u1/hi')).toEqual({ dir: join(root, 'users', 'u1'), keyPrefix: 'users/u1/' });
    expect(prefixDirectory(root, 'use')).toEqual({ dir: root, keyPrefix: '' });
    expect(prefixDirectory(root, '../')).toEqual({ dir: join(root, '%2E%2E'), keyPrefix: '../' });
  });
});
