/**
 * `@pauz/express`: mounts the Pauz HTTP API on an Express 5 app or router.
 * @module
 */
import {
  bodyTooLargeError,
  createPauzHttp,
  type HttpResponse,
  malformedBodyError,
  type Pauz,
  type PauzError,
  type PauzHttpOptions,
  unsupportedBodyError,
} from '@pauz/core';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

/** Options of {@link pauzExpress}; `resolveUser` receives the Express request. */
export type PauzExpressOptions = PauzHttpOptions<Request>;

// Errors of the host's body parsers (express.json() & co.), by their `type`.
const BODY_PARSER_ERRORS: Record<string, (error: { limit?: number; charset?: string; encoding?: string }) => PauzError> = {
  'entity.parse.failed': () => malformedBodyError('not valid JSON'),
  'entity.too.large': (error) => bodyTooLargeError(error.limit ?? 0),
  'encoding.unsupported': (error) => unsupportedBodyError(`content encoding ${error.encoding ?? 'unknown'}`),
  'charset.unsupported': (error) => unsupportedBodyError(`charset ${error.charset ?? 'unknown'}`),
};

function toHeaders(req: Request): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function send(res: Response, response: HttpResponse): void {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (response.body === null) {
    res.end();
    return;
  }
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  res.setHeader('content-length', String(body.byteLength));
  res.end(body);
}

/**
 * Express middleware serving the Pauz HTTP API; mount it with `app.use(path, …)`.
 * It works inside an existing app: after `express.json()` (set its `limit` to at
 * least `'1mb'`, Pauz's JSON limit, or mount Pauz before it), next to the app's own
 * auth middleware and error handler. Its second element turns the host body
 * parser's errors for Pauz paths into Pauz's problem+json answers and passes every
 * other error on to the host's handler.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { pauzExpress } from '@pauz/express';
 *
 * const app = express();
 * app.use(express.json({ limit: '1mb' }));
 * app.use('/api', pauzExpress(pauz));
 * ```
 */
export function pauzExpress(pauz: Pauz, options: PauzExpressOptions = {}): [RequestHandler, ErrorRequestHandler] {
  const http = createPauzHttp<Request>(pauz, options);

  const handler: RequestHandler = (req, res, next) => {
    // Inside app.use(path, …) Express makes req.url relative to the mount point.
    // Prefixing keeps a path such as `//x` a path (as a relative URL it would name a host).
    const url = new URL(`http://pauz.invalid${req.url}`);
    // A host body parser (express.json()) has already consumed the stream: use what it parsed.
    const parsed = req.readableEnded || (req.complete && !req.readable) || (req as Request & { _body?: boolean })._body === true;
    // A client that goes away before the answer is sent cancels the upstream calls it started.
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort(new Error('the client closed the connection'));
    });
    http
      .handle({
        method: req.method,
        path: url.pathname,
        query: url.searchParams,
        headers: toHeaders(req),
        body: parsed ? { kind: 'parsed', value: req.body } : { kind: 'stream', stream: req },
        raw: req,
        signal: abort.signal,
      })
      .then((response) => send(res, response), next);
  };

  const errorHandler: ErrorRequestHandler = (error, _req, res, next) => {
    const type = (error as { type?: unknown } | null)?.type;
    const translate = typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
    if (translate === undefined || res.headersSent) {
      next(error);
      return;
    }
    send(res, http.errorResponse(translate(error as { limit?: number })));
  };

  return [handler, errorHandler];
}
