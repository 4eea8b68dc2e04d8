import { collectBytes } from '../bytes.js';
import { PauzError } from '../errors.js';
import type { HttpRequest, HttpRequestBody } from './types.js';

/** True for `application/json` and `application/*+json` media types. */
export function isJsonType(contentType: string | null): boolean {
  const media = mediaType(contentType);
  return media === 'application/json' || (media.startsWith('application/') && media.endsWith('+json'));
}

/** The media type of a `Content-Type` value, lower-cased, without parameters. */
function mediaType(contentType: string | null): string {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** Media types whose bodies are text, so a host's text parser kept every byte of them. */
function isTextType(contentType: string | null): boolean {
  const media = mediaType(contentType);
  return (
    media.startsWith('text/') ||
    isJsonType(contentType) ||
    media === 'application/xml' ||
    media.endsWith('+xml') ||
    media === 'application/x-www-form-urlencoded'
  );
}

/**
 * True when the request's headers announce a body (`Transfer-Encoding`, or a
 * `Content-Length` above 0). Without either, HTTP/1.1 says there is none.
 */
export function announcesBody(headers: Headers): boolean {
  if (headers.has('transfer-encoding')) return true;
  const length = headers.get('content-length');
  return length !== null && length.trim() !== '0';
}

/**
 * `PAYLOAD_TOO_LARGE` for a body over `limit` bytes.
 *
 * @category HTTP
 */
export function tooLarge(limit: number): PauzError {
  return new PauzError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes`);
}

/**
 * The body's declared `Content-Length`, if any; `PAYLOAD_TOO_LARGE` (or `overLimit()`)
 * at once when it is over `limit`, before a byte is read.
 */
export function declaredLength(request: HttpRequest, limit: number, overLimit: () => PauzError = () => tooLarge(limit)): number | undefined {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (!Number.isFinite(declared)) return undefined;
  if (declared > limit) throw overLimit();
  return declared;
}

// Marks a stream body that stands for one a host consumed and left nothing of.
const CONSUMED = Symbol('pauz.consumedBody');

type ConsumedStream = AsyncIterable<Uint8Array> & { [CONSUMED]: Error };

/**
 * The body of a request whose stream a host middleware already read without leaving
 * a result Pauz can take (a middleware that read the raw stream itself, a
 * storage engine that kept no bytes). Adapters hand it over instead of a drained
 * stream, which would read as empty. Reading it fails: the client sent a good
 * request and the host's setup lost it, so the answer is a 500 and the log names
 * `cause`; with `malformed`, the host failed to read what the client sent, a 400.
 * With a `PauzError` as `cause` (a host parser refused the body: too large, an
 * encoding it does not know), reading fails with that error.
 *
 * Only reading fails: a route that reads no body runs as if none was sent, and a
 * path no route serves answers 404 or 405, so a body the host could not take is
 * refused only where it would have been used.
 *
 * @category HTTP
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/http/body.1.ts}
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/http/body.2.ts}
 */
export function hostConsumedBody(cause: string | PauzError, malformedBody = false): HttpRequestBody {
  const error =
    typeof cause !== 'string'
      ? cause
      : malformedBody
        ? new PauzError('VALIDATION_FAILED', `Malformed body: the host app could not read it (${cause})`, {
            errors: [{ field: '(body)', message: 'could not be read' }],
          })
        : hostSetupError(`The host app already read this request body: ${cause}`);
  const stream: ConsumedStream = {
    [CONSUMED]: error,
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
  };
  return { kind: 'stream', stream };
}

/** True for the body {@link hostConsumedBody} makes: there is nothing left on the wire to read. */
export function isHostConsumed(stream: unknown): boolean {
  return typeof stream === 'object' && stream !== null && CONSUMED in stream;
}

/**
 * The raw bytes of a body as a stream, whoever read them first: the stream itself,
 * the bytes of a host's raw-body parser, or the text of a host's text parser when
 * the body is text. Fails with `UNSUPPORTED_MEDIA_TYPE` for a parsed value or a form
 * (the client sent what the route does not read), and with a 500 naming the cause
 * in the log for a binary body a host decoded as text (its bytes are lost: invalid
 * UTF-8 became U+FFFD) or consumed without a trace.
 */
export function rawBodySource(request: HttpRequest): ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null {
  const contentType = request.headers.get('content-type');
  const { body } = request;
  switch (body.kind) {
    case 'stream':
      if (isHostConsumed(body.stream)) throw (body.stream as ConsumedStream)[CONSUMED];
      return body.stream;
    case 'bytes':
      return oneChunk(body.bytes);
    case 'text':
      if (!isTextType(contentType)) throw decodedAsText(contentType);
      return oneChunk(new TextEncoder().encode(body.text));
    case 'parsed':
    case 'form':
      throw new PauzError(
        'UNSUPPORTED_MEDIA_TYPE',
        `The host app's body parser already read this ${contentType ?? 'untyped'} body as ${body.kind === 'form' ? 'a form' : 'a parsed value'}; its bytes are gone. Mount Pauz before that parser or narrow the parser's type.`,
      );
  }
}

/**
 * Reads a raw body up to `limit` bytes, whoever read it first (see
 * {@link rawBodySource}). Stops reading (and fails with `PAYLOAD_TOO_LARGE`) as soon
 * as the limit is passed, so an oversized upload is never held in memory whole.
 */
export async function readBytes(request: HttpRequest, limit: number): Promise<Uint8Array> {
  const declared = declaredLength(request, limit);
  if (request.body.kind === 'bytes') {
    if (request.body.bytes.byteLength > limit) throw tooLarge(limit);
    return request.body.bytes;
  }
  const source = rawBodySource(request);
  if (source === null) return new Uint8Array(0);
  return collectBytes(source, limit, () => tooLarge(limit), declared);
}

/**
 * The JSON body of a request: `{}` when there is none, `UNSUPPORTED_MEDIA_TYPE` for a
 * body that is not declared JSON, `VALIDATION_FAILED` for malformed JSON,
 * `PAYLOAD_TOO_LARGE` past `limit` bytes. A value a host's JSON parser produced is
 * taken as it is; text or bytes a host read are parsed as if Pauz had read them.
 */
export async function readJson(request: HttpRequest, limit: number): Promise<unknown> {
  const contentType = request.headers.get('content-type');
  const { body } = request;
  if (body.kind === 'parsed' || body.kind === 'form') {
    declaredLength(request, limit);
    const value = body.kind === 'parsed' ? body.value : body.form;
    // A JSON `null` stays null (and fails validation, as it does when Pauz parses it).
    if (body.kind === 'parsed' && isJsonType(contentType)) return value === undefined ? {} : value;
    if (isEmptyParse(value)) return {};
    throw unsupported(contentType);
  }
  if (body.kind === 'text') {
    declaredLength(request, limit);
    if (body.text === '') return {};
    if (!isJsonType(contentType)) throw unsupported(contentType);
    if (new TextEncoder().encode(body.text).byteLength > limit) throw tooLarge(limit);
    return parseJson(body.text);
  }
  const bytes = await readBytes(request, limit);
  if (bytes.byteLength === 0) return {};
  if (!isJsonType(contentType)) throw unsupported(contentType);
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw malformed('the body is not valid UTF-8');
  }
  return parseJson(text);
}

// One decoder for every body: a whole-buffer decode keeps no state between calls.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message would echo part of the body back; keep the answer generic.
    throw malformed('not valid JSON');
  }
}

/** What a host parser leaves when there was no body: nothing, `''` or an empty object. */
function isEmptyParse(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (value instanceof FormData) return [...value.keys()].length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/**
 * `UNSUPPORTED_MEDIA_TYPE` for a body that is not what the route reads (JSON, unless `expected` says otherwise).
 *
 * @category HTTP
 */
export function unsupported(contentType: string | null, expected = 'an application/json body'): PauzError {
  return new PauzError('UNSUPPORTED_MEDIA_TYPE', `Expected ${expected}, got ${contentType ?? 'no content type'}`);
}

/**
 * `VALIDATION_FAILED` for a body that does not parse.
 *
 * @category HTTP
 */
export function malformed(reason: string): PauzError {
  return new PauzError('VALIDATION_FAILED', `Malformed JSON body: ${reason}`, {
    errors: [{ field: '(body)', message: 'must be valid JSON' }],
  });
}

/** A binary body a host's text parser decoded: the bytes cannot be recovered. */
function decodedAsText(contentType: string | null): Error {
  return hostSetupError(
    `The host app's text body parser (such as express.text({ type: '*/*' })) decoded this ${contentType ?? 'untyped'} body as text, so its bytes are lost. Mount Pauz before that parser or narrow the parser's type.`,
  );
}

/**
 * A request the host's own setup spoiled before Pauz saw it. Not a `PauzError`: the
 * client is not at fault, so it answers 500 and the reason goes to the log, where
 * the host's developers look.
 */
function hostSetupError(message: string): Error {
  return new Error(message);
}

async function* oneChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
