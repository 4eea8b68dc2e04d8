import { createPauzHttp, type PauzHttp, type PauzHttpOptions } from './handler.js';
import type { HttpRequest, HttpResponse } from './types.js';
import { PauzError } from '../errors.js';
import type { Pauz } from '../pauz.js';

/**
 * Wraps a Web `Request` for {@link PauzHttp.handle}; `path` is relative to the mount
 * point. Pass `url` when it is already parsed (`new URL(request.url)`) so it is not
 * parsed twice. The body of a GET or HEAD is not looked at: a `Request` has none, and
 * some servers' lazy requests (@hono/node-server's) build the whole undici
 * `Request` when asked.
 *
 * @category HTTP
 */
export function fromWebRequest<Raw>(request: Request, path: string, raw: Raw, url: URL = new URL(request.url)): HttpRequest<Raw> {
  const { method } = request;
  return {
    method,
    path,
    query: url.searchParams,
    headers: request.headers,
    body: { kind: 'stream', stream: method === 'GET' || method === 'HEAD' ? null : request.body },
    raw,
    signal: request.signal,
  };
}

/**
 * Turns an {@link HttpResponse} into a Web `Response`.
 *
 * @category HTTP
 */
export function toWebResponse(response: HttpResponse): Response {
  return new Response(response.body as BodyInit | null, { status: response.status, headers: response.headers });
}

/**
 * The HTTP API as a plain `fetch` handler, for runtimes that speak Web requests
 * (Workers, Raindrop services, Bun, Deno). `basePath` is the prefix Pauz is served
 * under.
 *
 * @category HTTP
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/http/fetch.ts}
 */
export function createPauzFetch(
  pauz: Pauz,
  options: PauzHttpOptions<Request> & { basePath?: string } = {},
): (request: Request) => Promise<Response> {
  const http: PauzHttp<Request> = createPauzHttp(pauz, options);
  const base = (options.basePath ?? '').replace(/\/+$/, '');
  return async (request) => {
    const url = new URL(request.url);
    const { pathname } = url;
    if (base !== '' && pathname !== base && !pathname.startsWith(`${base}/`)) {
      return toWebResponse(http.errorResponse(new PauzError('NOT_FOUND', `No route for ${request.method} ${pathname}`)));
    }
    return toWebResponse(await http.handle(fromWebRequest(request, pathname.slice(base.length) || '/', request, url)));
  };
}
