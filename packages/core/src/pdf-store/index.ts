/**
 * The PdfStore port and the runtime-neutral parts of signed download links.
 * Re-exported from the root entry.
 * @module
 */
export type { PdfFile, PdfLink, PdfStore, SignedPdfLinkParams, StoredPdf } from './types.js';
export { assertPdfKey, isPdfKey, keyFileName, keyToUrlPath, MAX_PDF_KEY_LENGTH } from './keys.js';
export {
  MAX_PDF_LINK_SECONDS,
  PDF_FILES_PATH,
  type PdfLinkCheck,
  type PdfLinkSigner,
  pdfLinkSigner,
  pdfVersion,
  type PdfLinkSignerOptions,
} from './signed-link.js';
export { readSignedPdf, signedLinkReader } from './read-signed.js';
