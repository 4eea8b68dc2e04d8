import { type FieldError, PauzError, type PauzErrorCode } from '../errors.js';
import type { HttpResponse } from './types.js';

/**
 * The HTTP status of every error code: the one table that maps codes to statuses.
 *
 * @category HTTP
 */
export const STATUS_BY_CODE: Readonly<Record<PauzErrorCode, number>> = Object.freeze({
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  VERSION_CONFLICT: 409,
  EMAIL_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_TIMEOUT: 408,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_CONFIGURED: 501,
  SMARTBUCKET_FAILED: 502,
  S3_FAILED: 502,
  TRANSCRIPTION_FAILED: 502,
  WRITER_FAILED: 502,
  UPSTREAM_TIMEOUT: 504,
  // nginx's "client closed request": the client went away, so nobody reads this answer.
  ABORTED: 499,
});

const TITLES: Readonly<Record<PauzErrorCode, string>> = Object.freeze({
  VALIDATION_FAILED: 'Invalid request',
  UNAUTHENTICATED: 'Authentication required',
  INVALID_CREDENTIALS: 'Invalid credentials',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  VERSION_CONFLICT: 'Version conflict',
  EMAIL_TAKEN: 'Email already registered',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  REQUEST_TIMEOUT: 'Request timeout',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'Internal server error',
  NOT_CONFIGURED: 'Not configured',
  SMARTBUCKET_FAILED: 'SmartBucket storage failed',
  S3_FAILED: 'S3 storage failed',
  TRANSCRIPTION_FAILED: 'Transcription failed',
  WRITER_FAILED: 'AI writer failed',
  UPSTREAM_TIMEOUT: 'Upstream service timed out',
  ABORTED: 'Client closed request',
});

/**
 * An RFC 9457 problem details body as Pauz sends it.
 *
 * @category HTTP
 */
export interface ProblemDetails {
  /** URI of the problem type, `urn:pauz:problem:<code>`. */
  type: string;
  /** Short summary of the problem type, the same for every problem of a code. */
  title: string;
  /** The HTTP status code, as {@link STATUS_BY_CODE} maps the code. */
  status: number;
  /** What went wrong with this request, safe to show (never internals). */
  detail: string;
  /** Stable machine-readable error code. */
  code: PauzErrorCode;
  /** Field-level problems, with `VALIDATION_FAILED`. */
  errors?: FieldError[];
  [extension: string]: unknown;
}

/**
 * The `type` URI of a code's problems.
 *
 * @category HTTP
 */
export function problemType(code: PauzErrorCode): string {
  return `urn:pauz:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

// Facts from PauzError.details that are safe and useful to clients.
const PUBLIC_DETAILS = ['currentVersion', 'retryAfterSeconds', 'recordingId', 'savedVersion', 'unsavedHints'] as const;

/** The problem+json response for a {@link PauzError}. */
export function problemResponse(
  error: PauzError,
  extraHeaders: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
): HttpResponse {
  const status = STATUS_BY_CODE[error.code];
  const body: ProblemDetails = {
    type: problemType(error.code),
    title: TITLES[error.code],
    status,
    detail: error.message,
    code: error.code,
  };
  if (error.errors.length > 0) body.errors = error.errors;
  for (const key of PUBLIC_DETAILS) if (error.details[key] !== undefined) body[key] = error.details[key];
  Object.assign(body, extensions);
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json; charset=utf-8',
    'cache-control': 'no-store',
    ...extraHeaders,
  };
  if (typeof error.details.retryAfterSeconds === 'number') headers['retry-after'] = String(error.details.retryAfterSeconds);
  if (error.code === 'UNAUTHENTICATED' || error.code === 'INVALID_CREDENTIALS') headers['www-authenticate'] = 'Bearer realm="pauz"';
  return { status, headers, body: JSON.stringify(body) };
}

/** A problem+json response for `code` with `detail`. */
export function problem(code: PauzErrorCode, detail: string, extraHeaders?: Record<string, string>): HttpResponse {
  return problemResponse(new PauzError(code, detail), extraHeaders);
}
