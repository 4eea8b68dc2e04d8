import { s3PdfStore, type S3PdfStore } from './s3-pdf-store.js';
import { type VultrPdfStoreOptions, vultrS3Options } from './vultr-options.js';

export type { VultrPdfStoreOptions } from './vultr-options.js';

/**
 * The S3 PDF store preset for Vultr Object Storage.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/s3/vultr.ts}
 */
export function vultrPdfStore(options: VultrPdfStoreOptions): S3PdfStore {
  return s3PdfStore(vultrS3Options(options));
}
