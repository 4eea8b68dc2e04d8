import { isPauzError, PauzError } from '../errors.js';
import { safeReason, UpstreamOutputError, withTimeout } from '../upstream.js';

export { UpstreamOutputError } from '../upstream.js';

/** One call to an AI service, described for errors. */
export interface AiCall {
  /** The code a failure is reported with. */
  code: 'TRANSCRIPTION_FAILED' | 'WRITER_FAILED';
  /**
   * Names the service in messages a client may see, for example `OpenAI-compatible
   * writer`: never a host, a path or a credential.
   */
  service: string;
  /** Where the service is (host and path), kept in the error's `details` for the log only. */
  endpoint?: string;
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

/**
 * The error for a failed {@link AiCall}: its code, naming the service and operation.
 * `reason` is Pauz's own wording (never an upstream body); what the upstream said
 * stays in `cause`, for the log.
 */
export function aiFailure(
  call: AiCall,
  reason: string,
  extra: { cause?: unknown; status?: number } = {},
): PauzError {
  const clean = redact(reason, call.secrets).slice(0, MAX_REASON_CHARS);
  const details: Record<string, unknown> = { service: call.service, operation: call.operation };
  if (call.endpoint !== undefined) details['endpoint'] = call.endpoint;
  if (extra.status !== undefined) details['status'] = extra.status;
  return new PauzError(call.code, `${call.service}: ${call.operation} failed: ${clean}`, {
    details,
    cause: extra.cause,
  });
}

/** A readable one-line reason for an unknown thrown value, including a fetch error's cause. For logs only. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/**
 * What a client may be told of a failure thrown inside a call: Pauz's own words
 * about the output, the HTTP status, or a system error's code; never the upstream's
 * message (its body, its host and port).
 */
function publicReason(error: unknown, status: number | undefined): string {
  if (error instanceof UpstreamOutputError) return error.message;
  if (status !== undefined) return `HTTP ${status}`;
  return safeReason(error) ?? 'the request failed';
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
    const found = (error as { status?: unknown } | null)?.status;
    const status = typeof found === 'number' ? found : undefined;
    throw aiFailure(call, publicReason(error, status), status === undefined ? { cause: error } : { cause: error, status });
  }
}
