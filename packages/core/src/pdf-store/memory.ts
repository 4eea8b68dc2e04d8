import { throwIfAborted } from '../upstream.js';
import { assertPdfKey } from './keys.js';
import { signedLinkReader } from './read-signed.js';
import { pdfLinkSigner, pdfVersion, type PdfLinkSignerOptions } from './signed-link.js';
import type { PdfStore } from './types.js';
import type { CallOptions } from '../upstream.js';

/**
 * A {@link PdfStore} in this process's memory, with signed, expiring links served by
 * the Pauz HTTP layer — for tests and development, never production (files vanish
 * with the process). Runtime-neutral. A `signal` is checked before each call.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/pdf-store/memory.ts}
 */
export function memoryPdfStore(options: PdfLinkSignerOptions): PdfStore {
  const signer = pdfLinkSigner(options);
  const files = new Map<string, Uint8Array>();
  const read = async (key: string, options?: CallOptions): Promise<Uint8Array | null> => {
    assertPdfKey(key);
    throwIfAborted(options?.signal, `PDF get ${key}`);
    const bytes = files.get(key);
    return bytes === undefined ? null : bytes.slice();
  };
  return {
    async put(key, bytes, options) {
      assertPdfKey(key);
      throwIfAborted(options?.signal, `PDF put ${key}`);
      files.set(key, bytes.slice());
      return { key, size: bytes.byteLength };
    },
    async url(key, options) {
      assertPdfKey(key);
      throwIfAborted(options?.signal, `PDF url ${key}`);
      // Signed for the content stored now: a re-export makes it a dead link, not a door to the new file.
      const bytes = await read(key, options);
      return signer.sign(key, bytes === null ? 'none' : await pdfVersion(bytes));
    },
    async delete(key, options) {
      assertPdfKey(key);
      throwIfAborted(options?.signal, `PDF delete ${key}`);
      files.delete(key);
    },
    async check(options) {
      throwIfAborted(options?.signal, 'PDF check');
    },
    get: read,
    readSigned: signedLinkReader(signer, read),
  };
}
