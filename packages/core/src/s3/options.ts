import { type Clock, systemClock } from '../runtime.js';

/**
 * How download links are made: expiring presigned GETs, or permanent public URLs.
 *
 * @category Adapters
 */
export type PdfUrlMode = 'presigned' | 'public';

/**
 * The options both S3 PDF stores take: {@link s3PdfStore} (AWS SDK, `@pauz/core/s3`)
 * and {@link fetchS3PdfStore} (`fetch` + Web Crypto, `@pauz/core/s3-fetch`).
 *
 * @category Adapters
 */
export interface S3PdfStoreCommonOptions {
  /** The bucket's name (3–63 lowercase letters, digits, dots and hyphens). */
  bucket: string;
  /**
   * The S3-compatible endpoint, for example `https://ewr1.vultrobjects.com`.
   *
   * @defaultValue AWS S3 of `region`
   */
  endpoint?: string;
  /**
   * The signing region (and, on AWS, the bucket's region).
   *
   * @defaultValue `'us-east-1'`
   */
  region?: string;
  /**
   * Access key id of the credentials.
   *
   * @remarks No default: required (by `s3PdfStore` unless a `client` is given).
   */
  accessKeyId?: string;
  /**
   * Secret access key of the credentials; never appears in error messages.
   *
   * @remarks No default: required (by `s3PdfStore` unless a `client` is given).
   */
  secretAccessKey?: string;
  /**
   * Path-style addressing (`endpoint/bucket/key`), which every S3-compatible store accepts.
   *
   * @defaultValue `true`
   */
  forcePathStyle?: boolean;
  /**
   * `presigned`: expiring links. `public`: objects stored public-read, permanent links.
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
   * Base of permanent links in `public` mode (a CDN or the bucket's own host); the key is appended.
   *
   * @defaultValue the object's URL at `endpoint` (path or virtual-host style), else AWS's
   * regional virtual-host URL
   */
  publicBaseUrl?: string;
  /**
   * Time limit of each S3 call, in milliseconds; then `UPSTREAM_TIMEOUT`.
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

const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** The longest lifetime SigV4 allows a presigned URL. */
export const MAX_PRESIGN_SECONDS = 604_800;

/**
 * Every problem of `options`, at once. `client`: `given` when the host passed its own
 * SDK client, `absent` when it could have, `unsupported` for the fetch store.
 */
export function s3OptionProblems(options: S3PdfStoreCommonOptions, client: 'given' | 'absent' | 'unsupported'): string[] {
  const hasClient = client === 'given';
  const problems: string[] = [];
  if (typeof options.bucket !== 'string' || !BUCKET_RE.test(options.bucket)) problems.push('S3 `bucket` must be a valid bucket name');
  if (!hasClient) {
    const alternative = client === 'absent' ? ' (or pass a `client`)' : '';
    if (!options.accessKeyId) problems.push(`S3 \`accessKeyId\` is required${alternative}`);
    if (!options.secretAccessKey) problems.push(`S3 \`secretAccessKey\` is required${alternative}`);
    if (options.endpoint !== undefined && !URL.canParse(options.endpoint)) problems.push('S3 `endpoint` must be an absolute URL');
  }
  if (options.urlMode !== undefined && options.urlMode !== 'presigned' && options.urlMode !== 'public') {
    problems.push("S3 `urlMode` must be 'presigned' or 'public'");
  }
  const seconds = options.expiresInSeconds ?? 3600;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
    problems.push(`S3 \`expiresInSeconds\` must be an integer from 1 to ${MAX_PRESIGN_SECONDS}`);
  }
  if (options.publicBaseUrl !== undefined && !URL.canParse(options.publicBaseUrl)) problems.push('S3 `publicBaseUrl` must be an absolute URL');
  if (options.urlMode === 'public' && hasClient && options.endpoint === undefined && options.publicBaseUrl === undefined) {
    problems.push('S3 `publicBaseUrl` (or `endpoint`) is required for public links with a host-built client');
  }
  const timeout = options.timeoutMs ?? 15_000;
  if (!Number.isFinite(timeout) || timeout <= 0) problems.push('S3 `timeoutMs` must be a positive number');
  return problems;
}

/** The common options with their defaults applied (the same for both S3 stores). */
export function s3Settings(options: S3PdfStoreCommonOptions): {
  region: string;
  forcePathStyle: boolean;
  urlMode: PdfUrlMode;
  expiresIn: number;
  timeoutMs: number;
  clock: Clock;
} {
  return {
    region: options.region ?? 'us-east-1',
    forcePathStyle: options.forcePathStyle ?? true,
    urlMode: options.urlMode ?? 'presigned',
    expiresIn: options.expiresInSeconds ?? 3600,
    timeoutMs: options.timeoutMs ?? 15_000,
    clock: options.clock ?? systemClock,
  };
}
