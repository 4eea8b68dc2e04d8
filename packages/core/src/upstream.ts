import { PauzError } from './errors.js';

/**
 * Runs one call to an upstream service (bucket, S3, AI, transcription) with a hard
 * timeout. `run` receives an AbortSignal to pass on (to `fetch`, the AWS SDK, …);
 * when the time is up the signal aborts and the call fails with `UPSTREAM_TIMEOUT`
 * naming `what` (for example `SmartBucket put hints/u1/hint-3`) — never a credential.
 * Other failures are rethrown unchanged for the adapter to wrap in its own code.
 */
export async function withTimeout<T>(
  what: string,
  timeoutMs: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new PauzError('UPSTREAM_TIMEOUT', `${what} timed out after ${timeoutMs} ms`, { details: { timeoutMs } }));
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
