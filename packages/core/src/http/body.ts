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
 * Reads a raw body up to `limit` bytes. Stops reading (and fails with
 * `PAYLOAD_TOO_LARGE`) as soon as the limit is passed, so an oversized upload is
 * never held in memory whole.
 */
export async function readBytes(request: HttpRequest, limit: number): Promise<Uint8Array> {
  const declared = declaredLength(request, limit);
  if (request.body.kind === 'parsed') {
    // A host raw-body parser (express.raw()) already read it.
    const { value } = request.body;
    if (!(value instanceof Uint8Array)) return new Uint8Array(0);
    if (value.byteLength > limit) throw tooLarge(limit);
    return value;
  }
  if (request.body.stream === null) return new Uint8Array(0);
  return collectBytes(request.body.stream, limit, () => tooLarge(limit), declared);
}

/**
 * The JSON body of a request: `{}` when there is none, `UNSUPPORTED_MEDIA_TYPE` for a
 * body that is not declared JSON, `VALIDATION_FAILED` for malformed JSON,
 * `PAYLOAD_TOO_LARGE` past `limit` bytes.
 */
export async function readJson(request: HttpRequest, limit: number): Promise<unknown> {
  const contentType = request.headers.get('content-type');
  if (request.body.kind === 'parsed') {
    // The host's body parser already read it (Express after express.json()).
    declaredLength(request, limit);
    const { value } = request.body;
    if (isJsonType(contentType)) return value ?? {};
    if (value === undefined || value === '' || (typeof value === 'object' && value !== null && Object.keys(value).length === 0)) return {};
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
