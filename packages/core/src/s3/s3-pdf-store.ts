import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PauzConfigError } from '../errors.js';
import { assertPdfKey } from '../pdf-store/keys.js';
import type { PdfStore } from '../pdf-store/types.js';
import { type CallOptions, throwIfAborted, withTimeout } from '../upstream.js';
import { type PdfUrlMode, s3OptionProblems, type S3PdfStoreCommonOptions, s3Settings } from './options.js';
import { publicObjectUrl } from './public-url.js';
import { isNoSuchKey, type S3Operation, s3Failure } from './s3-errors.js';

export type { PdfUrlMode } from './options.js';

/**
 * Options of {@link s3PdfStore}.
 *
 * @category Adapters
 */
export interface S3PdfStoreOptions extends S3PdfStoreCommonOptions {
  /**
   * A client the host built. Pauz then ignores `endpoint`, `region` and the keys;
   * build it with `requestChecksumCalculation: 'WHEN_REQUIRED'` and
   * `responseChecksumValidation: 'WHEN_REQUIRED'` for non-AWS stores.
   *
   * @remarks No default: without it Pauz builds an `S3Client` from `endpoint`, `region`,
   * `forcePathStyle` and the keys (which are then required).
   */
  client?: S3Client;
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
  const problems = s3OptionProblems(options, options.client === undefined ? 'absent' : 'given');
  if (problems.length > 0) throw new PauzConfigError(problems);
  const { bucket } = options;
  const { region, forcePathStyle, urlMode, expiresIn, timeoutMs, clock } = s3Settings(options);
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

