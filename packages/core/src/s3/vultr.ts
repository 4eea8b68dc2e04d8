import { PauzConfigError } from '../errors.js';
import { type PdfUrlMode, s3PdfStore, type S3PdfStore } from './s3-pdf-store.js';
import type { Clock } from '../runtime.js';

/** Options of {@link vultrPdfStore}, named like Vultr's own settings. */
export interface VultrPdfStoreOptions {
  /** Cluster id, for example `ewr1`, `ams1`, `sjc1`, `sgp1`, `blr1`, `del1`. */
  region: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  /** `presigned` (default, expiring) or `public` (public-read, permanent). */
  urlMode?: PdfUrlMode;
  expiresInSeconds?: number;
  /** Full endpoint override; default `https://<region>.vultrobjects.com`. */
  endpoint?: string;
  /** Region used in signatures; default `us-east-1`, which Vultr accepts with path style. */
  signingRegion?: string;
  /** Default true (path style). */
  forcePathStyle?: boolean;
  /** Base of public links; default `https://<bucket>.<region>.vultrobjects.com`. */
  publicBaseUrl?: string;
  timeoutMs?: number;
  clock?: Clock;
}

/**
 * The S3 PDF store preset for Vultr Object Storage.
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/s3/vultr.ts}
 */
export function vultrPdfStore(options: VultrPdfStoreOptions): S3PdfStore {
  if (typeof options.region !== 'string' || !/^[a-z0-9-]{2,32}$/.test(options.region)) {
    throw new PauzConfigError(['Vultr `region` must be a cluster id such as ewr1']);
  }
  return s3PdfStore({
    bucket: options.bucket,
    endpoint: options.endpoint ?? `https://${options.region}.vultrobjects.com`,
    region: options.signingRegion ?? 'us-east-1',
    accessKeyId: options.accessKey,
    secretAccessKey: options.secretKey,
    forcePathStyle: options.forcePathStyle ?? true,
    urlMode: options.urlMode ?? 'presigned',
    publicBaseUrl: options.publicBaseUrl ?? `https://${options.bucket}.${options.region}.vultrobjects.com`,
    ...(options.expiresInSeconds === undefined ? {} : { expiresInSeconds: options.expiresInSeconds }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
}
