import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isMissing } from './durable.js';
import { decodeSegment, OBJECT_SUFFIX } from './fs-keys.js';

/** What a filesystem bucket keeps with each object, in the object file's trailer. */
export interface StoredMeta {
  key: string;
  /** Size of the content, in bytes. */
  size: number;
  contentType: string;
  customMetadata: Record<string, string>;
  /** ISO 8601. */
  uploaded: string;
}

/**
 * An object file is `<content><metadata JSON><length><magic>`: the content as
 * given, the metadata as UTF-8 JSON, its byte length as a 4-byte big-endian
 * integer, and {@link MAGIC}. Content and metadata are one file, written to a temp
 * name and renamed into place, so no state exists in which one is there without
 * the other: an object is in its file whole, or not there.
 */
const MAGIC = new TextEncoder().encode('PAUZOBJ1');
const FOOTER = 4 + MAGIC.length;
const MAX_META_BYTES = 16 * 1024 * 1024;

/** The bytes that follow the content of an object file. */
export function objectTrailer(meta: StoredMeta): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(meta));
  const trailer = new Uint8Array(json.length + FOOTER);
  trailer.set(json);
  new DataView(trailer.buffer).setUint32(json.length, json.length);
  trailer.set(MAGIC, json.length + 4);
  return trailer;
}

function isStoredMeta(value: unknown): value is StoredMeta {
  const meta = value as StoredMeta | null;
  return (
    typeof meta === 'object' && meta !== null &&
    typeof meta.key === 'string' &&
    Number.isInteger(meta.size) && meta.size >= 0 && typeof meta.contentType === 'string' &&
    typeof meta.customMetadata === 'object' && meta.customMetadata !== null &&
    Object.values(meta.customMetadata).every((v) => typeof v === 'string') &&
    typeof meta.uploaded === 'string'
  );
}

/**
 * Reads an object file: its metadata, and its content when `withContent`. `null`
 * when there is no file (no object). Throws when the file is not one a filesystem
 * bucket wrote (`path` only goes to the error's message, which the bucket replaces).
 */
export async function readObjectFile(path: string, withContent: true): Promise<{ meta: StoredMeta; content: Uint8Array } | null>;
export async function readObjectFile(path: string, withContent: false): Promise<{ meta: StoredMeta } | null>;
export async function readObjectFile(path: string, withContent: boolean): Promise<{ meta: StoredMeta; content?: Uint8Array } | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    // One open file: a concurrent overwrite renames a new file over the name, this one stays whole.
    const { size: fileSize } = await handle.stat();
    const read = async (position: number, length: number): Promise<Uint8Array> => {
      const buffer = new Uint8Array(length);
      for (let done = 0; done < length; ) {
        const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
        if (bytesRead === 0) throw new Error('the object file is shorter than it says');
        done += bytesRead;
      }
      return buffer;
    };
    const notOurs = (): Error => new Error('the object file is not one a filesystem bucket wrote');
    if (fileSize < FOOTER) throw notOurs();
    const footer = await read(fileSize - FOOTER, FOOTER);
    if (!MAGIC.every((byte, i) => footer[4 + i] === byte)) throw notOurs();
    const metaLength = new DataView(footer.buffer).getUint32(0);
    if (metaLength > MAX_META_BYTES || metaLength > fileSize - FOOTER) throw notOurs();
    const contentLength = fileSize - FOOTER - metaLength;
    let meta: unknown;
    try {
      meta = JSON.parse(new TextDecoder().decode(await read(contentLength, metaLength)));
    } catch (error) {
      throw new Error('the object file metadata is not JSON', { cause: error });
    }
    if (!isStoredMeta(meta) || meta.size !== contentLength) throw notOurs();
    return withContent ? { meta, content: await read(0, contentLength) } : { meta };
  } finally {
    await handle.close();
  }
}

/**
 * Every key stored under `dir`, which stands for the keys starting with `keyPrefix`.
 * Files and directories a bucket did not name (temp files, foreign files) are not
 * keys and are passed over.
 */
export async function walkKeys(dir: string, keyPrefix: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const keys: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) {
      const segment = decodeSegment(entry.name);
      if (segment !== undefined) keys.push(...(await walkKeys(join(dir, entry.name), `${keyPrefix}${segment}/`)));
    } else if (entry.isFile() && entry.name.endsWith(OBJECT_SUFFIX)) {
      const segment = decodeSegment(entry.name.slice(0, -OBJECT_SUFFIX.length));
      if (segment !== undefined) keys.push(keyPrefix + segment);
    }
  }
  return keys;
}
