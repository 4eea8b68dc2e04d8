/**
 * Reads a byte stream (a Web `ReadableStream` or any async iterable, such as a Node
 * request) to its end, failing with `tooLarge()` as soon as more than `limit` bytes
 * arrived — so an oversized body is never held whole.
 */
export async function collectBytes(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  limit = Number.POSITIVE_INFINITY,
  tooLarge: () => Error = () => new RangeError(`more than ${limit} bytes`),
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const iterable = Symbol.asyncIterator in source ? (source as AsyncIterable<Uint8Array>) : iterate(source as ReadableStream<Uint8Array>);
  for await (const chunk of iterable) {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('the body stream must yield Uint8Array chunks');
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
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
