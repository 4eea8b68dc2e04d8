import { isPauzError, PauzError } from '../errors.js';

/** The S3 operations the PDF store performs. */
export type S3Operation = 'PutObject' | 'GetObject' | 'DeleteObject' | 'PresignGetObject' | 'HeadBucket';

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

// Error names and codes are identifiers (`NoSuchBucket`, `ECONNREFUSED`); anything
// else (messages, XML bodies, URLs) is left out of what a client may see.
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function identifier(value: unknown): string | undefined {
  return typeof value === 'string' && IDENTIFIER.test(value) && value !== 'Error' ? value : undefined;
}

/**
 * Wraps a failure of the AWS SDK as `S3_FAILED`, naming the operation, bucket and
 * key, the S3 error code and HTTP status when known — never a credential, a
 * signature or the upstream message. The SDK error stays in `cause` for logs.
 * Timeouts (`UPSTREAM_TIMEOUT`) pass through unchanged.
 */
export function s3Failure(operation: S3Operation, bucket: string, key: string, error: unknown): PauzError {
  if (isPauzError(error)) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const code = identifier(shape.Code) ?? identifier(shape.code) ?? identifier(shape.name);
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  return s3FailureOf(operation, bucket, key, { code, status }, error);
}

/** What an S3 failure is known by: the S3 error code (or a system error code) and the HTTP status. */
export interface S3FailureFacts {
  /** `NoSuchBucket`, `AccessDenied`, `ECONNREFUSED`…; only identifiers are kept. */
  code?: string | undefined;
  /** The HTTP status S3 answered with, when it answered. */
  status?: number | undefined;
}

/**
 * The `S3_FAILED` error of one operation, from facts an adapter read off the
 * response (code, status): message `S3 <operation> failed for bucket "<bucket>",
 * key "<key>" (<code>, HTTP <status>)`, the same facts in `details`, `cause` for logs.
 * The one shape both S3 stores (AWS SDK, fetch) report.
 */
export function s3FailureOf(operation: S3Operation, bucket: string, key: string, facts: S3FailureFacts, cause?: unknown): PauzError {
  if (isPauzError(cause) && facts.code === undefined && facts.status === undefined) return cause;
  const code = identifier(facts.code);
  const status = typeof facts.status === 'number' && Number.isInteger(facts.status) ? facts.status : undefined;
  const reason = [code, status === undefined ? undefined : `HTTP ${status}`].filter(Boolean).join(', ');
  return new PauzError(
    'S3_FAILED',
    `S3 ${operation} failed for bucket "${bucket}", key "${key}"${reason === '' ? '' : ` (${reason})`}`,
    { details: { operation, bucket, key, ...(code === undefined ? {} : { s3Code: code }), ...(status === undefined ? {} : { status }) }, cause },
  );
}

/**
 * The `<Code>` of an S3 XML error body (`<Error><Code>NoSuchKey</Code>…`), when it is
 * an identifier; nothing else of the body (message, resource, request ids) is read.
 */
export function s3ErrorCode(xml: string): string | undefined {
  const match = /<Code>\s*([^<]{1,64}?)\s*<\/Code>/.exec(xml);
  return match === null ? undefined : identifier(match[1]);
}

/** True when the SDK reports a missing object (not a missing bucket). */
export function isNoSuchKey(error: unknown): boolean {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const code = identifier(shape.Code) ?? identifier(shape.name);
  return code === 'NoSuchKey' || (shape.$metadata?.httpStatusCode === 404 && code !== 'NoSuchBucket');
}
