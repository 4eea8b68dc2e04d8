import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeSegment, META_SUFFIX } from './fs-keys.js';

/** What a filesystem bucket keeps beside each object, in `<base>~meta.json`. */
export interface StoredMeta {
  key: string;
  /** File name (in the same directory) of the content this metadata describes. */
  data: string;
  size: number;
  contentType: string;
  customMetadata: Record<string, string>;
  /** ISO 8601. */
  uploaded: string;
}

/** True for the error Node raises when a path does not exist. */
export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Deletes a file; one that is already gone is fine. */
export async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/**
 * Writes `content` to `dir/name` atomically: into a temp file in the same directory,
 * flushed to disk, then renamed over the target, so a reader (or a crash) sees the
 * old file or the new one, never a part. Returns the number of bytes written.
 */
export async function writeAtomically(dir: string, name: string, content: Uint8Array | ReadableStream<Uint8Array>): Promise<number> {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.tmp-${crypto.randomUUID()}`);
  try {
    const handle = await open(temp, 'wx');
    let size = 0;
    try {
      if (content instanceof Uint8Array) {
        await handle.writeFile(content);
        size = content.length;
      } else {
        const reader = content.getReader();
        for (let next = await reader.read(); !next.done; next = await reader.read()) {
          if (!(next.value instanceof Uint8Array)) throw new TypeError('the body stream must yield Uint8Array chunks');
          await handle.write(next.value);
          size += next.value.length;
        }
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, name));
    return size;
  } catch (error) {
    await removeFile(temp);
    throw error;
  }
}

function isStoredMeta(value: unknown): value is StoredMeta {
  const meta = value as StoredMeta | null;
  return (
    typeof meta === 'object' && meta !== null &&
    typeof meta.key === 'string' && typeof meta.data === 'string' && !meta.data.includes('/') &&
    Number.isInteger(meta.size) && typeof meta.contentType === 'string' &&
    typeof meta.customMetadata === 'object' && meta.customMetadata !== null &&
    Object.values(meta.customMetadata).every((v) => typeof v === 'string') &&
    typeof meta.uploaded === 'string'
  );
}

/** Reads an object's metadata file; `null` when there is none (no object). */
export async function readMeta(path: string): Promise<StoredMeta | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch (error) {
    throw new Error(`the metadata file ${path} is not JSON`, { cause: error });
  }
  if (!isStoredMeta(meta)) throw new Error(`the metadata file ${path} is not one a filesystem bucket wrote`);
  return meta;
}

/**
 * Every key stored under `dir`, which stands for the keys starting with `keyPrefix`.
 * Files and directories a bucket did not name (temp files, content files, foreign
 * files) are not keys and are passed over.
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
    } else if (entry.isFile() && entry.name.endsWith(META_SUFFIX)) {
      const segment = decodeSegment(entry.name.slice(0, -META_SUFFIX.length));
      if (segment !== undefined) keys.push(keyPrefix + segment);
    }
  }
  return keys;
}
