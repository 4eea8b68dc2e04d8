import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { ByteCollector, byteChunks } from '../bytes.js';
import { isPauzError, PauzError } from '../errors.js';
import { throwIfAborted } from '../upstream.js';

/** The limits an archive is read under; every one is enforced while the bytes stream in. */
export interface ArchiveLimits {
  /** Bytes of the archive itself. */
  archiveBytes: number;
  /** Bytes all entries expand to. */
  expandedBytes: number;
  /** Bytes one entry expands to. */
  entryBytes: number;
  /** Entries (files and folders). */
  entries: number;
}

/** A complete entry of the archive, as {@link readArchive} yields it. */
export interface ArchiveEntry {
  /** Its path, checked: relative, `/`-separated, no `..`. */
  name: string;
  /** Its expanded bytes. */
  bytes: Uint8Array;
}

/**
 * What to do with an entry: keep at most this many bytes of it (more is
 * `PAYLOAD_TOO_LARGE`), or `false` to read past it (its expansion still counts).
 */
export type EntryPolicy = (name: string) => number | false;

/** Input slices pushed to the inflater at a time: deflate expands at most ~1032×, so one push makes at most ~16 MiB. */
const SLICE = 16 * 1024;
/** The end-of-central-directory record is in the last 22 bytes plus at most a 64 KiB comment. */
const TAIL = 22 + 0xffff;

/** `VALIDATION_FAILED` naming what is wrong with the archive. */
export function badArchive(reason: string): PauzError {
  return new PauzError('VALIDATION_FAILED', `The archive cannot be imported: ${reason}`, { errors: [{ field: '(body)', message: reason }] });
}

/**
 * Refuses a path that could leave the place it is unpacked to, or that means
 * something else elsewhere: absolute (`/x`, `C:…`), with a backslash, with a `..` or
 * `.` segment, empty segments, or control characters.
 */
export function checkEntryName(name: string): void {
  const bad = (why: string) => badArchive(`the entry ${JSON.stringify(name.slice(0, 200))} ${why}`);
  if (name === '' || name.length > 1024) throw bad('has no usable name');
  if (name.includes('\\')) throw bad('has a backslash in its path');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw bad('has an absolute path');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw bad('has a control character in its path');
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..' || s === '.')) throw bad('has a relative segment (.. or .) in its path');
  if (segments.some((s) => s === '')) throw bad('has an empty segment in its path');
}

function endOfDirectory(tail: Uint8Array): { entries: number } | null {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      const commentLength = (tail[i + 20] as number) | ((tail[i + 21] as number) << 8);
      if (i + 22 + commentLength === tail.length) return { entries: (tail[i + 10] as number) | ((tail[i + 11] as number) << 8) };
    }
  }
  return null;
}

interface Pending {
  name: string;
  keep: ByteCollector | null;
  expanded: number;
  done: boolean;
}

/**
 * Reads a zip as it streams in and yields each complete entry that `policy` keeps,
 * in archive order. The caller's work on an entry (a bucket put) happens before more
 * of the archive is read. Every limit is enforced as bytes arrive: the archive's size,
 * each entry's and the total expansion (a zip bomb stops within one 16 KiB slice of
 * input), the number of entries; paths are checked before an entry's bytes are read.
 * A truncated or corrupt archive (no end-of-central-directory record, an entry cut
 * short, entry counts that disagree, a deflate error) is `VALIDATION_FAILED`; a limit
 * passed is `PAYLOAD_TOO_LARGE`.
 */
export async function* readArchive(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  limits: ArchiveLimits,
  policy: EntryPolicy,
  signal?: AbortSignal,
): AsyncGenerator<ArchiveEntry> {
  const ready: ArchiveEntry[] = [];
  const files: Pending[] = [];
  let expandedTotal = 0;
  let failure: unknown = null;
  const unzip = new Unzip((file: UnzipFile) => {
    if (files.length + 1 > limits.entries) throw new PauzError('PAYLOAD_TOO_LARGE', `The archive has more than ${limits.entries} entries`);
    checkEntryName(file.name);
    const directory = file.name.endsWith('/');
    const keepUpTo = directory ? false : policy(file.name);
    const limit = keepUpTo === false ? limits.entryBytes : Math.min(keepUpTo, limits.entryBytes);
    const pending: Pending = { name: file.name, keep: keepUpTo === false ? null : new ByteCollector(limit, () => entryTooLarge(file.name, limit)), expanded: 0, done: false };
    files.push(pending);
    file.ondata = (error, data, final) => {
      try {
        if (error !== null) throw badArchive(`the entry ${JSON.stringify(file.name)} is corrupt (${error.message})`);
        pending.expanded += data.byteLength;
        expandedTotal += data.byteLength;
        if (pending.expanded > limit) throw entryTooLarge(file.name, limit);
        if (expandedTotal > limits.expandedBytes) throw new PauzError('PAYLOAD_TOO_LARGE', `The archive expands to more than ${limits.expandedBytes} bytes`);
        pending.keep?.push(data);
        if (final) {
          pending.done = true;
          if (pending.keep !== null) ready.push({ name: file.name, bytes: pending.keep.bytes() });
          pending.keep = null;
        }
      } catch (thrown) {
        failure ??= thrown;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  let read = 0;
  let tail: Uint8Array = new Uint8Array(0);
  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      unzip.push(chunk, final);
    } catch (error) {
      failure ??= error;
    }
    if (failure !== null) throw asArchiveError(failure);
  };
  for await (const chunk of byteChunks(source)) {
    throwIfAborted(signal, 'The import');
    if (read < 4) {
      // A zip starts with a local file header (or, empty, with the end of its directory): anything else is refused at once.
      const head = [...tail.subarray(0, read), ...chunk.subarray(0, 4 - read)];
      const pk = head.slice(0, 2).every((byte, i) => byte === [0x50, 0x4b][i]);
      const kind = head.length < 4 || (head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6);
      if (!pk || !kind) throw badArchive('it is not a zip archive');
    }
    read += chunk.byteLength;
    if (read > limits.archiveBytes) throw new PauzError('PAYLOAD_TOO_LARGE', `The archive is larger than ${limits.archiveBytes} bytes`);
    tail = keepTail(tail, chunk);
    for (let at = 0; at < chunk.byteLength; at += SLICE) {
      push(chunk.subarray(at, Math.min(at + SLICE, chunk.byteLength)), false);
      while (ready.length > 0) yield ready.shift() as ArchiveEntry;
    }
  }
  push(new Uint8Array(0), true);
  while (ready.length > 0) yield ready.shift() as ArchiveEntry;
  if (read === 0) throw badArchive('the body is empty');
  const end = endOfDirectory(tail);
  if (end === null) throw badArchive('it is not a zip, or it is truncated (no end of central directory)');
  const unfinished = files.find((f) => !f.done);
  if (unfinished !== undefined) throw badArchive(`the entry ${JSON.stringify(unfinished.name)} is truncated`);
  if (end.entries !== 0xffff && end.entries !== files.length) {
    throw badArchive(`its directory lists ${end.entries} entries, the archive holds ${files.length}`);
  }
}

function keepTail(tail: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength >= TAIL) return chunk.slice(chunk.byteLength - TAIL);
  const joined = new Uint8Array(Math.min(TAIL, tail.byteLength + chunk.byteLength));
  const fromTail = joined.byteLength - chunk.byteLength;
  joined.set(tail.subarray(tail.byteLength - fromTail), 0);
  joined.set(chunk, fromTail);
  return joined;
}

function entryTooLarge(name: string, limit: number): PauzError {
  return new PauzError('PAYLOAD_TOO_LARGE', `The entry ${JSON.stringify(name.slice(0, 200))} expands to more than ${limit} bytes`);
}

function asArchiveError(error: unknown): PauzError {
  if (isPauzError(error)) return error;
  return badArchive(`it is corrupt (${error instanceof Error ? error.message : String(error)})`);
}
