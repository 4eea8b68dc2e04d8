import { PauzError, type PauzErrorCode } from '../errors.js';
import { readBoundedText, safeReason, UpstreamOutputError, withTimeout } from '../upstream.js';

/** How a {@link raindropRestClient} reaches the Raindrop API. */
export interface RaindropRestClientOptions {
  apiKey: string;
  baseUrl: string;
  /** Budget of one operation, retries and waits included. */
  timeoutMs: number;
  /** Extra attempts after a retryable failure. */
  retries: number;
  /** First wait before a retry; doubled each time, with jitter. */
  retryDelayMs: number;
  fetch: typeof fetch;
  /** The code failures carry, for example `SMARTBUCKET_FAILED`. */
  failureCode: PauzErrorCode;
  /** Largest response body read; a longer one fails the call unread past the bound. */
  maxResponseBytes: number;
}

/** One POST to the Raindrop API. */
export interface RaindropRequest {
  /** Names the call in messages, for example `SmartBucket get hints/u1/h1`. */
  what: string;
  path: string;
  body: unknown;
  /**
   * May be repeated after connection errors, 408, 429 and 5xx: true only for calls
   * whose repetition leaves the same state as one success.
   */
  idempotent: boolean;
  /** Resolve to `null` instead of failing when the API reports `NOT_FOUND`. */
  notFoundAsNull?: boolean;
  /** The caller's signal: aborts the call in flight (`ABORTED`, never retried). */
  signal?: AbortSignal | undefined;
}

/** POSTs JSON to the Raindrop API; see {@link raindropRestClient}. */
export type RaindropPost = (request: RaindropRequest) => Promise<unknown>;

const GRPC_CODES: Record<number, string> = {
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  16: 'UNAUTHENTICATED',
};
const MAX_RETRY_AFTER_MS = 10_000;

// An API error code is an identifier; anything else it sends there is not shown.
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** The error code of a body, whether gRPC-style (`NOT_FOUND`), Connect-style (`not_found`) or numeric (5). */
function codeOf(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return GRPC_CODES[code] ?? String(code);
  return typeof code === 'string' && IDENTIFIER.test(code) ? code.toUpperCase() : undefined;
}

const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

/**
 * A small client for the Raindrop REST API: every call is a JSON POST with a bearer
 * token, bounded by `timeoutMs` through `withTimeout` (`UPSTREAM_TIMEOUT`) and
 * stopped by the request's `signal` (`ABORTED`, the fetch in flight aborted), retried
 * with exponential backoff — honouring `Retry-After` — on connection errors, 408, 429
 * and 5xx when the request is idempotent. Every other failure becomes a `PauzError`
 * with `failureCode` naming the call, the HTTP status and the API's code; the API's
 * message, the connection error's text (its host and port) and the key never appear
 * in the message: what the API said is in `cause`, for the log. A response body
 * longer than `maxResponseBytes` fails the call, read no further.
 */
export function raindropRestClient(options: RaindropRestClientOptions): RaindropPost {
  const redact = (text: string): string => (options.apiKey === '' ? text : text.split(options.apiKey).join('[redacted]'));
  const fail = (what: string, reason: string, details: Record<string, unknown>, cause?: unknown): PauzError =>
    new PauzError(options.failureCode, `${what} failed: ${reason}`, { details, cause });

  async function attempt(request: RaindropRequest, signal: AbortSignal): Promise<{ response: Response; body: unknown; json: boolean }> {
    const response = await options.fetch(`${options.baseUrl.replace(/\/+$/, '')}${request.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request.body),
      signal,
    });
    const text = await readBoundedText(response, options.maxResponseBytes);
    if (text.trim() === '') return { response, body: {}, json: response.ok };
    try {
      return { response, body: JSON.parse(text) as unknown, json: true };
    } catch {
      return { response, body: text.slice(0, 200), json: false };
    }
  }

  async function run(request: RaindropRequest, signal: AbortSignal): Promise<unknown> {
    const attempts = request.idempotent ? options.retries + 1 : 1;
    for (let n = 1; ; n++) {
      let outcome: Awaited<ReturnType<typeof attempt>>;
      try {
        outcome = await attempt(request, signal);
      } catch (error) {
        if (signal.aborted) throw error;
        if (error instanceof UpstreamOutputError) throw fail(request.what, `the API ${error.message}`, {}, error);
        if (n >= attempts) {
          const reason = safeReason(error);
          throw fail(request.what, `connection error${reason === undefined ? '' : ` (${reason})`} (after ${n} attempt${n > 1 ? 's' : ''})`, { attempts: n }, error);
        }
        await sleep(backoff(n), signal);
        continue;
      }
      const { response, body, json } = outcome;
      if (response.ok) {
        if (!json) throw fail(request.what, `the API answered HTTP ${response.status} with a body that is not JSON`, { status: response.status });
        return body;
      }
      const code = json ? codeOf(body) : undefined;
      if (request.notFoundAsNull && json && (code === 'NOT_FOUND' || (response.status === 404 && code === undefined))) return null;
      if (isRetryableStatus(response.status) && n < attempts) {
        await sleep(Math.max(backoff(n), retryAfterMs(response)), signal);
        continue;
      }
      const message = json ? (body as { message?: unknown } | null)?.message : body;
      const reason = [`HTTP ${response.status}`, code].filter((part) => part !== undefined).join(' ');
      // What the API said goes to the log only: it can quote paths, org names, the request back.
      const said = typeof message === 'string' && message !== '' ? new Error(redact(message.slice(0, 2000))) : undefined;
      throw fail(request.what, `${reason} (after ${n} attempt${n > 1 ? 's' : ''})`, { status: response.status, upstreamCode: code, attempts: n }, said);
    }
  }

  function backoff(n: number): number {
    return options.retryDelayMs * 2 ** (n - 1) * (0.5 + Math.random() / 2);
  }

  return (request) => withTimeout(request.what, options.timeoutMs, (signal) => run(request, signal), request.signal);
}

/** The wait a `Retry-After` header in seconds asks for, capped; 0 without one. */
function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : 0;
}
