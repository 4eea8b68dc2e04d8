/**
 * `@pauz/core/s3`: the PDF store on S3-compatible object storage (AWS, Vultr, …).
 * Needs the optional peers `@aws-sdk/client-s3` and `@aws-sdk/s3-request-presigner`.
 * @module @pauz/core/s3
 */
export { type PdfUrlMode, s3PdfStore, type S3PdfStore, type S3PdfStoreOptions } from './s3-pdf-store.js';
export { vultrPdfStore, type VultrPdfStoreOptions } from './vultr.js';
export { publicObjectUrl, type PublicUrlParts } from './public-url.js';
