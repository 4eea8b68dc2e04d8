import { redact } from '../ai/upstream-call.js';
import { PauzConfigError } from '../errors.js';
import { readBoundedText, UpstreamOutputError } from '../upstream.js';

/**
 * What every OpenAI-compatible adapter is configured with.
 *
 * @category Adapters
 */
export interface OpenAiConnection {
  /** The API root including its version, for example `https://api.openai.com/v1` or `https://api.groq.com/openai/v1`. */
  baseUrl: string;
  /**
   * Sent as `Authorization: Bearer …`; never appears in error messages.
   *
   * @remarks No default: leave it out for servers without authentication (no header is sent).
   */
  apiKey?: string;
  /** The model name, for example `whisper-1`, `whisper-large-v3` or `gpt-4o-mini`. */
  model: string;
  /**
   * Time one call may take, in milliseconds; then `UPSTREAM_TIMEOUT`.
   *
   * @defaultValue `DEFAULT_WRITER_TIMEOUT_MS` (60 s) for `openAiWriter`,
   * `DEFAULT_TRANSCRIBER_TIMEOUT_MS` (120 s) for `openAiTranscriber`
   */
  timeoutMs?: number;
  /**
   * The `fetch` to use (a proxying or instrumented one, say).
   *
   * @defaultValue the global `fetch`
   */
  fetch?: typeof fetch;
  /**
   * Extra request headers (for example an organisation or routing header).
   *
   * @defaultValue `{}`
   */
  headers?: Record<string, string>;
  /**
   * Largest response body read, in bytes; a longer answer fails the call (the rest
   * is never downloaded).
   *
   * @defaultValue 1 MiB for `openAiWriter`, 8 MiB for `openAiTranscriber`
   */
  maxResponseBytes?: number;
}

/** A resolved endpoint. */
export interface OpenAiEndpoint {
  url: string;
  /** Host and path only — no credentials, no query — for error messages. */
  label: string;
}

/**
 * Checks the connection options, throwing a {@link PauzConfigError} listing every
 * problem, and resolves `path` against the base URL.
 */
export function openAiEndpoint(factory: string, options: OpenAiConnection, path: string): OpenAiEndpoint {
  const problems: string[] = [];
  let base: URL | undefined;
  try {
    base = new URL(options.baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') problems.push(`${factory}: baseUrl must be an http(s) URL`);
    if (base.username !== '' || base.password !== '') problems.push(`${factory}: baseUrl must not contain credentials; use apiKey`);
  } catch {
    problems.push(`${factory}: baseUrl is not a valid URL`);
  }
  if (typeof options.model !== 'string' || options.model.trim() === '') problems.push(`${factory}: model is required`);
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    problems.push(`${factory}: timeoutMs must be a positive number`);
  }
  if (options.maxResponseBytes !== undefined && !(Number.isSafeInteger(options.maxResponseBytes) && options.maxResponseBytes > 0)) {
    problems.push(`${factory}: maxResponseBytes must be a positive integer`);
  }
  if (problems.length > 0 || base === undefined) throw new PauzConfigError(problems);
  const url = new URL(base.href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  return { url: url.href, label: `${url.host}${url.pathname}` };
}

/** Request headers: the extra ones, then authorisation. */
export function openAiHeaders(options: OpenAiConnection, contentType?: string): Headers {
  const headers = new Headers(options.headers);
  if (contentType !== undefined) headers.set('content-type', contentType);
  if (options.apiKey !== undefined && options.apiKey !== '') headers.set('authorization', `Bearer ${options.apiKey}`);
  headers.set('accept', 'application/json');
  return headers;
}

/** Calls the configured `fetch`, or the global one (called unbound, which some runtimes require). */
export function callFetch(options: OpenAiConnection, url: string, init: RequestInit): Promise<Response> {
  return options.fetch === undefined ? fetch(url, init) : options.fetch(url, init);
}

/** An HTTP failure from the upstream, with its status. */
export class UpstreamHttpError extends Error {
  override readonly name = 'UpstreamHttpError';
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** How much of an error response's body is read for the log. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

/**
 * Turns a non-2xx response into an error carrying the status and the upstream's own
 * message (OpenAI-style `{error: {message}}`, `{message}` or `{detail}`), with
 * `secrets` and key-like strings removed: OpenAI echoes (part of) a wrong key. At
 * most 16 KiB of the body is read. The message is for the log: a client is told the
 * status only.
 */
export async function upstreamHttpError(response: Response, secrets: readonly string[]): Promise<UpstreamHttpError> {
  const body = await readBoundedText(response, MAX_ERROR_BODY_BYTES, true).catch((error: unknown) => `(body unreadable: ${String(error)})`);
  let said = body.trim().slice(0, 500);
  try {
    const json = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    const message =
      typeof json.error === 'string' ? json.error : (json.error?.message ?? json.message ?? json.detail);
    if (typeof message === 'string') said = message;
  } catch {
    // Not JSON: the plain text (already in `said`) is what the server said.
  }
  const text = redact(said, secrets);
  return new UpstreamHttpError(response.status, `HTTP ${response.status}${text === '' ? '' : `: ${text}`}`);
}

/**
 * Reads a 2xx response as JSON, at most `maxBytes` of it, or throws saying it was
 * not JSON or was too long (an {@link UpstreamOutputError}, safe to show).
 */
export async function readJson(response: Response, maxBytes: number): Promise<unknown> {
  const text = await readBoundedText(response, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const type = (response.headers.get('content-type') ?? 'untyped').split(';', 1)[0]?.trim().slice(0, 100);
    throw new UpstreamOutputError(`returned malformed output: a ${type} body that is not JSON`);
  }
}
