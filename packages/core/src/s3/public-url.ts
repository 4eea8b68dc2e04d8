import { keyToUrlPath } from '../pdf-store/keys.js';

/**
 * Where a public-read object can be downloaded without signing.
 *
 * @category Adapters
 */
export interface PublicUrlParts {
  /** The bucket's name. */
  bucket: string;
  /** The object's key; each segment is URL-encoded. */
  key: string;
  /** Explicit base (CDN, custom domain, virtual-host URL); the key is appended. */
  publicBaseUrl?: string;
  /** The S3 endpoint, when not AWS. */
  endpoint?: string;
  /** The AWS region, used when there is neither `publicBaseUrl` nor `endpoint`. */
  region: string;
  /** With an `endpoint`: `endpoint/bucket/key` when true, `https://bucket.host/key` when false. */
  forcePathStyle: boolean;
}

/**
 * The permanent URL of a public object: `publicBaseUrl/key` when given, else the
 * endpoint in path style (`endpoint/bucket/key`) or virtual-host style
 * (`https://bucket.host/key`), else AWS's regional virtual-host URL.
 *
 * @category Adapters
 */
export function publicObjectUrl(parts: PublicUrlParts): string {
  const path = keyToUrlPath(parts.key);
  if (parts.publicBaseUrl !== undefined) return `${parts.publicBaseUrl.replace(/\/+$/, '')}/${path}`;
  if (parts.endpoint === undefined) return `https://${parts.bucket}.s3.${parts.region}.amazonaws.com/${path}`;
  const endpoint = new URL(parts.endpoint);
  const base = endpoint.href.replace(/\/+$/, '');
  if (parts.forcePathStyle) return `${base}/${encodeURIComponent(parts.bucket)}/${path}`;
  return `${endpoint.protocol}//${parts.bucket}.${endpoint.host}${endpoint.pathname.replace(/\/+$/, '')}/${path}`;
}
