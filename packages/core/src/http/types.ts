/** A request body as a framework adapter hands it to Pauz. */
export type HttpRequestBody =
  /** The raw bytes, not read yet (Hono, plain Node, Express without a body parser). */
  | { kind: 'stream'; stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null }
  /** JSON already parsed by the host (Express after `express.json()`). */
  | { kind: 'parsed'; value: unknown };

/** A framework-neutral HTTP request, relative to where Pauz is mounted. */
export interface HttpRequest<Raw = unknown> {
  method: string;
  /** Path below the mount point, starting with `/` (for example `/freejournal/abc`). */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: HttpRequestBody;
  /** The framework's own request object, handed to `resolveUser`. */
  raw: Raw;
}

/** A framework-neutral HTTP response. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
}

export { consoleLogger, type PauzLogger } from '../logger.js';
