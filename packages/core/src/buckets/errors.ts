import { isPauzError, PauzError } from '../errors.js';
import { safeReason } from '../upstream.js';

/** The operations of a SmartBucket, as named in error messages. */
export type SmartBucketOperation = 'put' | 'get' | 'head' | 'delete' | 'list' | 'search' | 'deletePrefix' | 'sweepIncomplete';

const SHOWN_KEY_CHARS = 200;
const SHOWN_KEYS = 3;

/** A key as it may appear in a log line: control characters escaped, long keys cut. */
function showKey(key: unknown): string {
  const text = String(key).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > SHOWN_KEY_CHARS ? `${text.slice(0, SHOWN_KEY_CHARS)}…` : text;
}

/**
 * Names one bucket call for messages, like `withTimeout` expects:
 * `SmartBucket get hints/u1/hint-3`, `SmartBucket delete hints/[a, b, … 4 more]`,
 * `SmartBucket list hints (prefix "u1/")`.
 */
export function describeCall(operation: SmartBucketOperation, bucket: string, target?: string | readonly string[] | { prefix?: string }): string {
  const head = `SmartBucket ${operation} ${bucket}`;
  if (target === undefined) return head;
  if (typeof target === 'string') return `${head}/${showKey(target)}`;
  if (Array.isArray(target)) {
    const shown = target.slice(0, SHOWN_KEYS).map(showKey);
    if (target.length > SHOWN_KEYS) shown.push(`… ${target.length - SHOWN_KEYS} more`);
    return `${head}/[${shown.join(', ')}]`;
  }
  const { prefix } = target as { prefix?: string };
  return prefix === undefined || prefix === '' ? head : `${head} (prefix "${showKey(prefix)}")`;
}

/** The `SMARTBUCKET_FAILED` error for the call `what` (see {@link describeCall}). */
export function bucketFailure(what: string, reason: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}): PauzError {
  return new PauzError('SMARTBUCKET_FAILED', `${what} failed: ${reason}`, options);
}

/**
 * The error a failed adapter step `what` surfaces: a `PauzError` (already naming the
 * call, or a timeout) as it is; anything else as `SMARTBUCKET_FAILED` naming `what`
 * and, for a system error, its code (`ENOSPC: no space left on the device`). The
 * original's message (an absolute path, a binding's own words) is not repeated: it
 * stays in `cause`, for the log.
 */
export function failureOf(what: string, error: unknown): PauzError {
  if (isPauzError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return bucketFailure(what, safeReason(error) ?? 'unexpected error (see the server log)', {
    cause: error,
    ...(typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? { details: { errno: code } } : {}),
  });
}

/** Runs one adapter step, turning what it throws into {@link failureOf}'s error. */
export async function guardCall<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw failureOf(what, error);
  }
}
