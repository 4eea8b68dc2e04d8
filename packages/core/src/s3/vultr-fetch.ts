import { type FetchS3PdfStore, fetchS3PdfStore } from './fetch-s3-pdf-store.js';
import { type VultrPdfStoreOptions, vultrS3Options } from './vultr-options.js';

/**
 * The Vultr Object Storage preset of {@link fetchS3PdfStore}: the same options and
 * defaults as `vultrPdfStore` (regional endpoint `https://<region>.vultrobjects.com`,
 * path style, `us-east-1` signing, bucket-host public links), on `fetch` and Web
 * Crypto instead of the AWS SDK — the one to use inside Raindrop services and
 * Cloudflare Workers.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/s3/vultr-fetch.ts}
 */
export function vultrFetchPdfStore(options: VultrPdfStoreOptions): FetchS3PdfStore {
  const common = vultrS3Options(options);
  return fetchS3PdfStore({ ...common, accessKeyId: options.accessKey, secretAccessKey: options.secretKey });
}
