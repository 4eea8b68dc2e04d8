import { describe, expect, it } from 'vitest';
import { hasNodeSha256, sha256Hex, webCryptoSha256Hex } from './runtime.js';

describe('sha256Hex', () => {
  it('takes the synchronous node:crypto path on Node', () => {
    expect(hasNodeSha256).toBe(true);
  });

  it('gives the standard digest (FIPS 180-2 test vectors)', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes exactly as the Web Crypto fallback does, UTF-8 included', async () => {
    for (const text of ['pauz_abcDEF-_123', 'naïve café', '日本語のテキスト', '👩‍👩‍👧 emoji', 'x'.repeat(10_000), '\u0000\uFFFF']) {
      expect(await sha256Hex(text)).toBe(await webCryptoSha256Hex(text));
    }
  });

  it('encodes a lone surrogate the way TextEncoder does (U+FFFD)', async () => {
    expect(await sha256Hex('a\uD800b')).toBe(await webCryptoSha256Hex('a\uD800b'));
  });
});
