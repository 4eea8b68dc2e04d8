/**
 * `@pauz/core/adapters`: for authors of a framework adapter (like `@pauz/hono` and
 * `@pauz/express`) or of a store. App authors do not need it: they use the root
 * entry, `@pauz/core/http` and the adapter packages. Runtime-neutral.
 *
 * - A framework adapter turns the host's request into an {@link HttpRequest} (or a
 *   Web `Request` into one with {@link fromWebRequest}), hands it to
 *   `createPauzHttp(pauz).handle()` and writes the {@link HttpResponse} back
 *   ({@link toWebResponse} for Web hosts). A body the host's own middleware already
 *   read becomes {@link hostConsumedBody}; a host body parser's failure maps to
 *   {@link malformedBodyError}, {@link bodyTooLargeError} or
 *   {@link unsupportedBodyError}. Check it with `testHttpConformance` and
 *   `testHostMiddleware` from `@pauz/core/testing`.
 * - A {@link PdfStore} checks its keys ({@link assertPdfKey}), signs its download
 *   links ({@link pdfLinkSigner}) and serves them ({@link signedLinkReader}); check
 *   it with `testPdfStore` from `@pauz/core/testing`.
 * @module @pauz/core/adapters
 */
export {
  hostConsumedBody,
  malformed as malformedBodyError,
  tooLarge as bodyTooLargeError,
  unsupported as unsupportedBodyError,
} from './http/body.js';
export { fromWebRequest, toWebResponse } from './http/fetch.js';
export type { HttpRequest, HttpRequestBody, HttpResponse } from './http/types.js';
export type { PdfStore } from './pdf-store/types.js';
export { assertPdfKey, isPdfKey, keyFileName, keyToUrlPath, MAX_PDF_KEY_LENGTH } from './pdf-store/keys.js';
export {
  MAX_PDF_LINK_SECONDS,
  PDF_FILES_PATH,
  type PdfLinkCheck,
  type PdfLinkSigner,
  pdfLinkSigner,
  pdfVersion,
} from './pdf-store/signed-link.js';
export { readSignedPdf, signedLinkReader } from './pdf-store/read-signed.js';
