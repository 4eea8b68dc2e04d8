import { bucketFailure } from './errors.js';

/** Longest key in UTF-8 bytes, as in R2 and Raindrop buckets. */
export const MAX_KEY_BYTES = 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const encoder = new TextEncoder();

/**
 * Refuses a key no backend can hold alike: not a string, empty, longer than
 * {@link MAX_KEY_BYTES} in UTF-8, or with a lone surrogate (which UTF-8 cannot carry,
 * so the stored key would differ from the one given).
 */
export function checkKey(what: string, key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw bucketFailure(what, 'the key must be a non-empty string');
  if (LONE_SURROGATE.test(key)) throw bucketFailure(what, 'the key is not well-formed Unicode (lone surrogate)');
  if (encoder.encode(key).length > MAX_KEY_BYTES) throw bucketFailure(what, `the key is longer than ${MAX_KEY_BYTES} UTF-8 bytes`);
}

/** Maps a UTF-16 code unit so that comparing mapped units orders strings by code point. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * Orders keys by Unicode code point, which is the UTF-8 byte order R2 lists in.
 * (Plain `<` compares UTF-16 units and puts U+E000–U+FFFF after emoji.)
 */
export function compareKeys(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}
