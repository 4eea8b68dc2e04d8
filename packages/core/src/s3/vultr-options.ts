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

/**
 * The variables {@link vultrPdfOptionsFromEnv} reads: required ones first.
 *
 * @category Configuration
 */
export const VULTR_VARIABLES = ['VULTR_ACCESS_KEY', 'VULTR_SECRET_KEY', 'VULTR_REGION', 'VULTR_BUCKET_NAME'] as const;

/**
 * Options of a Vultr PDF store from variables: `VULTR_ACCESS_KEY`, `VULTR_SECRET_KEY`,
 * `VULTR_REGION` (a cluster id such as `ewr1`), `VULTR_BUCKET_NAME`, and optionally
 * `VULTR_ENDPOINT` (an http(s) URL replacing `https://<region>.vultrobjects.com`) and
 * `PAUZ_PDF_URLS` (`presigned`, the default, or `public`). `env` is `process.env` or
 * a Worker's / Raindrop service's `env` (values that are not strings, or blank, count
 * as missing). Throws one `PauzConfigError` naming every missing or invalid variable,
 * never a value. The same reading for both stores: `vultrPdfStore(vultrPdfOptionsFromEnv(process.env))`
 * in Node, `vultrFetchPdfStore(vultrPdfOptionsFromEnv(env))` in a worker.
 *
 * @category Configuration
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/s3/vultr-options-from-env.ts}
 */
export function vultrPdfOptionsFromEnv(env: Readonly<Record<string, unknown>>): VultrPdfStoreOptions {
  const value = (name: string): string | undefined => {
    const v = env[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const problems: string[] = [];
  const missing = VULTR_VARIABLES.filter((name) => value(name) === undefined);
  if (missing.length > 0) problems.push(`Vultr PDF storage needs ${missing.join(', ')}`);
  const region = value('VULTR_REGION');
  if (region !== undefined && !/^[a-z0-9-]{2,32}$/.test(region)) problems.push('VULTR_REGION must be a cluster id such as ewr1');
  const endpoint = value('VULTR_ENDPOINT');
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) problems.push('VULTR_ENDPOINT must be an http(s) URL');
  const urls = value('PAUZ_PDF_URLS');
  if (urls !== undefined && urls !== 'presigned' && urls !== 'public') problems.push(`PAUZ_PDF_URLS must be \`presigned\` or \`public\`, not \`${urls.slice(0, 40)}\``);
  if (problems.length > 0) throw new PauzConfigError(problems);
  return {
    region: region as string,
    bucket: value('VULTR_BUCKET_NAME') as string,
    accessKey: value('VULTR_ACCESS_KEY') as string,
    secretKey: value('VULTR_SECRET_KEY') as string,
    urlMode: urls === 'public' ? 'public' : 'presigned',
    ...(endpoint === undefined ? {} : { endpoint }),
  };
}
