import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PauzConfigError } from '../errors.js';
import { assertPdfKey } from '../pdf-store/keys.js';
import type { PdfStore } from '../pdf-store/types.js';
import { type Clock, systemClock } from '../runtime.js';
import { type CallOptions, throwIfAborted, withTimeout } from '../upstream.js';
import { publicObjectUrl } from './public-url.js';
import { isNoSuchKey, type S3Operation, s3Failure } from './s3-errors.js';

/**
 * How download links are made: expiring presigned GETs, or permanent public URLs.
 *
 * @category Adapters
 */
export type PdfUrlMode = 'presigned' | 'public';

/**
 * Options of {@link s3PdfStore}.
 *
 * @category Adapters
 */
export interface S3PdfStoreOptions {
  /** The bucket's name (3–63 lowercase letters, digits, dots and hyphens). */
  bucket: string;
  /**
   * A client the host built. Pauz then ignores `endpoint`, `region` and the keys;
   * build it with `requestChecksumCalculation: 'WHEN_REQUIRED'` and
   * `responseChecksumValidation: 'WHEN_REQUIRED'` for non-AWS stores.
   *
   * @remarks No default: without it Pauz builds an `S3Client` from `endpoint`, `region`,
   * `forcePathStyle` and the keys (which are then required).
   */
  client?: S3Client;
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
   * @remarks No default: required unless `client` is given.
   */
  accessKeyId?: string;
  /**
   * Secret access key of the credentials; never appears in error messages.
   *
   * @remarks No default: required unless `client` is given.
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

/**
 * The S3 PDF store, with its client and bucket for the host's own use.
 *
 * @category Adapters
 */
export interface S3PdfStore extends PdfStore {
  /** The stored PDF's bytes, or `null` when there is none under `key`. */
  get(key: string, options?: CallOptions): Promise<Uint8Array | null>;
  /** The S3 client in use (the host's own, or the one Pauz built). */
  readonly client: S3Client;
  /** The bucket the PDFs are stored in. */
  readonly bucket: string;
  /** How this store makes download links. */
  readonly urlMode: PdfUrlMode;
}

const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_PRESIGN_SECONDS = 604_800;

function validate(options: S3PdfStoreOptions): string[] {
  const problems: string[] = [];
  if (typeof options.bucket !== 'string' || !BUCKET_RE.test(options.bucket)) problems.push('S3 `bucket` must be a valid bucket name');
  if (options.client === undefined) {
    if (!options.accessKeyId) problems.push('S3 `accessKeyId` is required (or pass a `client`)');
    if (!options.secretAccessKey) problems.push('S3 `secretAccessKey` is required (or pass a `client`)');
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
  if (options.urlMode === 'public' && options.client !== undefined && options.endpoint === undefined && options.publicBaseUrl === undefined) {
    problems.push('S3 `publicBaseUrl` (or `endpoint`) is required for public links with a host-built client');
  }
  const timeout = options.timeoutMs ?? 15_000;
  if (!Number.isFinite(timeout) || timeout <= 0) problems.push('S3 `timeoutMs` must be a positive number');
  return problems;
}

/**
 * A {@link PdfStore} on any S3-compatible object storage (AWS, Vultr, MinIO, R2…).
 * Uploads are byte bodies with `Content-Type: application/pdf`; clients it builds
 * send checksums only when required (third-party stores reject the SDK's default
 * CRC32 trailers). Every call has a timeout (`UPSTREAM_TIMEOUT`) and takes the
 * caller's `signal`, both handed to the SDK as one `abortSignal` (an aborted call
 * rejects at once with `ABORTED`, the HTTP request destroyed); failures are
 * `S3_FAILED` naming operation, bucket and key, never a credential.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/s3/s3-pdf-store.ts}
 */
export function s3PdfStore(options: S3PdfStoreOptions): S3PdfStore {
  const problems = validate(options);
  if (problems.length > 0) throw new PauzConfigError(problems);
  const { bucket } = options;
  const region = options.region ?? 'us-east-1';
  const forcePathStyle = options.forcePathStyle ?? true;
  const urlMode = options.urlMode ?? 'presigned';
  const expiresIn = options.expiresInSeconds ?? 3600;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const clock = options.clock ?? systemClock;
  const client =
    options.client ??
    new S3Client({
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      region,
      forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId!, secretAccessKey: options.secretAccessKey! },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });

  async function call<T>(
    operation: S3Operation,
    key: string,
    options: CallOptions | undefined,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    try {
      return await withTimeout(`S3 ${operation} ${bucket}/${key}`, timeoutMs, run, options?.signal);
    } catch (error) {
      throw s3Failure(operation, bucket, key, error);
    }
  }

  return {
    client,
    bucket,
    urlMode,
    async put(key, bytes, callOptions) {
      assertPdfKey(key);
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: bytes,
        ContentType: 'application/pdf',
        ContentLength: bytes.byteLength,
        ...(urlMode === 'public' ? { ACL: 'public-read' as const } : {}),
      });
      await call('PutObject', key, callOptions, (abortSignal) => client.send(command, { abortSignal }));
      return { key, size: bytes.byteLength };
    },
    async url(key, callOptions) {
      assertPdfKey(key);
      if (urlMode === 'public') {
        throwIfAborted(callOptions?.signal, `S3 public URL ${bucket}/${key}`);
        const url = publicObjectUrl({
          bucket,
          key,
          region,
          forcePathStyle,
          publicBaseUrl: options.publicBaseUrl,
          endpoint: options.endpoint,
        });
        return { url, expiresAt: null };
      }
      const signingDate = clock.now();
      const url = await call('PresignGetObject', key, callOptions, () =>
        getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn, signingDate }),
      );
      return { url, expiresAt: new Date(signingDate.getTime() + expiresIn * 1000).toISOString() };
    },
    async delete(key, callOptions) {
      assertPdfKey(key);
      await call('DeleteObject', key, callOptions, (abortSignal) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }));
    },
    async check(callOptions) {
      await call('HeadBucket', '', callOptions, (abortSignal) => client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal }));
    },
    async get(key, callOptions) {
      assertPdfKey(key);
      return call('GetObject', key, callOptions, async (abortSignal) => {
        try {
          const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal });
          if (output.Body === undefined) return new Uint8Array();
          return await output.Body.transformToByteArray();
        } catch (error) {
          if (isNoSuchKey(error)) return null;
          throw error;
        }
      });
    },
  };
}

