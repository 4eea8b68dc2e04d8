import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { PauzError } from '../errors.js';

/** One file of a zip being written: its name, whether to compress it, and its bytes as they come. */
export interface ZipEntrySource {
  /** Path inside the archive, `/`-separated. */
  name: string;
  /** `deflate` for text, `store` for what is compressed already (audio). */
  method: 'deflate' | 'store';
  /** When the file last changed (the entry's DOS time stamp). */
  modified: Date;
  /** The file's content, pulled one chunk at a time. */
  chunks: AsyncIterable<Uint8Array>;
}

/**
 * What a plain (not zip64) archive can hold, and what fflate writes: 65,535 entries,
 * offsets and sizes under 4 GiB. Past either the archive would be corrupt, so writing
 * stops with an error instead.
 */
const MAX_ENTRIES = 0xffff;
const MAX_ARCHIVE_BYTES = 0xffffffff - 64 * 1024 * 1024;

/**
 * The zip of `entries`, produced as it is read: an entry is pulled from `entries`
 * (and its chunks from their source) only when the reader wants more bytes, so memory
 * holds one chunk at a time whatever the archive's size. Cancelling the stream stops
 * `entries` (its generator's `finally` runs) and aborts `abort`, for the reads it started.
 */
export function zipStream(entries: AsyncIterable<ZipEntrySource>, abort: AbortController): ReadableStream<Uint8Array> {
  const chunks = zipChunks(entries)[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done === true) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          abort.abort(error);
          controller.error(error);
        }
      },
      async cancel(reason) {
        abort.abort(reason ?? new Error('the export was cancelled'));
        await chunks.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

async function* zipChunks(entries: AsyncIterable<ZipEntrySource>): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error !== null) failure = error;
    else if (data.byteLength > 0) out.push(data);
  });
  let written = 0;
  let count = 0;
  function* flush(): Generator<Uint8Array> {
    if (failure !== null) throw failure;
    while (out.length > 0) {
      const chunk = out.shift() as Uint8Array;
      written += chunk.byteLength;
      if (written > MAX_ARCHIVE_BYTES) {
        throw new PauzError('PAYLOAD_TOO_LARGE', 'The export is larger than a zip without zip64 can hold (4 GiB)');
      }
      yield chunk;
    }
  }
  for await (const entry of entries) {
    count++;
    if (count > MAX_ENTRIES) throw new PauzError('PAYLOAD_TOO_LARGE', `The export has more files than a zip without zip64 can hold (${MAX_ENTRIES})`);
    const file = entry.method === 'store' ? new ZipPassThrough(entry.name) : new ZipDeflate(entry.name, { level: 6 });
    file.mtime = entry.modified;
    zip.add(file);
    for await (const chunk of entry.chunks) {
      if (chunk.byteLength === 0) continue;
      file.push(chunk, false);
      yield* flush();
    }
    file.push(new Uint8Array(0), true);
    yield* flush();
  }
  zip.end();
  yield* flush();
}
