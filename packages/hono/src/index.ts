/**
 * `@pauz/hono`: mounts the Pauz HTTP API on a Hono app.
 * @module
 */
import type { Pauz } from '@pauz/core';
import { toWebResponse } from '@pauz/core/adapters';
import { createPauzHttp, DEFAULT_MAX_JSON_BYTES, type HttpRequest, type HttpRequestBody, type PauzHttpOptions } from '@pauz/core/http';
import { type Context, type Env, Hono } from 'hono';
import { hostBody } from './host-body.js';

/**
 * Options of {@link pauzHono}; `resolveUser` and `clientAddress` receive the Hono
 * context, typed with the app's `Env` `E` (its `Variables`, set by the app's own
 * middleware).
 *
 * @category HTTP
 */
export type PauzHonoOptions<E extends Env = any> = PauzHttpOptions<Context<E>>;

const depths = new Map<string, number>();

/** Number of leading path segments that belong to the mount point of `routePath`. */
function mountDepth(routePath: string): number {
  let depth = depths.get(routePath);
  if (depth === undefined) {
    depth = routePath.split('/').filter((s) => s !== '' && s !== '*').length;
    // Route paths are the app's own, a handful; the bound only guards against surprises.
    if (depths.size < 1000) depths.set(routePath, depth);
  }
  return depth;
}

/**
 * The peer address of the connection where the runtime tells it: `@hono/node-server`
 * puts Node's request in `c.env.incoming`, Bun's server has `requestIP()`. Elsewhere
 * (Workers, Deno's `serve` without it) it is unknown: pass `clientAddress`.
 */
function remoteAddressOf(c: Context): string | undefined {
  const env = c.env as
    | { incoming?: { socket?: { remoteAddress?: unknown } }; requestIP?: (request: Request) => { address?: unknown } | null }
    | undefined;
  const node = env?.incoming?.socket?.remoteAddress;
  if (typeof node === 'string') return node;
  try {
    const bun = typeof env?.requestIP === 'function' ? env.requestIP(c.req.raw)?.address : undefined;
    return typeof bun === 'string' ? bun : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Hono request as Pauz takes it, built here rather than by `fromWebRequest()`
 * (which would look at `raw.body`). A class, not an object literal with a getter:
 * V8 keeps such literals, and the body they point at, until a full collection.
 */
class HonoRequest implements HttpRequest<Context> {
  readonly method: string;
  readonly headers: Headers;
  readonly remoteAddress: string | undefined;

  constructor(
    readonly raw: Context,
    readonly path: string,
    readonly query: URLSearchParams,
    readonly body: HttpRequestBody,
  ) {
    this.method = raw.req.raw.method;
    this.headers = raw.req.raw.headers;
    this.remoteAddress = remoteAddressOf(raw);
  }

  /** @hono/node-server makes the signal when asked; Pauz asks when a route needs it. */
  get signal(): AbortSignal {
    return this.raw.req.raw.signal;
  }
}

/**
 * A Hono sub-app serving the Pauz HTTP API. Mount it anywhere with `app.route()`;
 * it only translates between Hono and the contract in `@pauz/core/http`. Middleware
 * before it may read the body (`c.req.json()`, `parseBody()`, validators): Pauz
 * takes it from Hono's body cache. Mount it with `app.route()`, not by passing
 * `c.req.raw` to another app's `fetch`: that new request has no cache to take from.
 *
 * @category HTTP
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/hono/index.1.ts}
 *
 * `E` is the app's `Env`, for `resolveUser` and `clientAddress` to read what the
 * app's own middleware set with `c.set()`.
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/hono/index.2.ts}
 */
export function pauzHono<E extends Env = any>(pauz: Pauz, options: PauzHonoOptions<E> = {}): Hono<E> {
  const http = createPauzHttp<Context<E>>(pauz, options);
  // Bodies up to the JSON limit are read whole, the fast way (see hostBody).
  const readWholeUpTo = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  const app = new Hono<E>();
  app.all('*', async (c) => {
    // The URL is parsed once; its raw (still percent-encoded) path, as core decodes
    // parameters exactly once.
    const url = new URL(c.req.url);
    const segments = url.pathname.split('/').filter((s) => s !== '');
    const path = `/${segments.slice(mountDepth(c.req.routePath)).join('/')}`;
    const request = new HonoRequest(c, path, url.searchParams, await hostBody(c, readWholeUpTo));
    return toWebResponse(await http.handle(request));
  });
  return app;
}
