/**
 * `@pauz/core/s3-fetch`: the PDF store on S3-compatible object storage (Vultr, AWS,
 * R2, MinIO…) over `fetch` and Web Crypto — for Cloudflare Workers, Raindrop
 * services (workerd), Deno and Bun. Loads no AWS SDK (so none needs installing and
 * none is bundled); `@pauz/core/s3` re-exports the same functions next to the SDK
 * store for Node hosts.
 * @module @pauz/core/s3-fetch
 */
export { fetchS3PdfStore, type FetchS3PdfStore, type FetchS3PdfStoreOptions } from './s3/fetch-s3-pdf-store.js';
export { vultrFetchPdfStore } from './s3/vultr-fetch.js';
export { VULTR_VARIABLES, vultrPdfOptionsFromEnv, type VultrPdfStoreOptions } from './s3/vultr-options.js';
export type { PdfUrlMode, S3PdfStoreCommonOptions } from './s3/options.js';
export { publicObjectUrl, type PublicUrlParts } from './s3/public-url.js';
