import * as Multipasta from 'multipasta';
import { ByteCollector, byteChunks } from '../bytes.js';
import { PauzError } from '../errors.js';
import type { RecordingUpload } from '../recordings/recordings.js';

/** Limits of {@link readMultipartAudio}. */
export interface MultipartAudioLimits {
  /** Most bytes of the `audio` file. */
  maxAudioBytes: number;
  /** Most bytes of the whole body: the audio plus boundaries, part headers and other fields. */
  maxBodyBytes: number;
  /** Most parts in the form. */
  maxParts: number;
  /** The body's Content-Length, when declared: the audio is collected into one buffer of about that size. */
  expectedLength?: number | undefined;
}

const DASH = 0x2d;
// Quoted-string or token parameters of a Content-Disposition, in any script (RFC 7578
// senders put UTF-8 file names in quoted strings as they are).
const PARAMETER = /;\s*([!#$%&'*+.^\w`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/gy;

/**
 * Reads a `multipart/form-data` body as it streams in, keeping only the first part
 * named `audio` that is a file, copied into one buffer as its bytes arrive; every
 * other part is parsed past and dropped, never buffered. Reading stops with
 * `PAYLOAD_TOO_LARGE` as soon as the body passes `maxBodyBytes`, the audio passes
 * `maxAudioBytes` or the form has more than `maxParts` parts (part headers are
 * bounded by the parser: 16 KiB and 100 lines each). A form without an `audio` file
 * is `VALIDATION_FAILED` on the field `audio`; a body that does not parse is
 * `VALIDATION_FAILED` "Malformed multipart body".
 *
 * The framing is multipasta's (runtime-neutral, streaming per part, headers before
 * content); the Content-Disposition is read here, since multipasta drops the name of
 * a part whose file name is outside Latin-1.
 */
export async function readMultipartAudio(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  contentType: string,
  limits: MultipartAudioLimits,
): Promise<RecordingUpload> {
  const { maxAudioBytes, maxBodyBytes, maxParts } = limits;
  let failure: PauzError | null = null;
  let done = false;
  let audioSeen = false;
  let audio: { bytes: ByteCollector; contentType: string | null } | null = null;
  const ignore = (): void => {};

  const parser = Multipasta.make({
    headers: { 'content-type': contentType },
    // Every part goes through onFile, so none is buffered as a field.
    isFile: () => true,
    maxParts,
    onField: ignore,
    onFile(info) {
      const disposition = formDataDisposition(info.headers['content-disposition']);
      if (disposition === null) {
        failure ??= malformedMultipart();
        return ignore;
      }
      if (disposition.name !== 'audio' || audioSeen) return ignore;
      audioSeen = true;
      // A text field named `audio` is not a file: "must be a file", as for no field at all.
      if (!disposition.isFile) return ignore;
      const expected = limits.expectedLength === undefined ? undefined : Math.min(limits.expectedLength, maxAudioBytes);
      const bytes = new ByteCollector(maxAudioBytes, () => recordingTooLarge(maxAudioBytes), expected);
      audio = { bytes, contentType: firstValue(info.headers['content-type'])?.trim() || null };
      return (chunk) => {
        if (chunk !== null) bytes.push(chunk);
      };
    },
    onError(error) {
      failure ??= parseFailure(error, maxParts);
    },
    onDone() {
      done = true;
    },
  });

  const write = feeder(parser, contentType);
  let read = 0;
  for await (const chunk of byteChunks(source)) {
    read += chunk.byteLength;
    // Past the recording's cap with room for the form around it: the recording is too large.
    if (read > maxBodyBytes) throw recordingTooLarge(maxAudioBytes);
    // After the close delimiter comes the epilogue, which means nothing: read past it.
    if (done || chunk.byteLength === 0) continue;
    write(chunk);
    if (failure !== null) throw failure;
  }
  // The boundary search holds back a short tail (a close delimiter among it) until the end.
  if (!done) parser.end();
  if (failure !== null) throw failure;
  if (!done) throw malformedMultipart();
  const found = audio as { bytes: ByteCollector; contentType: string | null } | null;
  if (found === null) {
    throw new PauzError('VALIDATION_FAILED', 'The form has no audio file', { errors: [{ field: 'audio', message: 'must be a file' }] });
  }
  return { audio: found.bytes.bytes(), contentType: found.contentType };
}

/**
 * Feeds multipasta, working around one of its bugs (0.2.8): when a write ends right
 * after a delimiter and one `-` (`\r\n--b-` | `-\r\n`, the two dashes of the close
 * delimiter in different writes), it takes that `-` for the start of a part and
 * fails on its header. Such a write is split before its final `-`: a one-byte write
 * is always held by the boundary search until the next one, so the dashes meet again.
 */
function feeder(parser: Multipasta.Parser, contentType: string): (chunk: Uint8Array) => void {
  const boundary = /;\s*boundary=(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
  const trap = new TextEncoder().encode(`\r\n--${boundary?.[1] ?? boundary?.[2] ?? ''}-`);
  // The last bytes written (the search starts as if after a CRLF).
  let tail: Uint8Array = new TextEncoder().encode('\r\n');
  const endsInTrap = (chunk: Uint8Array): boolean => {
    if (chunk[chunk.byteLength - 1] !== DASH || chunk.byteLength < 2) return false;
    for (let i = 1; i <= trap.byteLength; i++) {
      const byte = i <= chunk.byteLength ? chunk[chunk.byteLength - i] : tail[tail.byteLength - (i - chunk.byteLength)];
      if (byte !== trap[trap.byteLength - i]) return false;
    }
    return true;
  };
  return (chunk) => {
    if (endsInTrap(chunk)) {
      parser.write(chunk.subarray(0, -1));
      parser.write(chunk.subarray(-1));
    } else {
      parser.write(chunk);
    }
    const keep = trap.byteLength - 1;
    tail = chunk.byteLength >= keep ? chunk.slice(-keep) : concatTail(tail, chunk, keep);
  };
}

function concatTail(tail: Uint8Array, chunk: Uint8Array, keep: number): Uint8Array {
  const joined = new Uint8Array(tail.byteLength + chunk.byteLength);
  joined.set(tail);
  joined.set(chunk, tail.byteLength);
  return joined.slice(-keep);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The `name` of a `form-data` Content-Disposition and whether it names a file; null when it is not one. */
export function formDataDisposition(header: string | string[] | undefined): { name: string; isFile: boolean } | null {
  const value = firstValue(header);
  if (value === undefined) return null;
  const semicolon = value.indexOf(';');
  if ((semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase() !== 'form-data' || semicolon < 0) return null;
  const parameters = new Map<string, string>();
  PARAMETER.lastIndex = semicolon;
  for (let match = PARAMETER.exec(value); match !== null; match = PARAMETER.exec(value)) {
    const key = (match[1] as string).toLowerCase();
    if (!parameters.has(key)) parameters.set(key, match[2] === undefined ? (match[3] ?? '') : match[2].replace(/\\(.)/g, '$1'));
  }
  const name = parameters.get('name');
  if (name === undefined) return null;
  return { name, isFile: parameters.has('filename') || parameters.has('filename*') };
}

/** `VALIDATION_FAILED` for a body that is not a well-formed multipart form. */
export function malformedMultipart(): PauzError {
  return new PauzError('VALIDATION_FAILED', 'Malformed multipart body', { errors: [{ field: '(body)', message: 'must be multipart/form-data' }] });
}

/** `PAYLOAD_TOO_LARGE` for a recording over the audio cap. */
export function recordingTooLarge(maxAudioBytes: number): PauzError {
  return new PauzError('PAYLOAD_TOO_LARGE', `The recording is larger than ${maxAudioBytes} bytes`);
}

function parseFailure(error: Multipasta.MultipartError, maxParts: number): PauzError {
  if (error._tag === 'ReachedLimit' && error.limit === 'MaxParts') return new PauzError('PAYLOAD_TOO_LARGE', `The form has more than ${maxParts} parts`);
  if (error._tag === 'BadHeaders' && (error.error.reason === 'HeaderTooLarge' || error.error.reason === 'TooManyHeaders')) {
    return new PauzError('PAYLOAD_TOO_LARGE', 'The headers of a form part are larger than 16 KiB or 100 lines');
  }
  return malformedMultipart();
}
