import { AwsV4Signer } from 'aws4fetch';
import { isPauzError, PauzConfigError } from '../errors.js';
import { assertPdfKey, keyToUrlPath } from '../pdf-store/keys.js';
import type { PdfStore } from '../pdf-store/types.js';
import { toHex } from '../runtime.js';
import { type CallOptions, readBoundedText, throwIfAborted, withTimeout } from '../upstream.js';
import { type PdfUrlMode, s3OptionProblems, type S3PdfStoreCommonOptions, s3Settings } from './options.js';
import { publicObjectUrl } from './public-url.js';
import { s3ErrorCode, s3FailureOf, type S3Operation } from './s3-errors.js';

/**
 * Options of {@link fetchS3PdfStore}: those of `s3PdfStore` without a host-built
 * client, plus the `fetch` to use and the retry policy.
 *
 * @category Adapters
 */
export interface FetchS3PdfStoreOptions extends S3PdfStoreCommonOptions {
  /** Access key id of the credentials. */
  accessKeyId: string;
  /** Secret access key of the credentials; never appears in error messages. */
  secretAccessKey: string;
  /**
   * Extra attempts after a connection error, 429 or 5xx (every S3 call the store
   * makes is idempotent), within the same `timeoutMs`.
   *
   * @defaultValue `2`
   */
  retries?: number;
  /**
   * First wait before a retry in milliseconds, doubled each time, with jitter.
   *
   * @defaultValue `100`
   */
  retryDelayMs?: number;
  /**
   * The fetch to use (an instrumented one, an outbound service binding's `fetch`).
   *
   * @defaultValue the global `fetch`
   */
  fetch?: typeof fetch;
}

/**
 * The S3 PDF store on `fetch`, with its bucket for the host's own use.
 *
 * @category Adapters
 */
export interface FetchS3PdfStore extends PdfStore {
  /** The stored PDF's bytes, or `null` when there is none under `key`. */
  get(key: string, options?: CallOptions): Promise<Uint8Array | null>;
  /** A `HEAD` of the bucket: resolves when it exists and the keys may use it. */
  check(options?: CallOptions): Promise<void>;
  /** The bucket the PDFs are stored in. */
  readonly bucket: string;
  /** How this store makes download links. */
  readonly urlMode: PdfUrlMode;
}

// The most of an error body read: S3's XML errors are well under 1 KiB.
const MAX_ERROR_BODY_BYTES = 16_384;
const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The system error code (`ECONNREFUSED`…) of a failed fetch, from the error or its causes. */
function connectionCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** SigV4's `X-Amz-Date` form of an instant: `20260615T120000Z`. */
function amzDate(date: Date): string {
  return date.toISOString().replace(/[:-]|\.\d{3}/g, '');
}

/** What one S3 request failed with, read off its response. */
class S3ResponseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`S3 answered HTTP ${status}${code === undefined ? '' : ` ${code}`}`);
    this.name = 'S3ResponseError';
  }
}

/**
 * A {@link PdfStore} on any S3-compatible object storage (AWS, Vultr, MinIO, R2…)
 * that needs nothing but `fetch` and Web Crypto: requests are signed with AWS
 * Signature V4 by `aws4fetch`, so it runs in Cloudflare Workers, Raindrop services
 * (workerd), Deno, Bun and Node alike, and a bundle that uses it holds no AWS SDK
 * (import it from `@pauz/core/s3-fetch`, which loads nothing else). It behaves as
 * `s3PdfStore` does: uploads are byte bodies with `Content-Type: application/pdf`
 * and their SHA-256 signed (no chunked trailers), links are presigned GETs
 * (`X-Amz-Expires` = `expiresInSeconds`) or, in `public` mode, permanent URLs to
 * public-read objects. Every call has a timeout (`UPSTREAM_TIMEOUT`, retries
 * included) and takes the caller's `signal` (`ABORTED` at once, the request in
 * flight aborted); connection errors, 429 and 5xx are retried. Failures are
 * `S3_FAILED` naming operation, bucket and key with S3's error code and the HTTP
 * status: only the `<Code>` of S3's XML error body is read, never its message,
 * and no URL, credential or signature is shown.
 *
 * No `readSigned` (links are served by S3) and no `deletePrefix` (account deletion
 * deletes the PDF keys it knows), like `s3PdfStore`.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/s3/fetch-s3-pdf-store.ts}
 */
export function fetchS3PdfStore(options: FetchS3PdfStoreOptions): FetchS3PdfStore {
  const problems = s3OptionProblems(options, 'unsupported');
  const retries = options.retries ?? 2;
  if (!Number.isInteger(retries) || retries < 0) problems.push('S3 `retries` must be a whole number ≥ 0');
  const retryDelayMs = options.retryDelayMs ?? 100;
  if (!Number.isFinite(retryDelayMs) || retryDelayMs < 0) problems.push('S3 `retryDelayMs` must be a number ≥ 0');
  if (problems.length > 0) throw new PauzConfigError(problems);
  const { bucket, accessKeyId, secretAccessKey } = options;
  const { region, forcePathStyle, urlMode, expiresIn, timeoutMs, clock } = s3Settings(options);
  // Called as a plain function: workerd refuses a `fetch` detached from its global.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  // Signing keys derived per day, region and service (aws4fetch's cache).
  const signingKeys = new Map<string, ArrayBuffer>();

  // `https://host[/base]/bucket` (path style), `https://bucket.host[/base]`, or AWS's.
  const bucketUrl = ((): string => {
    if (options.endpoint === undefined) {
      return forcePathStyle ? `https://s3.${region}.amazonaws.com/${encodeURIComponent(bucket)}` : `https://${bucket}.s3.${region}.amazonaws.com`;
    }
    const endpoint = new URL(options.endpoint);
    const base = endpoint.pathname.replace(/\/+$/, '');
    return forcePathStyle
      ? `${endpoint.protocol}//${endpoint.host}${base}/${encodeURIComponent(bucket)}`
      : `${endpoint.protocol}//${bucket}.${endpoint.host}${base}`;
  })();
  const objectUrl = (key: string): string => `${bucketUrl}/${keyToUrlPath(key)}`;

  function signer(init: { method: string; url: string; headers?: Record<string, string>; body?: Uint8Array; datetime?: string; signQuery?: boolean }): AwsV4Signer {
    const { body, ...rest } = init;
    return new AwsV4Signer({
      ...rest,
      ...(body === undefined ? {} : { body: body as Uint8Array<ArrayBuffer> }),
      accessKeyId,
      secretAccessKey,
      service: 's3',
      region,
      cache: signingKeys,
    });
  }

  /**
   * One S3 request, signed anew for each attempt, retried after connection errors,
   * 429 and 5xx; `read` turns the final response (with S3's error code when it is a
   * failure) into the result, or throws an {@link S3ResponseError}.
   */
  async function send<T>(
    operation: S3Operation,
    key: string,
    callOptions: CallOptions | undefined,
    request: { method: 'GET' | 'PUT' | 'DELETE' | 'HEAD'; url: string; headers?: Record<string, string>; body?: Uint8Array },
    read: (response: Response, code: string | undefined) => Promise<T> | T,
  ): Promise<T> {
    const run = async (signal: AbortSignal): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        const signed = await signer(request).sign();
        let response: Response;
        try {
          response = await doFetch(signed.url.toString(), { method: signed.method, headers: signed.headers, body: (signed.body ?? null) as BodyInit | null, signal });
        } catch (error) {
          if (signal.aborted || attempt >= retries) throw error;
          await sleep(backoff(attempt), signal);
          continue;
        }
        if (response.ok) return await read(response, undefined);
        if (isRetryableStatus(response.status) && attempt < retries) {
          await response.body?.cancel();
          await sleep(backoff(attempt), signal);
          continue;
        }
        let code: string | undefined;
        if (request.method !== 'HEAD') {
          try {
            // The first 16 KiB at most; `<Code>` comes first in S3's XML errors.
            code = s3ErrorCode(await readBoundedText(response, MAX_ERROR_BODY_BYTES, true));
          } catch (error) {
            // A body cut off in transit: only the status is known, and it is reported.
            if (signal.aborted) throw error;
          }
        }
        return await read(response, code);
      }
    };
    try {
      return await withTimeout(`S3 ${operation} ${bucket}/${key}`, timeoutMs, run, callOptions?.signal);
    } catch (error) {
      if (isPauzError(error)) throw error;
      if (error instanceof S3ResponseError) throw s3FailureOf(operation, bucket, key, { code: error.code, status: error.status }, error);
      throw s3FailureOf(operation, bucket, key, { code: connectionCode(error) }, error);
    }
  }

  function backoff(attempt: number): number {
    return retryDelayMs * 2 ** attempt * (0.5 + Math.random() / 2);
  }

  /** Fails a response that is not a success with its status and S3 code. */
  async function expectOk(response: Response, code: string | undefined): Promise<void> {
    if (!response.ok) throw new S3ResponseError(response.status, code);
    await response.body?.cancel();
  }

  return {
    bucket,
    urlMode,
    async put(key, bytes, callOptions) {
      assertPdfKey(key);
      throwIfAborted(callOptions?.signal, `S3 PutObject ${bucket}/${key}`);
      const sha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
      const headers: Record<string, string> = { 'content-type': 'application/pdf', 'x-amz-content-sha256': sha256 };
      if (urlMode === 'public') headers['x-amz-acl'] = 'public-read';
      await send('PutObject', key, callOptions, { method: 'PUT', url: objectUrl(key), headers, body: bytes }, expectOk);
      return { key, size: bytes.byteLength };
    },
    async url(key, callOptions) {
      assertPdfKey(key);
      if (urlMode === 'public') {
        throwIfAborted(callOptions?.signal, `S3 public URL ${bucket}/${key}`);
        const url = publicObjectUrl({ bucket, key, region, forcePathStyle, publicBaseUrl: options.publicBaseUrl, endpoint: options.endpoint });
        return { url, expiresAt: null };
      }
      const what = `S3 PresignGetObject ${bucket}/${key}`;
      throwIfAborted(callOptions?.signal, what);
      const signingDate = clock.now();
      const unsigned = new URL(objectUrl(key));
      unsigned.searchParams.set('X-Amz-Expires', String(expiresIn));
      let signed: { url: URL };
      try {
        signed = await signer({ method: 'GET', url: unsigned.href, datetime: amzDate(signingDate), signQuery: true }).sign();
      } catch (error) {
        throw s3FailureOf('PresignGetObject', bucket, key, {}, error);
      }
      return { url: signed.url.toString(), expiresAt: new Date(signingDate.getTime() + expiresIn * 1000).toISOString() };
    },
    async delete(key, callOptions) {
      assertPdfKey(key);
      await send('DeleteObject', key, callOptions, { method: 'DELETE', url: objectUrl(key) }, expectOk);
    },
    async check(callOptions) {
      await send('HeadBucket', '', callOptions, { method: 'HEAD', url: forcePathStyle ? bucketUrl : `${bucketUrl}/` }, expectOk);
    },
    async get(key, callOptions) {
      assertPdfKey(key);
      return send('GetObject', key, callOptions, { method: 'GET', url: objectUrl(key) }, async (response, code) => {
        if (response.ok) return new Uint8Array(await response.arrayBuffer());
        // A missing object, not a missing bucket (which is a misconfiguration).
        if (code === 'NoSuchKey' || (response.status === 404 && code !== 'NoSuchBucket')) return null;
        throw new S3ResponseError(response.status, code);
      });
    },
  };
}
