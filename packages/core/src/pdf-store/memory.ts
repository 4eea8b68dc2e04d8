import { assertPdfKey } from './keys.js';
import { signedLinkReader } from './read-signed.js';
import { pdfLinkSigner, type PdfLinkSignerOptions } from './signed-link.js';
import type { PdfStore } from './types.js';

/**
 * A {@link PdfStore} in this process's memory, with signed, expiring links served by
 * the Pauz HTTP layer — for tests and development, never production (files vanish
 * with the process). Runtime-neutral.
 *
 * @example
 * ```ts
 * import { memoryPdfStore } from '@pauz/core';
 *
 * const pdfs = memoryPdfStore({ secret: 'a-development-secret-of-32-chars!', publicBaseUrl: 'http://127.0.0.1:3000' });
 * ```
 */
export function memoryPdfStore(options: PdfLinkSignerOptions): PdfStore {
  const signer = pdfLinkSigner(options);
  const files = new Map<string, Uint8Array>();
  const read = async (key: string): Promise<Uint8Array | null> => {
    assertPdfKey(key);
    const bytes = files.get(key);
    return bytes === undefined ? null : bytes.slice();
  };
  return {
    async put(key, bytes) {
      assertPdfKey(key);
      files.set(key, bytes.slice());
      return { key, size: bytes.byteLength };
    },
    async url(key) {
      assertPdfKey(key);
      return signer.sign(key);
    },
    async delete(key) {
      assertPdfKey(key);
      files.delete(key);
    },
    async check() {},
    get: read,
    readSigned: signedLinkReader(signer, read),
  };
}
