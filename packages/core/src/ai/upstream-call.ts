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
 * `UPSTREAM_TIMEOUT`, an abort by the caller `ABORTED` (at once, even when `run`
 * takes no signal, as the Raindrop AI binding does); a {@link PauzError} thrown by
 * `run` passes unchanged; anything else becomes the call's code.
 */
export async function callAi<T>(call: AiCall, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await withTimeout(`${call.service}: ${call.operation}`, call.timeoutMs, run, call.signal);
  } catch (error) {
    if (isPauzError(error)) throw error;
    const status = (error as { status?: unknown } | null)?.status;
    throw aiFailure(call, describeError(error), typeof status === 'number' ? { cause: error, status } : { cause: error });
  }
}
