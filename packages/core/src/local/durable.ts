import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Crash-safe file writing for the local adapters. A file Pauz writes is created
 * under a temp name (mode 0600), written, flushed (`fsync`), renamed over its final
 * name, and the directory is flushed, so a crash at any point leaves the old file or
 * the new one, whole, plus at most a temp file that {@link sweepTempFiles} and a
 * prefix deletion remove. Directories are created 0700. Both modes hold whatever
 * the umask (a umask can only take permissions away).
 */

/** Mode of every file the local adapters write: owner read/write only. */
export const FILE_MODE = 0o600;
/** Mode of every directory the local adapters create: owner only. */
export const DIR_MODE = 0o700;

/** True for the error Node raises when a path does not exist. */
export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Flushes a directory, so the names created or removed in it survive a power cut. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for flushing; its renames are journaled by NTFS.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates `dir` and its missing parents with mode 0700, flushing the parent of each
 * one created so the new directory entries are durable too.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: DIR_MODE });
  if (first === undefined) return;
  // `first` is the outermost directory created; flush it, every one below it, and its parent.
  const created = relative(dirname(first), dir).split(sep);
  let at = dirname(first);
  await syncDirectory(at);
  for (const name of created) {
    at = join(at, name);
    await syncDirectory(at);
  }
}

/**
 * Writes `content` to `dir/name` atomically and durably, through a temp file named
 * `tempName` in the same directory. Returns the number of bytes written. On failure
 * the temp file is removed (a crash may leave it: it is named to be swept).
 */
export async function writeDurably(
  dir: string,
  name: string,
  tempName: string,
  content: Uint8Array | ReadableStream<Uint8Array>,
  trailer?: (size: number) => Uint8Array,
): Promise<number> {
  await makeDirectory(dir);
  const temp = join(dir, tempName);
  try {
    const handle = await open(temp, 'wx', FILE_MODE);
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
      if (trailer !== undefined) await handle.write(trailer(size));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, name));
    await syncDirectory(dir);
    return size;
  } catch (error) {
    await removeFile(temp);
    throw error;
  }
}

/** Deletes a file; one that is already gone is fine. Returns whether it was there. */
export async function removeFile(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if (!isMissing(error)) throw error;
    return false;
  }
}

/**
 * Removes `dir` and everything in it (objects, temp files, files Pauz did not
 * write), then flushes its parent. A directory already gone is fine.
 */
export async function removeTree(dir: string): Promise<void> {
  // A writer adding a file while the tree goes makes rmdir fail with ENOTEMPTY: Node
  // retries it (and EBUSY, EPERM), with a growing pause, before giving up.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  try {
    await syncDirectory(dirname(dir));
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/**
 * Removes, under `dir`, every file `isTemp` accepts whose last change is older than
 * `olderThan` (writes in flight are younger). Returns the removed paths relative to
 * `dir`, `/`-separated.
 */
export async function sweepTempFiles(dir: string, isTemp: (name: string) => boolean, olderThan: Date): Promise<string[]> {
  const removed: string[] = [];
  const walk = async (at: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(at, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    let changed = false;
    for (const entry of entries) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path, `${prefix}${entry.name}/`);
      else if (entry.isFile() && isTemp(entry.name)) {
        let changedAt: number;
        try {
          changedAt = (await stat(path)).mtimeMs;
        } catch (error) {
          if (isMissing(error)) continue;
          throw error;
        }
        if (changedAt < olderThan.getTime() && (await removeFile(path))) {
          removed.push(prefix + entry.name);
          changed = true;
        }
      }
    }
    if (changed) await syncDirectory(at);
  };
  await walk(dir, '');
  return removed.sort();
}
