import { byteChunks } from '../bytes.js';
import { PauzError } from '../errors.js';
import { announcesBody, isHostConsumed } from './body.js';
import type { HttpRequestBody } from './types.js';

/**
 * How much of a request body Pauz reads and discards after answering without
 * having read it all (an early 401/404/413…), so the client can finish sending and
 * read the answer, and the connection stays usable.
 *
 * @category HTTP
 */
export interface DrainLimits {
  /**
   * Bytes read past what the route used.
   *
   * @defaultValue `DEFAULT_DRAIN_BYTES` (64 MiB)
   */
  maxBytes?: number;
  /**
   * Time spent on it, in milliseconds.
   *
   * @defaultValue `DEFAULT_DRAIN_TIMEOUT_MS` (30 s)
   */
  timeoutMs?: number;
}

/**
 * 64 MiB: more than twice the 25 MB audio cap, so an ordinary over-the-cap
 * recording is drained whole and its sender reads the 413, while reading past it
 * costs only time (every chunk is dropped). The same bound @hono/node-server uses.
 *
 * @category HTTP
 */
export const DEFAULT_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * 30 s: a 64 MiB body at ~17 Mbit/s; slower senders are cut off rather than waited for.
 *
 * @category HTTP
 */
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

/**
 * How long Pauz waits for a request body: a client that stops sending (a slow drip)
 * is answered `REQUEST_TIMEOUT` (408, `connection: close`) instead of holding the
 * request, its memory and a connection open.
 *
 * @category HTTP
 */
export interface BodyTimeouts {
  /**
   * Longest wait for the next chunk, in milliseconds.
   *
   * @defaultValue `DEFAULT_BODY_IDLE_MS` (30 s)
   */
  idleMs?: number;
  /**
   * Longest time for the whole body, in milliseconds, from when the route starts reading.
   *
   * @defaultValue `DEFAULT_BODY_TOTAL_MS` (5 minutes)
   */
  totalMs?: number;
}

/**
 * 30 s without a byte: far past any pause of a live client, mobile ones included.
 *
 * @category HTTP
 */
export const DEFAULT_BODY_IDLE_MS = 30_000;
/**
 * 5 minutes: a 25 MB recording at under 1 Mbit/s; Node's own `requestTimeout` default.
 *
 * @category HTTP
 */
export const DEFAULT_BODY_TOTAL_MS = 300_000;

/**
 * The readers of a {@link DrainableBody}: each gets an iterator whose `return()`
 * leaves the source open. Classes, not object literals with computed keys: V8 keeps
 * such literals, and what they point at, until a full collection.
 */
class SharedReads implements AsyncIterable<Uint8Array> {
  constructor(readonly next: () => Promise<IteratorResult<Uint8Array>>) {}

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return new SharedReader(this.next);
  }
}

class SharedReader implements AsyncIterator<Uint8Array> {
  constructor(readonly next: () => Promise<IteratorResult<Uint8Array>>) {}

  async return(): Promise<IteratorResult<Uint8Array>> {
    return { done: true, value: undefined };
  }
}

/**
 * A stream body that several readers share, none of which can close it: a route
 * reading part of it (stopping at a size cap) leaves the rest on the wire, and
 * {@link DrainableBody.drain} reads that rest afterwards. Closing a Node request
 * early would destroy its socket and reset the client mid-upload.
 */
export class DrainableBody {
  readonly body: HttpRequestBody;
  #source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
  #iterator: AsyncIterator<Uint8Array> | undefined;
  #ended = false;
  readonly #idleMs: number;
  readonly #totalMs: number;
  #deadline: number | undefined;
  /** Set once the client stalled: every later read fails with it, and nothing is drained. */
  #stalled: PauzError | undefined;

  private constructor(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, timeouts: BodyTimeouts) {
    this.#source = source;
    this.#idleMs = timeouts.idleMs ?? DEFAULT_BODY_IDLE_MS;
    this.#totalMs = timeouts.totalMs ?? DEFAULT_BODY_TOTAL_MS;
    this.body = { kind: 'stream', stream: new SharedReads(() => this.#next()) };
  }

  /**
   * Wraps a body that is still on the wire; `undefined` when there is nothing to
   * drain (a host already read it, or the headers announce no body).
   */
  static of(body: HttpRequestBody, headers: Headers, timeouts: BodyTimeouts = {}): DrainableBody | undefined {
    if (body.kind !== 'stream' || body.stream === null || isHostConsumed(body.stream) || !announcesBody(headers)) return undefined;
    return new DrainableBody(body.stream, timeouts);
  }

  /** True once a read timed out: the client stopped sending, the connection must close. */
  get stalled(): boolean {
    return this.#stalled !== undefined;
  }

  async #next(): Promise<IteratorResult<Uint8Array>> {
    if (this.#ended) return { done: true, value: undefined };
    if (this.#stalled !== undefined) throw this.#stalled;
    this.#iterator ??= byteChunks(this.#source)[Symbol.asyncIterator]();
    this.#deadline ??= Date.now() + this.#totalMs;
    const left = this.#deadline - Date.now();
    const idle = this.#idleMs <= left;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.#stalled = new PauzError(
          'REQUEST_TIMEOUT',
          idle ? `The request body stalled: no data for ${this.#idleMs} ms` : `The request body took longer than ${this.#totalMs} ms`,
        );
        reject(this.#stalled);
      }, Math.max(0, idle ? this.#idleMs : left));
    });
    try {
      const result = await Promise.race([this.#iterator.next(), timedOut]);
      if (result.done === true) this.#ended = true;
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Reads and drops what is left of the body, within `limits`. True when the body
   * was read to its end (the connection can be reused); false when a bound was hit
   * or the stream failed (the answer must close the connection).
   */
  async drain(limits: DrainLimits = {}): Promise<boolean> {
    if (this.#ended) return true;
    if (this.#stalled !== undefined) return false;
    const maxBytes = limits.maxBytes ?? DEFAULT_DRAIN_BYTES;
    const timeoutMs = limits.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => {
        stopped = true;
        resolve(false);
      }, timeoutMs);
    });
    const read = (async (): Promise<boolean> => {
      let dropped = 0;
      while (!stopped) {
        const { done, value } = await this.#next();
        if (done === true) return true;
        dropped += value.byteLength;
        if (dropped > maxBytes) return false;
      }
      return false;
    })().catch(() => false);
    try {
      return await Promise.race([read, timedOut]);
    } finally {
      stopped = true;
      clearTimeout(timer);
    }
  }
}
