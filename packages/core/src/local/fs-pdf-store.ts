import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { PauzError } from '../errors.js';
import { assertPdfKey, keyFileName } from '../pdf-store/keys.js';
import { type PdfLinkSignerOptions, pdfLinkSigner, pdfVersion } from '../pdf-store/signed-link.js';
import type { PdfStore } from '../pdf-store/types.js';
import { signedLinkReader } from '../pdf-store/read-signed.js';
import { type CallOptions, throwIfAborted } from '../upstream.js';

/** Options of {@link fsPdfStore}. */
export interface FsPdfStoreOptions extends PdfLinkSignerOptions {
  /** Directory the PDFs live under (created when missing). */
  root: string;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/**
 * A {@link PdfStore} on the local file system (Node), for development and single-
 * server deployments. Files live under `root` at their key's path; writes go to a
 * temporary file first and are renamed into place, so a reader never sees half a
 * PDF. Links are signed with HMAC-SHA256 and expire
 * (`${publicBaseUrl}/files/pdf/<key>?expires=…&signature=…`); the Pauz HTTP layer
 * serves them through {@link PdfStore.readSigned} (`readSignedPdf`). A `signal` is
 * checked before each call and, in `put`, once more before the file is renamed into
 * place (an aborted put leaves the previous PDF, if any, untouched).
 *
 * @example
 * ```ts
 * import { fsPdfStore } from '@pauz/core/local';
 *
 * const pdfs = fsPdfStore({
 *   root: './.pauz/pdfs',
 *   publicBaseUrl: 'http://127.0.0.1:3000',
 *   secret: process.env.PAUZ_LINK_SECRET!, // at least 32 characters
 *   expiresInSeconds: 3600,
 * });
 * ```
 */
export function fsPdfStore(options: FsPdfStoreOptions): PdfStore {
  const signer = pdfLinkSigner(options);
  const root = resolve(options.root);

  const pathOf = (key: string): string => {
    assertPdfKey(key);
    const path = resolve(join(root, ...key.split('/')));
    // The key rules already exclude `..`; this guards against any slip in them.
    if (!path.startsWith(root + sep)) throw new PauzError('VALIDATION_FAILED', 'invalid PDF key');
    return path;
  };

  const read = async (key: string, options?: CallOptions): Promise<Uint8Array | null> => {
    const path = pathOf(key);
    throwIfAborted(options?.signal, `PDF get ${key}`);
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  };

  return {
    async put(key, bytes, options) {
      const path = pathOf(key);
      const what = `PDF put ${key}`;
      throwIfAborted(options?.signal, what);
      await mkdir(dirname(path), { recursive: true });
      // A leading dot never appears in a key, so temporary files cannot collide with PDFs.
      const temp = join(dirname(path), `.${keyFileName(key)}.${crypto.randomUUID()}.tmp`);
      try {
        await writeFile(temp, bytes);
        throwIfAborted(options?.signal, what);
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
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
      const path = pathOf(key);
      throwIfAborted(options?.signal, `PDF delete ${key}`);
      await rm(path, { force: true });
    },
    async check(options) {
      throwIfAborted(options?.signal, 'PDF check');
      await mkdir(root, { recursive: true });
      await access(root, constants.W_OK);
    },
    get: read,
    readSigned: signedLinkReader(signer, read),
  };
}
