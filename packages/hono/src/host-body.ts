import { type HttpRequestBody, hostConsumedBody } from '@pauz/core/adapters';
import type { Context } from 'hono';

// Hono's body cache: each entry a promise (or a value) of what a middleware read.
// `json` and `parsedBody` are the entries of Hono versions before 4.7.
type BodyCache = Partial<Record<'arrayBuffer' | 'blob' | 'text' | 'json' | 'formData' | 'parsedBody', unknown>>;

/**
 * The body of a Hono request as Pauz takes it: the stream while nothing read it,
 * else what a middleware (`c.req.json()`, `text()`, `arrayBuffer()`, `parseBody()`,
 * `hono/validator`, `@hono/zod-validator`) left in Hono's body cache — exact bytes
 * first, then text, then a form or a parsed value.
 */
export async function hostBody(c: Context, readWholeUpTo = 0): Promise<HttpRequestBody> {
  const { raw } = c.req;
  if (!raw.bodyUsed) return unreadBody(c, readWholeUpTo);
  const cache = c.req.bodyCache as BodyCache;
  try {
    if (cache.arrayBuffer !== undefined) return { kind: 'bytes', bytes: new Uint8Array((await cache.arrayBuffer) as ArrayBuffer) };
    if (cache.blob !== undefined) return { kind: 'bytes', bytes: new Uint8Array(await ((await cache.blob) as Blob).arrayBuffer()) };
    if (cache.text !== undefined) return { kind: 'text', text: (await cache.text) as string };
    if (cache.formData !== undefined) return { kind: 'form', form: (await cache.formData) as FormData };
    if (cache.json !== undefined) return { kind: 'parsed', value: await cache.json };
    if (cache.parsedBody !== undefined) return { kind: 'form', form: toForm(await cache.parsedBody) };
  } catch {
    // The cache holds a failed read: what the client sent could not be read. The
    // parser's own message stays out of the answer: it can quote the body back.
    return hostConsumedBody('a middleware read it through c.req and failed', true);
  }
  return hostConsumedBody(
    "a middleware read c.req.raw directly; read it through c.req (json(), text(), arrayBuffer(), parseBody()) so Pauz can take it from Hono's body cache",
  );
}

/**
 * The body of a request nothing read yet, as Pauz takes it:
 *
 * - none for a GET or HEAD, without looking: a Fetch `Request` never carries a body
 *   for them, and looking is not free (on @hono/node-server it builds a whole undici
 *   `Request`).
 * - A body whose declared `Content-Length` is at most `readWholeUpTo` (a JSON body
 *   within Pauz's limit) comes whole from `c.req.arrayBuffer()` when Pauz first
 *   reads it, as a host's `c.req.json()` would: @hono/node-server reads that
 *   straight off the socket, without the `Request` and web stream that `body`
 *   costs. It is still read when Pauz reads it, under Pauz's body timeouts.
 * - Anything bigger or of unknown length: the stream, read as far as the route needs.
 */
function unreadBody(c: Context, readWholeUpTo: number): HttpRequestBody {
  const { raw } = c.req;
  if (raw.method === 'GET' || raw.method === 'HEAD') return { kind: 'stream', stream: null };
  const length = raw.headers.get('content-length');
  if (length !== null && /^\d{1,15}$/.test(length) && Number(length) <= readWholeUpTo && !raw.headers.has('transfer-encoding')) {
    return { kind: 'stream', stream: wholeBody(() => c.req.arrayBuffer()) };
  }
  return { kind: 'stream', stream: raw.body };
}

/**
 * A body of one chunk, read by `read` when it is first asked for. A class, not an
 * object literal with a computed key: V8 keeps such literals, and what they point
 * at, until a full collection.
 */
class WholeBody implements AsyncIterable<Uint8Array> {
  constructor(readonly read: () => Promise<ArrayBuffer>) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    yield new Uint8Array(await this.read());
  }
}

function wholeBody(read: () => Promise<ArrayBuffer>): AsyncIterable<Uint8Array> {
  return new WholeBody(read);
}

/** An old `parseBody()` result (`{field: string | File | (string | File)[]}`) as a form. */
function toForm(parsed: unknown): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries((parsed ?? {}) as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') form.append(name, item);
      else if (item instanceof Blob) form.append(name, item);
    }
  }
  return form;
}
