import { PauzError } from '../errors.js';
import type { CallOptions } from '../upstream.js';
import { keyFileName } from './keys.js';
import { type PdfLinkSigner, pdfVersion } from './signed-link.js';
import type { PdfFile, PdfStore, SignedPdfLinkParams } from './types.js';

/**
 * What the HTTP layer calls for `GET /files/pdf/<key>?expires=…&signature=…`: reads
 * the PDF through the store's signed-link support. Refused (with `NOT_FOUND`, so a
 * probe learns nothing) when the store does not serve links itself, or the link is
 * tampered, malformed or expired; `details.reason` tells which, for logs.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/pdf-store/read-signed.ts}
 */
export async function readSignedPdf(store: PdfStore, link: SignedPdfLinkParams, options: CallOptions = {}): Promise<PdfFile> {
  if (store.readSigned === undefined) {
    throw new PauzError('NOT_FOUND', 'PDF not found', { details: { reason: 'store-serves-own-links' } });
  }
  return store.readSigned(link, options);
}

/**
 * The `readSigned` of a store that serves its own signed links: verify the link,
 * then read the file. A refused or dangling link is `NOT_FOUND` with
 * `details.reason`. A link serves only the content it was signed for (its
 * `version`, see {@link pdfVersion}): after a re-export it is `NOT_FOUND`
 * (`replaced`), never the newer file; a link without a version is refused
 * (`unversioned`).
 *
 * @category Adapters
 */
export function signedLinkReader(
  signer: PdfLinkSigner,
  read: (key: string, options?: CallOptions) => Promise<Uint8Array | null>,
): (link: SignedPdfLinkParams, options?: CallOptions) => Promise<PdfFile> {
  return async (link, options) => {
    const check = await signer.verify(link);
    if (!check.ok) throw new PauzError('NOT_FOUND', 'PDF link is invalid or has expired', { details: { reason: check.reason } });
    if (check.version === undefined) throw new PauzError('NOT_FOUND', 'PDF link is invalid or has expired', { details: { reason: 'unversioned' } });
    const bytes = await read(check.key, options);
    if (bytes === null) throw new PauzError('NOT_FOUND', 'PDF not found', { details: { reason: 'missing' } });
    // The link is for the file as it was exported then; a re-export is another file.
    if ((await pdfVersion(bytes)) !== check.version) {
      throw new PauzError('NOT_FOUND', 'PDF not found: it was exported again since this link was made', { details: { reason: 'replaced' } });
    }
    return { key: check.key, bytes, size: bytes.byteLength, contentType: 'application/pdf', fileName: keyFileName(check.key) };
  };
}
