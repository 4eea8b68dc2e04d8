import { isPauzError, PauzError } from '../errors.js';
import { withTimeout } from '../upstream.js';

/** One call to an AI service, described for errors. */
export interface AiCall {
  /** The code a failure is reported with. */
  code: 'TRANSCRIPTION_FAILED' | 'WRITER_FAILED';
  /** Names the service, for example `OpenAI-compatible writer at api.groq.com/openai/v1/chat/completions`. */
  service: string;
  /** The operation, for example `transcribe` or `hint`. */
  operation: string;
  timeoutMs: number;
  /** The caller's abort signal. */
  signal?: AbortSignal | undefined;
  /** Values that must never appear in an error message (API keys). */
  secrets?: readonly string[];
}

const MAX_REASON_CHARS = 300;
const TOKEN_LIKE = /\b(?:sk|gsk|pk|rk)[-_][\w*.-]{6,}|\bBearer\s+\S+/gi;

/**
 * Removes `secrets` and anything shaped like an API key from `text`. Upstream error
 * bodies sometimes echo (part of) the key they were given.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join('[redacted]');
  }
  return out.replace(TOKEN_LIKE, '[redacted]');
}

/** The error for a failed {@link AiCall}: its code, naming the service and operation. */
export function aiFailure(
  call: AiCall,
  reason: string,
  extra: { cause?: unknown; status?: number } = {},
): PauzError {
  const clean = redact(reason, call.secrets).slice(0, MAX_REASON_CHARS);
  const details: Record<string, unknown> = { service: call.service, operation: call.operation };
  if (extra.status !== undefined) details['status'] = extra.status;
  return new PauzError(call.code, `${call.service}: ${call.operation} failed: ${clean}`, {
    details,
    cause: extra.cause,
  });
}

/** A readable one-line reason for an unknown thrown value, including a fetch error's cause. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/**
 * Runs `run` with the call's timeout and the caller's signal. A timeout is
 * `UPSTREAM_TIMEOUT`; a {@link PauzError} thrown by `run` passes unchanged; anything
 * else becomes the call's code.
 */
export async function callAi<T>(call: AiCall, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const caller = call.signal;
  if (caller?.aborted) throw aiFailure(call, 'aborted by the caller', { cause: caller.reason });
  try {
    return await withTimeout(`${call.service}: ${call.operation}`, call.timeoutMs, (timeout) => {
      if (caller === undefined) return run(timeout);
      return raceAbort(run(anySignal(timeout, caller)), caller);
    });
  } catch (error) {
    if (isPauzError(error)) throw error;
    if (caller?.aborted) throw aiFailure(call, 'aborted by the caller', { cause: error });
    const status = (error as { status?: unknown } | null)?.status;
    throw aiFailure(call, describeError(error), typeof status === 'number' ? { cause: error, status } : { cause: error });
  }
}

function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  a.addEventListener('abort', abort, { once: true });
  b.addEventListener('abort', abort, { once: true });
  return controller.signal;
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (for calls that take no signal). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
