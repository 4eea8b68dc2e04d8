import { PauzConfigError } from '../errors.js';
import type { Clock } from '../runtime.js';
import type { PdfUrlMode, S3PdfStoreCommonOptions } from './options.js';

/**
 * Options of {@link vultrPdfStore} and {@link vultrFetchPdfStore}, named like Vultr's own settings.
 *
 * @category Adapters
 */
export interface VultrPdfStoreOptions {
  /** Cluster id, for example `ewr1`, `ams1`, `sjc1`, `sgp1`, `blr1`, `del1`. */
  region: string;
  /** The bucket's name. */
  bucket: string;
  /** The Object Storage access key. */
  accessKey: string;
  /** The Object Storage secret key; never appears in error messages. */
  secretKey: string;
  /**
   * `presigned` (expiring links) or `public` (public-read, permanent).
   *
   * @defaultValue `'presigned'`
   */
  urlMode?: PdfUrlMode;
  /**
   * Lifetime of presigned links in seconds, at most 604800 (7 days).
   *
   * @defaultValue `3600` (1 hour)
   */
  expiresInSeconds?: number;
  /**
   * Full endpoint override.
   *
   * @defaultValue `https://<region>.vultrobjects.com`
   */
  endpoint?: string;
  /**
   * Region used in signatures; Vultr accepts `us-east-1` with path style.
   *
   * @defaultValue `'us-east-1'`
   */
  signingRegion?: string;
  /**
   * Path-style addressing (`endpoint/bucket/key`).
   *
   * @defaultValue `true`
   */
  forcePathStyle?: boolean;
  /**
   * Base of public links; the key is appended.
   *
   * @defaultValue `https://<bucket>.<region>.vultrobjects.com`
   */
  publicBaseUrl?: string;
  /**
   * Time limit of each S3 call, in milliseconds.
   *
   * @defaultValue `15_000`
   */
  timeoutMs?: number;
  /**
   * Signing time of presigned links and their `expiresAt`.
   *
   * @defaultValue `systemClock`
   */
  clock?: Clock;
}

/**
 * The generic S3 options of a Vultr bucket: the regional endpoint, path style,
 * `us-east-1` signing and bucket-host public links unless overridden. Refuses a
 * region that is not a cluster id (it becomes part of a host name).
 */
export function vultrS3Options(options: VultrPdfStoreOptions): S3PdfStoreCommonOptions {
  if (typeof options.region !== 'string' || !/^[a-z0-9-]{2,32}$/.test(options.region)) {
    throw new PauzConfigError(['Vultr `region` must be a cluster id such as ewr1']);
  }
  return {
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
  };
}
