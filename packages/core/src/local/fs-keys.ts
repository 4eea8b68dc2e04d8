import { resolve, sep } from 'node:path';

/**
 * How filesystem buckets turn keys into paths. A key is split at `/`; each segment
 * becomes one directory or file name that keeps `a-z 0-9 _ -` and inner dots and
 * writes every other UTF-8 byte as `%XX` (upper-case hex). So a name never is `.`
 * or `..`, never starts with a dot, never holds a separator, NUL or upper-case
 * letter (case-insensitive disks cannot merge two keys), and decodes back to exactly
 * one segment. Names Pauz adds for its own files use characters the encoding never
 * produces: `~` after an object's name, a leading `.` for temp files.
 */

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Longest encoded segment; leaves room for Pauz's suffixes within 255-byte file names. */
export const MAX_SEGMENT_NAME = 200;

/** Suffix of an object's file (content and metadata in one file): no file, no object. */
export const OBJECT_SUFFIX = '~object';

/** Prefix of the temp files a write renames into place; a crash may leave one behind. */
export const TEMP_PREFIX = '.tmp-';

function isKept(byte: number, index: number, last: number): boolean {
  const lowerOrDigit = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39);
  const dotInside = byte === 0x2e && index > 0 && index < last;
  return lowerOrDigit || byte === 0x5f || byte === 0x2d || dotInside;
}

/** The file name of one key segment; `%` alone stands for the empty segment. */
export function encodeSegment(segment: string): string {
  if (segment === '') return '%';
  const bytes = encoder.encode(segment);
  let name = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    name += isKept(byte, i, bytes.length - 1) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return name;
}

/** The segment a name encodes, or `undefined` for a name {@link encodeSegment} never makes. */
export function decodeSegment(name: string): string | undefined {
  if (name === '%') return '';
  if (!/^(?:[a-z0-9_.-]|%[0-9A-F]{2})+$/.test(name)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < name.length; ) {
    if (name[i] === '%') {
      bytes.push(Number.parseInt(name.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      bytes.push(name.charCodeAt(i));
      i += 1;
    }
  }
  let segment: string;
  try {
    segment = strictDecoder.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
  return encodeSegment(segment) === name ? segment : undefined;
}

/** Where one object lives: its directory and the base of its file names. */
export interface ObjectLocation {
  /** Absolute directory of the object's files. */
  dir: string;
  /** Encoded last segment; the object's file is `<base>~object`. */
  base: string;
}

/**
 * Locates `key` inside `bucketDir`, or `undefined` when a segment is too long for a
 * file name (no object can live there). Checks again that the result lies inside the
 * bucket directory, so a flaw in the encoding could never reach outside it.
 */
export function locate(bucketDir: string, key: string): ObjectLocation | undefined {
  const names = key.split('/').map(encodeSegment);
  if (names.some((name) => name.length > MAX_SEGMENT_NAME)) return undefined;
  const base = names.pop() as string;
  const root = resolve(bucketDir);
  const dir = resolve(root, ...names);
  if (dir !== root && !dir.startsWith(root + sep)) throw new Error('the key resolves outside the bucket directory');
  return { dir, base };
}

/**
 * The directory under which every key with `prefix` lives (its complete segments),
 * and the key text that directory stands for.
 */
export function prefixDirectory(bucketDir: string, prefix: string): { dir: string; keyPrefix: string } {
  const cut = prefix.lastIndexOf('/');
  if (cut < 0) return { dir: resolve(bucketDir), keyPrefix: '' };
  const keyPrefix = prefix.slice(0, cut + 1);
  const names = keyPrefix.slice(0, -1).split('/').map(encodeSegment);
  return { dir: resolve(bucketDir, ...names), keyPrefix };
}
