import { isPauzError, PauzError } from './errors.js';

/**
 * The options object every Pauz call that may reach an upstream service (a bucket,
 * the PDF store, the AI) accepts as its last parameter, ports and services alike.
 *
 * @example
 * ```ts
 * const session = await pauz.freeJournal.create(user.id);
 * // Give up on the Writer after five seconds, as a client that went away would.
 * const controller = new AbortController();
 * const timer = setTimeout(() => controller.abort(), 5_000);
 * const hint = await pauz.hints.generate(user.id, session.id, {}, { signal: controller.signal });
 * clearTimeout(timer);
 * console.log(hint.text);
 * ```
 */
export interface CallOptions {
  /**
   * Aborts the call, for example when the HTTP client that asked for it went away
   * (the HTTP layer passes the request's signal). An aborted call rejects with
   * `ABORTED` (the signal's reason as `cause`) and is never retried. Like a timeout,
   * an upstream call aborted in flight may or may not have taken effect there.
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
