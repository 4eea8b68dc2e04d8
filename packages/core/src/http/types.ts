/**
 * A request body as a framework adapter hands it to Pauz: still unread, or whatever
 * the host's own middleware already made of it. Pauz never re-reads a stream a host
 * drained; it takes the host's result instead.
 *
 * @category HTTP
 */
export type HttpRequestBody =
  /** The raw bytes, not read yet (Hono, plain Node, Express without a body parser). */
  | { kind: 'stream'; stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null }
  /** The whole body as bytes, read by the host (`express.raw()`, Hono's body cache). */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** The whole body decoded as text by the host (`express.text()`). */
  | { kind: 'text'; text: string }
  /** A value the host parsed (`express.json()`, `express.urlencoded()`, a Hono JSON validator). */
  | { kind: 'parsed'; value: unknown }
  /** A form the host parsed, files included (multer, Hono's `parseBody()`). */
  | { kind: 'form'; form: FormData };

/**
 * A framework-neutral HTTP request, relative to where Pauz is mounted.
 *
 * @category HTTP
 */
export interface HttpRequest<Raw = unknown> {
  method: string;
  /** Path below the mount point, starting with `/` (for example `/freejournal/abc`). */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: HttpRequestBody;
  /** The framework's own request object, handed to `resolveUser`. */
  raw: Raw;
  /**
   * Aborted when the client goes away (a fetch `Request.signal`; Express: the response
   * closed before it finished). Pauz passes it to every upstream call it makes.
   */
  signal?: AbortSignal;
  /**
   * The peer address of the connection, as the adapter sees it (`@pauz/hono` on Node,
   * `@pauz/express`: the socket's `remoteAddress`). Behind a proxy this is the
   * proxy's address: see the HTTP option `clientAddress`.
   */
  remoteAddress?: string;
}

/**
 * A framework-neutral HTTP response.
 *
 * @category HTTP
 */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
}

export { consoleLogger, type PauzLogger } from '../logger.js';
