/** Space past the end a collected buffer may keep rather than be copied to its size. */
const SLACK = 64 * 1024;
/** The first slab of a body of unknown length; slabs double up to {@link MAX_SLAB}. */
const FIRST_SLAB = 16 * 1024;
const MAX_SLAB = 1024 * 1024;

/**
 * Gathers the chunks of a body into one buffer, copying each chunk once as it
 * arrives so that no chunk outlives its turn: with a known length straight into one
 * buffer of that size, else into slabs (16 KiB doubling to 1 MiB) joined at the end.
 * A body that arrives as a single chunk is kept as it is, uncopied. Fails with
 * `tooLarge()` as soon as more than `limit` bytes were pushed.
 *
 * A stream can yield a million one-byte chunks; holding on to each (as a list of
 * views) would cost far more than the bytes, so chunks are never retained.
 */
export class ByteCollector {
  readonly #limit: number;
  readonly #tooLarge: () => Error;
  readonly #expected: number | undefined;
  #size = 0;
  /** The only chunk so far, not copied yet. */
  #single: Uint8Array<ArrayBuffer> | null = null;
  /** One buffer of the expected length, filled up to `#size`. */
  #buffer: Uint8Array<ArrayBuffer> | null = null;
  /** Filled slabs and the current one, of which `#slabUsed` bytes are filled. */
  #slabs: Uint8Array<ArrayBuffer>[] = [];
  #slabUsed = 0;

  constructor(limit = Number.POSITIVE_INFINITY, tooLarge: () => Error = () => new RangeError(`more than ${limit} bytes`), expectedLength?: number) {
    this.#limit = limit;
    this.#tooLarge = tooLarge;
    this.#expected = expectedLength !== undefined && expectedLength > 0 && expectedLength <= limit ? expectedLength : undefined;
  }

  /** Bytes pushed so far. */
  get size(): number {
    return this.#size;
  }

  /** Adds a chunk; throws `tooLarge()` when the total passes the limit. */
  push(chunk: Uint8Array): void {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('the body stream must yield Uint8Array chunks');
    if (chunk.byteLength === 0) return;
    const start = this.#size;
    if (start + chunk.byteLength > this.#limit) throw this.#tooLarge();
    this.#size += chunk.byteLength;
    if (start === 0 && chunk.buffer instanceof ArrayBuffer) {
      this.#single = chunk as Uint8Array<ArrayBuffer>;
      return;
    }
    if (this.#single !== null) {
      const single = this.#single;
      this.#single = null;
      this.#copy(single, 0);
    }
    this.#copy(chunk, start);
  }

  /** Everything pushed, as one buffer (the single chunk itself when there was only one). */
  bytes(): Uint8Array<ArrayBuffer> {
    const size = this.#size;
    if (this.#single !== null) return this.#single;
    if (this.#buffer !== null) return this.#trimmed(this.#buffer);
    if (this.#slabs.length === 1) return this.#trimmed(this.#slabs[0] as Uint8Array<ArrayBuffer>);
    const out = new Uint8Array(size);
    let offset = 0;
    this.#slabs.forEach((slab, i) => {
      const filled = i === this.#slabs.length - 1 ? slab.subarray(0, this.#slabUsed) : slab;
      out.set(filled, offset);
      offset += filled.byteLength;
    });
    return out;
  }

  #trimmed(buffer: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
    const size = this.#size;
    if (buffer.byteLength === size) return buffer;
    return buffer.byteLength - size <= SLACK ? buffer.subarray(0, size) : buffer.slice(0, size);
  }

  #copy(chunk: Uint8Array, at: number): void {
    if (this.#buffer === null && this.#slabs.length === 0 && this.#expected !== undefined && at + chunk.byteLength <= this.#expected) {
      this.#buffer = new Uint8Array(this.#expected);
    }
    if (this.#buffer !== null) {
      if (at + chunk.byteLength <= this.#buffer.byteLength) {
        this.#buffer.set(chunk, at);
        return;
      }
      // Longer than announced: what is filled becomes the first slab.
      this.#slabs.push(this.#buffer.subarray(0, at));
      this.#slabUsed = at;
      this.#buffer = null;
    }
    let offset = 0;
    while (offset < chunk.byteLength) {
      let slab = this.#slabs.at(-1);
      if (slab === undefined || this.#slabUsed === slab.byteLength) {
        slab = new Uint8Array(Math.min(MAX_SLAB, Math.max(FIRST_SLAB, 2 * (slab?.byteLength ?? 0))));
        this.#slabs.push(slab);
        this.#slabUsed = 0;
      }
      const n = Math.min(slab.byteLength - this.#slabUsed, chunk.byteLength - offset);
      slab.set(chunk.subarray(offset, offset + n), this.#slabUsed);
      this.#slabUsed += n;
      offset += n;
    }
  }
}

/**
 * Reads a byte stream (a Web `ReadableStream` or any async iterable, such as a Node
 * request) to its end, failing with `tooLarge()` as soon as more than `limit` bytes
 * arrived — so an oversized body is never held whole. With `expectedLength` (a
 * Content-Length) the bytes land in one buffer of that size; see {@link ByteCollector}.
 */
export async function collectBytes(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  limit = Number.POSITIVE_INFINITY,
  tooLarge: () => Error = () => new RangeError(`more than ${limit} bytes`),
  expectedLength?: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const collector = new ByteCollector(limit, tooLarge, expectedLength);
  for await (const chunk of byteChunks(source)) collector.push(chunk);
  return collector.bytes();
}

/** The chunks of a Web stream or an async iterable (a Node request), alike. */
export function byteChunks(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  return Symbol.asyncIterator in source ? (source as AsyncIterable<Uint8Array>) : iterate(source as ReadableStream<Uint8Array>);
}

async function* iterate(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
