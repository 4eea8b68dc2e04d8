import type { ExternalUser, User } from '../accounts/types.js';
import { isPauzError, PauzError } from '../errors.js';
import type { Pauz } from '../pauz.js';
import { logWarning } from '../logger.js';
import { abortedError, logReason } from '../upstream.js';
import { parseInput } from '../validation.js';
import { readJson } from './body.js';
import { type BodyTimeouts, DrainableBody, type DrainLimits } from './drain.js';
import { buildOpenApi } from './openapi.js';
import { problem, problemResponse, STATUS_BY_CODE } from './problem.js';
import { type AnyRoute, Reply, type RouteContext, RouteTable } from './route.js';
import { allRoutes } from './routes/index.js';
import { consoleLogger, type HttpRequest, type HttpResponse, type PauzLogger } from './types.js';

/**
 * Options of the HTTP layer, shared by `@pauz/hono` and `@pauz/express`.
 *
 * @category HTTP
 */
export interface PauzHttpOptions<Raw = unknown> {
  /**
   * Use the host's own authentication instead of Pauz bearer tokens: return the
   * signed-in user (an id, or `{id, email?, name?}`) or `null` when nobody is signed
   * in. Pauz keeps a passwordless row per such user. With this option the built-in
   * `/auth/*` routes are off unless {@link PauzHttpOptions.authRoutes} is `true`.
   *
   * @remarks No default: without it Pauz authenticates its own bearer tokens.
   *
   * @example
   * {@includeCode ../../../../docs/snippets/api/core/http/handler.1.ts}
   */
  resolveUser?: (raw: Raw) => Promise<ExternalUser | string | null | undefined> | ExternalUser | string | null | undefined;
  /**
   * Where a request comes from, for the login limit (failures are counted per email
   * and client address). Behind a reverse proxy or a load balancer every request
   * seems to come from the proxy, so return the address it reports — from the header
   * *your* proxy sets, after checking the request came through it. Pauz never trusts
   * `X-Forwarded-For` on its own: any client can send one. Return `null` when unknown.
   *
   * @defaultValue the connection's peer address as the adapter sees it
   *
   * @example
   * {@includeCode ../../../../docs/snippets/api/core/http/handler.2.ts}
   */
  clientAddress?: (raw: Raw) => string | null | undefined;
  /**
   * Serve `/auth/*` (register, login, logout, me).
   *
   * @defaultValue `true` without `resolveUser`, `false` with it
   */
  authRoutes?: boolean;
  /**
   * Where unexpected errors are logged.
   *
   * @defaultValue `consoleLogger` (`console.error`)
   */
  logger?: PauzLogger;
  /**
   * Largest JSON body accepted, in bytes; a larger one is answered 413.
   *
   * @defaultValue `DEFAULT_MAX_JSON_BYTES` (2 MiB)
   */
  maxJsonBytes?: number;
  /**
   * How much of a body Pauz still reads (and drops) after answering without using
   * all of it — an oversized upload's 413, a 401 before the body is looked at — so
   * that an ordinary `fetch` client, still sending, reads the answer instead of a
   * reset, and a keep-alive connection stays usable. Past these bounds the answer
   * says `connection: close`.
   *
   * @defaultValue `{ maxBytes: DEFAULT_DRAIN_BYTES, timeoutMs: DEFAULT_DRAIN_TIMEOUT_MS }` (64 MiB, 30 s)
   *
   * @example
   * {@includeCode ../../../../docs/snippets/api/core/http/handler.3.ts}
   */
  drain?: DrainLimits;
  /**
   * How long Pauz waits for a request body it reads: a client that sends nothing for
   * `idleMs` (default 30 s), or has not finished after `totalMs` (default 5 minutes),
   * is answered 408 `REQUEST_TIMEOUT` with `connection: close`.
   *
   * @defaultValue `{ idleMs: DEFAULT_BODY_IDLE_MS, totalMs: DEFAULT_BODY_TOTAL_MS }` (30 s, 5 minutes)
   *
   * @example
   * {@includeCode ../../../../docs/snippets/api/core/http/handler.4.ts}
   */
  bodyTimeouts?: BodyTimeouts;
}

/**
 * The framework-neutral HTTP API; adapters translate requests into it and its answers back.
 *
 * @category HTTP
 */
export interface PauzHttp<Raw = unknown> {
  /** Answers one request. Never throws: every failure becomes a problem+json response. */
  handle(request: HttpRequest<Raw>): Promise<HttpResponse>;
  /** The routes served, after options are applied. */
  readonly routes: readonly AnyRoute[];
  /** The OpenAPI 3.1 document of {@link PauzHttp.routes}. */
  openapi(): Record<string, unknown>;
  /**
   * Turns an error an adapter caught outside {@link PauzHttp.handle} (for example a
   * host body parser's) into the problem+json response Pauz would give.
   */
  errorResponse(error: unknown): HttpResponse;
}

/**
 * Default limit of JSON bodies: 2 MiB. Chosen with the default content limit
 * (`DEFAULT_LIMITS.contentChars`, 500,000 characters): a save of that much text in
 * any script of the Basic Multilingual Plane (at most 3 UTF-8 bytes a character, so
 * 1.5 MB) fits, with room for the rest of the body. Only text made of control
 * characters JSON escapes as `\u00XX` (6 bytes each) can be under the content limit
 * and over this one. Raise both together.
 *
 * @category HTTP
 */
export const DEFAULT_MAX_JSON_BYTES = 2 * 1024 * 1024;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function bearerToken(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/**
 * Builds the HTTP API of a Pauz instance: the whole contract (routes, validation,
 * auth, status codes, problem+json errors, OpenAPI) in one framework-neutral place.
 *
 * @category HTTP
 */
export function createPauzHttp<Raw = unknown>(pauz: Pauz, options: PauzHttpOptions<Raw> = {}): PauzHttp<Raw> {
  const logger = options.logger ?? consoleLogger;
  const maxJsonBytes = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  const withAuthRoutes = options.authRoutes ?? options.resolveUser === undefined;
  const routes: readonly AnyRoute[] = withAuthRoutes ? allRoutes : allRoutes.filter((route) => route.authRoute !== true);
  let document: Record<string, unknown> | undefined;
  const openapi = (): Record<string, unknown> => {
    document ??= buildOpenApi(routes, { title: 'Pauz', version: '1' });
    return document;
  };
  const table = new RouteTable(routes);

  async function authenticate(request: HttpRequest<Raw>, token: string | null, includeDeleting: boolean): Promise<User> {
    if (options.resolveUser !== undefined) {
      const resolved = await options.resolveUser(request.raw);
      if (resolved !== null && resolved !== undefined) {
        const external = typeof resolved === 'string' ? { id: resolved } : resolved;
        if (!/^[\w-]{1,64}$/.test(external.id)) {
          throw new Error('resolveUser returned an id that is not 1–64 letters, digits, _ or -');
        }
        return pauz.accounts.ensureExternalUser(external, { includeDeleting });
      }
      if (!withAuthRoutes) throw new PauzError('UNAUTHENTICATED', 'Sign in to use this endpoint');
    }
    if (token === null) throw new PauzError('UNAUTHENTICATED', 'Missing bearer token: send Authorization: Bearer <token>');
    const user = await pauz.accounts.authenticate(token, { includeDeleting });
    if (user === null) throw new PauzError('UNAUTHENTICATED', 'The bearer token is invalid, expired or revoked');
    return user;
  }

  function errorResponse(error: unknown, signal?: AbortSignal): HttpResponse {
    // ABORTED too: the client went away, nobody reads the answer, and logging every
    // disconnect would flood the log.
    if (isPauzError(error)) {
      // A store or an AI service failed: the client is told which and how (the detail
      // names service, operation and status); what it said, and where it is, go here.
      if (STATUS_BY_CODE[error.code] >= 502) {
        logger.error('upstream failure', { code: error.code, detail: error.message, details: error.details, reason: logReason(error.cause) });
      }
      return problemResponse(error);
    }
    if (signal?.aborted === true || isClientGone(error)) {
      // Something that does not know the signal failed once the client was gone: one
      // short line at a lower level, no stack — nothing to act on.
      logWarning(logger, 'request failed after the client went away', { error: error instanceof Error ? error.message : String(error) });
      return problemResponse(abortedError('The request', signal));
    }
    const reference = crypto.randomUUID();
    logger.error('unexpected error', { reference, error });
    return problemResponse(new PauzError('INTERNAL', `An unexpected error occurred (reference ${reference})`), {}, {
      instance: `urn:uuid:${reference}`,
    });
  }

  async function handle(request: HttpRequest<Raw>): Promise<HttpResponse> {
    // Routes read the body through a wrapper that never closes it, so whatever they
    // leave unread (all of it, on an early answer) can be drained before answering.
    const unread = DrainableBody.of(request.body, request.headers, options.bodyTimeouts);
    const response = await answer(unread === undefined ? request : withBody(request, unread.body));
    const reusable = unread === undefined || (await unread.drain(options.drain));
    const answered = reusable ? response : { ...response, headers: { ...response.headers, connection: 'close' } };
    return request.method.toUpperCase() === 'HEAD' ? headOf(answered) : answered;
  }

  async function answer(request: HttpRequest<Raw>): Promise<HttpResponse> {
    let call: RouteCall | undefined;
    try {
      // Empty segments carry no meaning: `//garden/` is `/garden`, whatever the adapter.
      const segments = request.path.split('/').filter((s) => s !== '');
      const upper = request.method.toUpperCase();
      const match = table.matchSegments(upper, segments);
      // HEAD answers as GET would, to the byte: its Content-Length must be GET's.
      const method = upper === 'HEAD' ? 'GET' : request.method;
      if (match.kind === 'not-found') return problem('NOT_FOUND', `No route for ${method} /${segments.join('/')}`);
      if (match.kind === 'method-not-allowed') {
        return problem('METHOD_NOT_ALLOWED', `${method} is not allowed here`, { allow: match.allow.join(', ') });
      }
      const { route, params } = match;
      const token = bearerToken(request.headers);
      const user = route.auth ? await authenticate(request, token, route.whileDeleting === true) : null;
      const query = route.query ? parseInput(route.query, Object.fromEntries(request.query), 'query') : {};
      const body = route.body ? parseInput(route.body, await readJson(request, maxJsonBytes), 'body') : undefined;
      const clientAddress = (options.clientAddress === undefined ? request.remoteAddress : options.clientAddress(request.raw)) ?? null;
      call = new RouteCall(pauz, user, params, query, body, request, token, clientAddress, openapi, logger);
      const response = toResponse(route, await route.handle(call));
      if (!(response.body instanceof ReadableStream)) return response;
      const signal = call.takenSignal ?? request.signal;
      return { ...response, body: reportingFailures(response.body, (error) => void errorResponse(error, signal)) };
    } catch (error) {
      return errorResponse(error, call?.takenSignal ?? request.signal);
    }
  }

  return { handle, routes: table.routes, openapi, errorResponse: (error) => errorResponse(error) };
}

/**
 * True for the error a Node request body fails with when its client hangs up
 * mid-upload (`aborted`, coded `ECONNRESET`), which can reach Pauz before the
 * request's signal says so. Only that exact pair: a database connection reset is
 * an unexpected error, not a client leaving.
 */
function isClientGone(error: unknown): boolean {
  return error instanceof Error && error.message === 'aborted' && (error as { code?: unknown }).code === 'ECONNRESET';
}

/**
 * What a route handler is given. A class rather than an object literal: `signal` is
 * a getter, taken when first read — most routes never pass it on, and a server's
 * request may make its signal only when asked (@hono/node-server does).
 */
class RouteCall implements RouteContext {
  #signal: AbortSignal | undefined;

  constructor(
    readonly pauz: Pauz,
    readonly user: User | null,
    readonly params: Record<string, string>,
    readonly query: unknown,
    readonly body: unknown,
    readonly request: HttpRequest,
    readonly token: string | null,
    readonly clientAddress: string | null,
    readonly openapi: () => Record<string, unknown>,
    readonly logger: PauzLogger,
  ) {}

  get signal(): AbortSignal {
    this.#signal ??= this.request.signal ?? new AbortController().signal;
    return this.#signal;
  }

  /** The signal if the route took it. */
  get takenSignal(): AbortSignal | undefined {
    return this.#signal;
  }
}

/**
 * `request` with another body. Copied field by field rather than spread: a spread
 * would read `signal`, which an adapter may make only when it is asked for. A class
 * rather than an object literal with a getter: V8 keeps such literals (and all they
 * point at, the request's body included) until a full collection, which costs a
 * busy server a fifth of its time in the garbage collector.
 */
class RequestWithBody<Raw> implements HttpRequest<Raw> {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  readonly raw: Raw;
  readonly remoteAddress: string | undefined;
  readonly #request: HttpRequest<Raw>;

  constructor(
    request: HttpRequest<Raw>,
    readonly body: HttpRequest<Raw>['body'],
  ) {
    this.method = request.method;
    this.path = request.path;
    this.query = request.query;
    this.headers = request.headers;
    this.raw = request.raw;
    this.remoteAddress = request.remoteAddress;
    this.#request = request;
  }

  get signal(): AbortSignal | undefined {
    return this.#request.signal;
  }
}

function withBody<Raw>(request: HttpRequest<Raw>, body: HttpRequest<Raw>['body']): HttpRequest<Raw> {
  return new RequestWithBody(request, body);
}

/**
 * `body`, passing on its chunks, with a failure midway reported to `report` before the
 * stream errors: the status line is sent by then, so the client sees a cut answer,
 * and the server log is where what failed is told (as an answer's failure would be).
 */
function reportingFailures(body: ReadableStream<Uint8Array>, report: (error: unknown) => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        report(error);
        controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** The response of a route's handler result: its success status, or the {@link Reply} it chose. */
function toResponse(route: AnyRoute, result: unknown): HttpResponse {
  if (route.success.status === 204) return { status: 204, headers: { 'cache-control': 'no-store' }, body: null };
  if (result instanceof Reply) {
    if (result.body instanceof Uint8Array || result.body instanceof ReadableStream) return { status: result.status, headers: result.headers, body: result.body };
    return { status: result.status, headers: { ...JSON_HEADERS, ...result.headers }, body: JSON.stringify(result.body) };
  }
  return { status: route.success.status, headers: JSON_HEADERS, body: JSON.stringify(result) };
}

/**
 * HEAD is GET without the body (RFC 9110 §9.3.2): same status and headers,
 * `Content-Length` included — except for a streamed body, whose length is not known
 * before it is made: it is cancelled unread (nothing of it was produced), and the
 * answer has no `Content-Length`, as GET's has none.
 */
function headOf(response: HttpResponse): HttpResponse {
  if (response.body === null) return response;
  if (response.body instanceof ReadableStream) {
    response.body.cancel().catch(() => undefined);
    return { status: response.status, headers: response.headers, body: null };
  }
  const length = typeof response.body === 'string' ? new TextEncoder().encode(response.body).byteLength : response.body.byteLength;
  return { status: response.status, headers: { ...response.headers, 'content-length': String(length) }, body: null };
}
