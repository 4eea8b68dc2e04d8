import { ByteCollector } from './bytes.js';
import { isPauzError, PauzError } from './errors.js';

/**
 * The options object every Pauz call that may reach an upstream service (a bucket,
 * the PDF store, the AI) accepts as its last parameter, ports and services alike.
 *
 * @category Services
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/core/upstream.ts}
 */
export interface CallOptions {
  /**
   * Aborts the call, for example when the HTTP client that asked for it went away
   * (the HTTP layer passes the request's signal). An aborted call rejects with
   * `ABORTED` (the signal's reason as `cause`) and is never retried. Like a timeout,
   * an upstream call aborted in flight may or may not have taken effect there.
   *
   * @remarks No default: without it the call runs to completion (or its adapter's timeout).
   */
  signal?: AbortSignal | undefined;
}

/** The `ABORTED` error of the call `what`, whose caller's `signal` aborted it. */
export function abortedError(what: string, signal?: AbortSignal): PauzError {
  return new PauzError('ABORTED', `${what} was aborted by the caller`, { cause: signal?.reason });
}

/** Throws `ABORTED` naming `what` when `signal` has aborted: the check between two steps. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted === true) throw abortedError(what, signal);
}

/**
 * Runs one call to an upstream service (bucket, S3, AI, transcription) with a hard
 * timeout and the caller's `signal`. `run` receives one AbortSignal to pass on (to
 * `fetch`, the AWS SDK, …) that aborts on either. When the time is up the call fails
 * with `UPSTREAM_TIMEOUT` naming `what` (for example `SmartBucket put
 * hints/u1/hint-3`), never a credential; when the caller aborts it fails at once with
 * `ABORTED`, even if `run` ignores its signal. Other failures are rethrown unchanged
 * for the adapter to wrap in its own code.
 */
export async function withTimeout<T>(
  what: string,
  timeoutMs: number,
  run: (signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  throwIfAborted(signal, what);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  // The reason each stop is aborted with is the error the call fails with, so a
  // `fetch` rejecting with its signal's reason already rejects with the right error.
  const stopped = new Promise<never>((_, reject) => {
    const stop = (error: PauzError): void => {
      controller.abort(error);
      reject(error);
    };
    timer = setTimeout(
      () => stop(new PauzError('UPSTREAM_TIMEOUT', `${what} timed out after ${timeoutMs} ms`, { details: { timeoutMs } })),
      timeoutMs,
    );
    if (signal !== undefined) {
      onAbort = () => stop(abortedError(what, signal));
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  try {
    return await Promise.race([run(controller.signal), stopped]);
  } catch (error) {
    // `run` may reject first, with its own wrapping of the abort (an SDK's AbortError).
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
    throw isPauzError(reason) ? reason : error;
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}

// What a system error code means, in words a client may see: the code alone says
// nothing of the host, the path or the body behind it.
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'response body stalled',
};

/**
 * Why an upstream call or a file operation failed, in words safe to show a client:
 * a system error's code and meaning (`ENOSPC: no space left on the device`), found on
 * `error` or its causes. `undefined` when there is none: the message itself (absolute
 * paths, hosts and ports, an upstream's body) is never used; it stays on the error
 * for the server's log.
 */
export function safeReason(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && SYSTEM_ERRORS[code] !== undefined) return `${code}: ${SYSTEM_ERRORS[code]}`;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Every message of `error` and its causes, joined, for the server's log (never for a
 * client: it may hold paths, hosts and upstream bodies). Bounded to `maxChars`.
 */
export function logReason(error: unknown, maxChars = 2000): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(`${current.name}${typeof code === 'string' ? ` ${code}` : ''}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  const text = parts.join(' <- ');
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/**
 * An error whose message Pauz itself wrote about what an upstream answered
 * (`returned malformed output: …`, `answered with more than … bytes`): safe to show a
 * client, unlike the upstream's own words.
 *
 * @category Errors
 */
export class UpstreamOutputError extends Error {
  /** Always `UpstreamOutputError`. */
  override readonly name = 'UpstreamOutputError';
}

/**
 * Reads an upstream's response body, at most `maxBytes` of it: past that the body is
 * cancelled (the connection dropped, nothing more is read) and the read fails with
 * an {@link UpstreamOutputError}, unless `truncate` is set, when what was read so far
 * is returned. A declared `Content-Length` over the bound fails before a byte is read.
 */
export async function readBoundedBytes(response: Response, maxBytes: number, truncate = false): Promise<Uint8Array> {
  const tooLarge = (): UpstreamOutputError => new UpstreamOutputError(`answered with a body larger than ${maxBytes} bytes`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const body = response.body;
  if (body === null) return new Uint8Array();
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    await body.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const collector = new ByteCollector(maxBytes, tooLarge, Number.isFinite(declared) ? declared : undefined);
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return collector.bytes();
      const room = maxBytes - collector.size;
      if (value.byteLength > room) {
        if (!truncate) throw tooLarge();
        collector.push(value.subarray(0, room));
        return collector.bytes();
      }
      collector.push(value);
    }
  } finally {
    // Stops the download: whatever is left is never read.
    await reader.cancel().catch(() => undefined);
  }
}

/** {@link readBoundedBytes} as UTF-8 text. */
export async function readBoundedText(response: Response, maxBytes: number, truncate = false): Promise<string> {
  return new TextDecoder().decode(await readBoundedBytes(response, maxBytes, truncate));
}
