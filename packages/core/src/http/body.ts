import { collectBytes } from '../bytes.js';
import { PauzError } from '../errors.js';
import type { HttpRequest } from './types.js';

/** True for `application/json` and `application/*+json` media types. */
export function isJsonType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const media = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || (media.startsWith('application/') && media.endsWith('+json'));
}

/** `PAYLOAD_TOO_LARGE` for a body over `limit` bytes. */
export function tooLarge(limit: number): PauzError {
  return new PauzError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes`);
}

/**
 * The body's declared `Content-Length`, if any; `PAYLOAD_TOO_LARGE` at once when it
 * is over `limit`, before a byte is read.
 */
export function declaredLength(request: HttpRequest, limit: number): number | undefined {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (!Number.isFinite(declared)) return undefined;
  if (declared > limit) throw tooLarge(limit);
  return declared;
}

/**
 * Reads a raw body up to `limit` bytes, whoever read it first: the bytes of a host's
 * raw-body parser, the UTF-8 of a host's text parser, or the stream itself. Stops
 * reading (and fails with `PAYLOAD_TOO_LARGE`) as soon as the limit is passed, so an
 * oversized upload is never held in memory whole.
 */
export async function readBytes(request: HttpRequest, limit: number): Promise<Uint8Array> {
  const declared = declaredLength(request, limit);
  const { body } = request;
  switch (body.kind) {
    case 'stream':
      if (body.stream === null) return new Uint8Array(0);
      return collectBytes(body.stream, limit, () => tooLarge(limit), declared);
    case 'bytes':
      if (body.bytes.byteLength > limit) throw tooLarge(limit);
      return body.bytes;
    case 'text': {
      const bytes = new TextEncoder().encode(body.text);
      if (bytes.byteLength > limit) throw tooLarge(limit);
      return bytes;
    }
    case 'parsed':
    case 'form':
      throw new PauzError(
        'UNSUPPORTED_MEDIA_TYPE',
        `The host's body parser already read this ${request.headers.get('content-type') ?? 'untyped'} body as ${body.kind === 'form' ? 'a form' : 'a parsed value'}; its bytes are gone`,
      );
  }
}

/**
 * The JSON body of a request: `{}` when there is none, `UNSUPPORTED_MEDIA_TYPE` for a
 * body that is not declared JSON, `VALIDATION_FAILED` for malformed JSON,
 * `PAYLOAD_TOO_LARGE` past `limit` bytes. A value a host's JSON parser produced is
 * taken as it is.
 */
export async function readJson(request: HttpRequest, limit: number): Promise<unknown> {
  const contentType = request.headers.get('content-type');
  const { body } = request;
  if (body.kind === 'parsed' || body.kind === 'form') {
    declaredLength(request, limit);
    const value = body.kind === 'parsed' ? body.value : body.form;
    if (body.kind === 'parsed' && isJsonType(contentType)) return value ?? {};
    if (isEmptyParse(value)) return {};
    throw unsupported(contentType);
  }
  const bytes = await readBytes(request, limit);
  if (bytes.byteLength === 0) return {};
  if (!isJsonType(contentType)) throw unsupported(contentType);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw malformed('the body is not valid UTF-8');
  }
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

/** `UNSUPPORTED_MEDIA_TYPE` for a body that is not JSON. */
export function unsupported(contentType: string | null): PauzError {
  return new PauzError('UNSUPPORTED_MEDIA_TYPE', `Expected an application/json body, got ${contentType ?? 'no content type'}`);
}

/** `VALIDATION_FAILED` for a body that does not parse. */
export function malformed(reason: string): PauzError {
  return new PauzError('VALIDATION_FAILED', `Malformed JSON body: ${reason}`, {
    errors: [{ field: '(body)', message: 'must be valid JSON' }],
  });
}
