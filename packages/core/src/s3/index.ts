/**
 * `@pauz/core/s3`: the PDF store on S3-compatible object storage (AWS, Vultr, …).
 * `s3PdfStore`/`vultrPdfStore` need the optional peers `@aws-sdk/client-s3` and
 * `@aws-sdk/s3-request-presigner`; `fetchS3PdfStore`/`vultrFetchPdfStore` need neither
 * (in a worker, import them from `@pauz/core/s3-fetch`, which loads no SDK).
 * @module @pauz/core/s3
 */
export { type PdfUrlMode, s3PdfStore, type S3PdfStore, type S3PdfStoreOptions } from './s3-pdf-store.js';
export { vultrPdfStore, type VultrPdfStoreOptions } from './vultr.js';
export { publicObjectUrl, type PublicUrlParts } from './public-url.js';
export type { S3PdfStoreCommonOptions } from './options.js';
// The same store over fetch + Web Crypto (no AWS SDK); workers import it from `@pauz/core/s3-fetch`.
export { fetchS3PdfStore, type FetchS3PdfStore, type FetchS3PdfStoreOptions } from './fetch-s3-pdf-store.js';
export { vultrFetchPdfStore } from './vultr-fetch.js';
export { VULTR_VARIABLES, vultrPdfOptionsFromEnv } from './vultr-options.js';
