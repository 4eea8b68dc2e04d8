/**
 * `@pauz/express`: mounts the Pauz HTTP API on an Express 5 app or router.
 * @module
 */
import { type Pauz, PauzError } from '@pauz/core';
import { bodyTooLargeError, hostConsumedBody, type HttpRequestBody, type HttpResponse, malformedBodyError, unsupportedBodyError } from '@pauz/core/adapters';
import { createPauzHttp, type PauzHttpOptions } from '@pauz/core/http';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { hostBody } from './host-body.js';

/**
 * Options of {@link pauzExpress}; `resolveUser` and `clientAddress` receive the
 * Express request, typed `Req` (see {@link pauzExpress} for what the host's own
 * middleware adds to it, such as `req.user`).
 *
 * @category HTTP
 */
export type PauzExpressOptions<Req extends Request = Request> = PauzHttpOptions<Req>;

// Errors of the host's body parsers (express.json() & co.), by their `type`.
const BODY_PARSER_ERRORS: Record<string, (error: { limit?: number; charset?: string; encoding?: string }) => PauzError> = {
  'entity.parse.failed': () => malformedBodyError('not valid JSON'),
  'entity.too.large': (error) => bodyTooLargeError(error.limit ?? 0),
  'encoding.unsupported': (error) => unsupportedBodyError(`content encoding ${error.encoding ?? 'unknown'}`),
  'charset.unsupported': (error) => unsupportedBodyError(`charset ${error.charset ?? 'unknown'}`),
};

/**
 * The body of a request a host parser (or multer) failed on, as Pauz takes it;
 * `undefined` for an error that is not a body parser's. The parser's refusal is
 * answered only if the route reads the body (see `hostConsumedBody`): a route that
 * reads none runs as if none was sent, and Pauz's router answers paths it does not
 * serve. Text a JSON parser could not take is handed over as it came, for Pauz to
 * read as it reads any body: strict `express.json()` refuses `false`, `1` or `null`,
 * which are valid JSON and fail the route's own validation, as on every adapter.
 */
function refusedBody(error: unknown, req: Request): { body: HttpRequestBody; refusal: PauzError } | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { type, body } = error as { type?: unknown; body?: unknown };
  if (type === 'entity.parse.failed' && typeof body === 'string') return { body: { kind: 'text', text: body }, refusal: jsonRefusal(body) };
  const translate = typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
  const refusal = translate?.(error) ?? multerError(error) ?? formParserError(error, req);
  return refusal === undefined ? undefined : { body: hostConsumedBody(refusal), refusal };
}

/** What a JSON parser's refusal of `text` says: malformed, or valid JSON a strict parser does not take. */
function jsonRefusal(text: string): PauzError {
  try {
    JSON.parse(text);
  } catch {
    return malformedBodyError('not valid JSON');
  }
  return new PauzError('VALIDATION_FAILED', "The host app's JSON parser takes only an object or an array at the top of the body", {
    errors: [{ field: '(body)', message: 'must be a JSON object' }],
  });
}

// multer's errors, by their `code`: its file size limit is a 413, every other limit a 400.
function multerError(error: { code?: unknown; message?: unknown; field?: unknown }): PauzError | undefined {
  if (typeof error.code !== 'string' || (error as Error).name !== 'MulterError') return undefined;
  const message = `The upload was refused: ${String(error.message)}`;
  if (error.code === 'LIMIT_FILE_SIZE') return new PauzError('PAYLOAD_TOO_LARGE', message);
  const field = typeof error.field === 'string' ? error.field : '(body)';
  return new PauzError('VALIDATION_FAILED', message, { errors: [{ field, message: String(error.message) }] });
}

// What busboy (under multer) throws for a form it cannot parse: plain Errors, known by
// their messages. They are only taken for a form body, so a host error that happens to
// say the same is left alone.
const FORM_PARSER_FAILURES = /^(Unexpected end of (form|file)|Malformed (part header|content type)|Multipart: Boundary not found)$/;

function formParserError(error: { message?: unknown }, req: Request): PauzError | undefined {
  if (typeof error.message !== 'string' || !FORM_PARSER_FAILURES.test(error.message) || req.is('multipart/form-data') !== 'multipart/form-data') {
    return undefined;
  }
  return new PauzError('VALIDATION_FAILED', `Malformed multipart body: ${error.message}`, {
    errors: [{ field: '(body)', message: 'must be multipart/form-data' }],
  });
}

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
  if (response.body instanceof ReadableStream) {
    sendStream(res, response.body);
    return;
  }
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  res.setHeader('content-length', String(body.byteLength));
  res.end(body);
}

/**
 * Writes a streamed body as it is produced, waiting for the socket to drain. A client
 * that goes away cancels the stream (and the reads it started); a stream that fails
 * midway ends the connection, so the client sees a cut answer, never a complete-looking one.
 */
function sendStream(res: Response, body: ReadableStream<Uint8Array>): void {
  const reader = body.getReader();
  const cancel = (): void => {
    reader.cancel(new Error('the client closed the connection')).catch(() => undefined);
  };
  res.once('close', () => {
    if (!res.writableFinished) cancel();
  });
  const pump = async (): Promise<void> => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        res.end();
        return;
      }
      if (res.destroyed) return;
      if (!res.write(value)) await new Promise<void>((resolve) => {
        const go = (): void => {
          res.off('drain', go);
          res.off('close', go);
          resolve();
        };
        res.on('drain', go);
        res.on('close', go);
      });
    }
  };
  pump().catch((error: unknown) => {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  });
}

/**
 * Express middleware serving the Pauz HTTP API; mount it with `app.use(path, …)`.
 * It works inside an existing app, after its body parsers: a body `express.json()`,
 * `express.urlencoded()`, `express.raw()`, `express.text()` or multer (memory or
 * disk storage) already read is taken from `req.body` / `req.file(s)`, never re-read
 * from the drained stream. Set their limits at least as high as Pauz's (2 MiB JSON,
 * 25 MB audio) or mount Pauz before them. A text parser whose `type` matches audio
 * (`express.text()` with a catch-all type) loses the recording's bytes; Pauz then
 * answers 415 saying so.
 * Its second element takes the requests of Pauz paths a host body parser (or
 * multer) failed on: the parser's refusal (413, 415, malformed) is answered, as
 * problem+json, only by a route that reads the body; a route that reads none runs as
 * if none was sent, and a path Pauz does not serve gets its 404 or 405. JSON that
 * strict `express.json()` refuses (`false`, `1`, `null`) is read as Pauz reads it.
 * The host's middleware after the failed parser does not run, so with `resolveUser`
 * a user it cannot find on such a request gets the parser's refusal, not a 401:
 * mount the app's auth before its body parsers for Pauz to see who it is.
 * Every other error is passed on to the host's handler.
 *
 * @category HTTP
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/express/index.1.ts}
 *
 * `Req` is the request as the app's own middleware leaves it, for `resolveUser`
 * and `clientAddress`: name what your auth middleware sets (`req.user`, say) as a
 * type argument. An app that declares `req.user` globally (Express's
 * `declare global { namespace Express { interface Request { … } } }`, as passport's
 * types do) needs none: the default is Express's `Request` as the app augmented it.
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/express/index.2.ts}
 */
export function pauzExpress<Req extends Request = Request>(pauz: Pauz, options: PauzExpressOptions<Req> = {}): [RequestHandler, ErrorRequestHandler] {
  // Requests a host parser failed on, with its refusal. The host's middleware after
  // that parser never ran (its auth included), so a user `resolveUser` cannot find
  // there is no sign of a signed-out client: such a request is answered with the
  // refusal, never with a 401 the client would take for an expired session.
  const refused = new WeakMap<Request, PauzError>();
  const { resolveUser } = options;
  // `Req` is what the host's middleware made of every request Express hands over.
  const http = createPauzHttp<Req>(
    pauz,
    resolveUser === undefined
      ? options
      : {
          ...options,
          resolveUser: async (req) => {
            const user = await resolveUser(req);
            const refusal = refused.get(req);
            if ((user === null || user === undefined) && refusal !== undefined && !/^Bearer\s/i.test(req.headers.authorization ?? '')) throw refusal;
            return user;
          },
        },
  );

  function serve(req: Request, res: Response, next: (error: unknown) => void, body: Promise<HttpRequestBody>): void {
    // Inside app.use(path, …) Express makes req.url relative to the mount point.
    // Prefixing keeps a path such as `//x` a path (as a relative URL it would name a host).
    const url = new URL(`http://pauz.invalid${req.url}`);
    // A client that goes away before the answer is sent cancels the upstream calls it started.
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort(new Error('the client closed the connection'));
    });
    body
      .then(
        (taken) =>
          http.handle({
            method: req.method,
            path: url.pathname,
            query: url.searchParams,
            headers: toHeaders(req),
            body: taken,
            raw: req as Req,
            signal: abort.signal,
            // The socket's peer, never a forwarded header: see the `clientAddress` option.
            remoteAddress: req.socket.remoteAddress,
          }),
        (error: unknown) => http.errorResponse(error),
      )
      .then((response) => send(res, response), next);
  }

  const handler: RequestHandler = (req, res, next) => {
    serve(req, res, next, hostBody(req));
  };

  // A host parser failed on a Pauz path: the request is still Pauz's to answer, with
  // a body that fails only when the route reads it.
  const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
    const taken = res.headersSent ? undefined : refusedBody(error, req);
    if (taken === undefined) {
      next(error);
      return;
    }
    refused.set(req, taken.refusal);
    serve(req, res, next, Promise.resolve(taken.body));
  };

  return [handler, errorHandler];
}
