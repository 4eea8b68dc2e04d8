/**
 * A request body as a framework adapter hands it to Pauz: still unread, or whatever
 * the host's own middleware already made of it. Pauz never re-reads a stream a host
 * drained; it takes the host's result instead.
 *
 * @category HTTP
 */
export type HttpRequestBody =
  /** The raw bytes, not read yet (Hono, plain Node, Express without a body parser). */
  | {
      /** Marks the unread body. */
      kind: 'stream';
      /** The body's bytes as they arrive; `null` when the request has no body. */
      stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
    }
  /** The whole body as bytes, read by the host (`express.raw()`, Hono's body cache). */
  | {
      /** Marks a body the host read as bytes. */
      kind: 'bytes';
      /** The complete body. */
      bytes: Uint8Array;
    }
  /** The whole body decoded as text by the host (`express.text()`). */
  | {
      /** Marks a body the host decoded as text. */
      kind: 'text';
      /** The complete body, decoded. */
      text: string;
    }
  /** A value the host parsed (`express.json()`, `express.urlencoded()`, a Hono JSON validator). */
  | {
      /** Marks a body the host parsed. */
      kind: 'parsed';
      /** What the host's parser produced. */
      value: unknown;
    }
  /** A form the host parsed, files included (multer, Hono's `parseBody()`). */
  | {
      /** Marks a form the host parsed. */
      kind: 'form';
      /** The parsed form. */
      form: FormData;
    };

/**
 * A framework-neutral HTTP request, relative to where Pauz is mounted.
 *
 * @category HTTP
 */
export interface HttpRequest<Raw = unknown> {
  /** The HTTP method, for example `GET`. */
  method: string;
  /** Path below the mount point, starting with `/` (for example `/freejournal/abc`). */
  path: string;
  /** The query string, parsed. */
  query: URLSearchParams;
  /** The request headers. */
  headers: Headers;
  /** The body, unread or as the host already read it. */
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
  /** The HTTP status code. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /**
   * The body: JSON or problem+json text, bytes (PDFs, audio), a stream (an account
   * export, produced while it is sent: write each chunk as it comes, and cancel the
   * stream when the client goes away), or `null` for none. A stream carries no
   * `content-length`.
   */
  body: string | Uint8Array | ReadableStream<Uint8Array> | null;
}

export { consoleLogger, type PauzLogger } from '../logger.js';
