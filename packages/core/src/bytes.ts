/**
 * Reads a byte stream (a Web `ReadableStream` or any async iterable, such as a Node
 * request) to its end, failing with `tooLarge()` as soon as more than `limit` bytes
 * arrived — so an oversized body is never held whole.
 */
export async function collectBytes(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  limit = Number.POSITIVE_INFINITY,
  tooLarge: () => Error = () => new RangeError(`more than ${limit} bytes`),
  expectedLength?: number,
): Promise<Uint8Array<ArrayBuffer>> {
  // With a known length (Content-Length) the bytes land in one buffer: no second copy.
  let buffer = expectedLength !== undefined && expectedLength >= 0 && expectedLength <= limit ? new Uint8Array(expectedLength) : null;
  let chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of byteChunks(source)) {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('the body stream must yield Uint8Array chunks');
    const start = size;
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    if (buffer !== null && size <= buffer.length) {
      buffer.set(chunk, start);
    } else {
      if (buffer !== null) {
        chunks = [buffer.subarray(0, start)];
        buffer = null;
      }
      chunks.push(chunk);
    }
  }
  if (buffer !== null) return size === buffer.length ? buffer : buffer.slice(0, size);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The chunks of a Web stream or an async iterable (a Node request), alike. */
export function byteChunks(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  return Symbol.asyncIterator in source ? (source as AsyncIterable<Uint8Array>) : iterate(source as ReadableStream<Uint8Array>);
}

/**
 * A Web stream of `source` that errors as soon as more than `limit` bytes went
 * through; `exceeded()` tells afterwards whether that was why it failed.
 */
export function limitedStream(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  limit: number,
): { stream: ReadableStream<Uint8Array>; exceeded(): boolean } {
  const iterator = byteChunks(source)[Symbol.asyncIterator]();
  let size = 0;
  let over = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) {
        controller.close();
        return;
      }
      size += value.byteLength;
      if (size > limit) {
        over = true;
        controller.error(new RangeError(`more than ${limit} bytes`));
        await iterator.return?.();
        return;
      }
      controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return { stream, exceeded: () => over };
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
