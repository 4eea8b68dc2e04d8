import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.js';

describe('base64', () => {
  it('matches Node’s encoder for every byte value and for a large buffer', () => {
    const bytes = Uint8Array.from({ length: 256 * 300 + 7 }, (_, i) => (i * 31) % 256);
    for (const sample of [new Uint8Array(0), bytes.subarray(0, 1), bytes.subarray(0, 2), bytes.subarray(0, 256), bytes]) {
      const encoded = encodeBase64(sample);
      expect(encoded).toBe(Buffer.from(sample).toString('base64'));
      expect(decodeBase64(encoded)).toEqual(new Uint8Array(sample));
    }
  });

  it('throws on text that is not base64', () => {
    expect(() => decodeBase64('not base64!')).toThrow();
  });
});
