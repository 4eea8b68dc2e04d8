import { join, resolve } from 'node:path';
import { bodyBytes, bufferedObject, copyMetadata, DEFAULT_CONTENT_TYPE } from '../buckets/body.js';
import { bucketFailure, describeCall, failureOf, guardCall } from '../buckets/errors.js';
import { checkKey } from '../buckets/keys.js';
import { listResult, listWindow, pageOf } from '../buckets/list.js';
import { isSearchableType, searchRequest, searchTexts } from '../buckets/search.js';
import type { SearchableSmartBucket, SmartBucketListEntry, SmartBucketObjectInfo, SweepOptions } from '../buckets/types.js';
import { PauzConfigError } from '../errors.js';
import { type Clock, systemClock } from '../runtime.js';
import { type CallOptions, throwIfAborted } from '../upstream.js';
import { removeFile, removeTree, sweepTempFiles, syncDirectory, writeDurably } from './durable.js';
import { objectTrailer, readObjectFile, type StoredMeta, walkKeys } from './fs-files.js';
import { encodeSegment, locate, MAX_SEGMENT_NAME, OBJECT_SUFFIX, type ObjectLocation, prefixDirectory, TEMP_PREFIX } from './fs-keys.js';
import { probeWritable } from './write-probe.js';

/**
 * Options of {@link fsBucket}.
 *
 * @category Adapters
 */
export interface FsBucketOptions {
  /** Directory holding the buckets; this one lives in `<root>/<name>`, created on first write. */
  root: string;
  /** The bucket's name, for example `hints`. */
  name: string;
  /**
   * Source of the `uploaded` dates.
   *
   * @defaultValue `systemClock`
   */
  clock?: Clock;
}

/** A `.tmp-…` name, as a write gives its file until it is complete. */
const isTempName = (name: string): boolean => name.startsWith(TEMP_PREFIX);

/**
 * A {@link SearchableSmartBucket} in a directory (Node), for development and the
 * embedded default server. Keys map to escaped file names that can never leave the
 * bucket directory (see `fs-keys.ts`). Each object is one file holding its content
 * and its metadata, written crash-safe by construction: to a temp file (mode 0600),
 * flushed, renamed into place, the directory flushed; so readers and a crash see an
 * object whole or not at all, never content without its metadata. All a crash can
 * leave is a `.tmp-*` file, which no listing shows and which
 * `sweepIncomplete` (from `reconcile()`) and
 * `deletePrefix` (from account deletion) remove. Directories are
 * created 0700. Listing and search walk the directory: fine for development, not for
 * millions of objects. A `signal` is checked before each operation and between its
 * steps; a put aborted before its rename leaves nothing behind.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/local/fs-bucket.ts}
 */
export function fsBucket(options: FsBucketOptions): FsBucket {
  const { name, clock = systemClock } = options;
  if (typeof options.root !== 'string' || options.root === '') throw new PauzConfigError(['fsBucket: root must be a directory path']);
  if (typeof name !== 'string' || name === '') throw new PauzConfigError(['fsBucket: name must be a non-empty string']);
  const bucketDir = join(resolve(options.root), encodeSegment(name));

  const objectPath = (at: ObjectLocation): string => join(at.dir, at.base + OBJECT_SUFFIX);
  /** Where `key` lives; `undefined` when no file name can hold it, so no object is there. */
  const where = (what: string, key: string): ObjectLocation | undefined => {
    checkKey(what, key);
    try {
      return locate(bucketDir, key);
    } catch (error) {
      throw failureOf(what, error);
    }
  };
  const read = async (key: string, at: ObjectLocation, withContent: boolean): Promise<{ meta: StoredMeta; content?: Uint8Array } | null> => {
    const found = withContent ? await readObjectFile(objectPath(at), true) : await readObjectFile(objectPath(at), false);
    if (found !== null && found.meta.key !== key) throw new Error('the object file belongs to another key');
    return found;
  };
  const infoOf = (meta: StoredMeta): SmartBucketObjectInfo => ({
    key: meta.key,
    size: meta.size,
    uploaded: new Date(meta.uploaded),
    contentType: meta.contentType,
    customMetadata: { ...meta.customMetadata },
  });

  return {
    name,
    async put(key, body, putOptions = {}) {
      const what = describeCall('put', name, key);
      const at = where(what, key);
      if (at === undefined) throw bucketFailure(what, `a key segment is longer than a filesystem bucket holds (${MAX_SEGMENT_NAME} characters once encoded)`);
      const { signal } = putOptions;
      throwIfAborted(signal, what);
      await guardCall(what, async () => {
        const customMetadata = copyMetadata(putOptions.customMetadata);
        const contentType = putOptions.contentType ?? DEFAULT_CONTENT_TYPE;
        // Bytes and streams go to the file as they are, uncopied: the write is over before put returns.
        const content = body instanceof Uint8Array || body instanceof ReadableStream ? body : await bodyBytes(body);
        await writeDurably(at.dir, at.base + OBJECT_SUFFIX, `${TEMP_PREFIX}${crypto.randomUUID()}`, content, (size) => {
          // The rename makes the object visible: the last point to stop at.
          throwIfAborted(signal, what);
          return objectTrailer({ key, size, contentType, customMetadata, uploaded: clock.now().toISOString() });
        });
      });
    },
    async get(key, options) {
      const what = describeCall('get', name, key);
      const at = where(what, key);
      throwIfAborted(options?.signal, what);
      if (at === undefined) return null;
      const found = await guardCall(what, () => read(key, at, true));
      return found === null ? null : bufferedObject(infoOf(found.meta), found.content as Uint8Array, what);
    },
    async head(key, options) {
      const what = describeCall('head', name, key);
      const at = where(what, key);
      throwIfAborted(options?.signal, what);
      if (at === undefined) return null;
      const found = await guardCall(what, () => read(key, at, false));
      return found === null ? null : infoOf(found.meta);
    },
    async delete(keys, options) {
      const unique = [...new Set(typeof keys === 'string' ? [keys] : keys)];
      const what = describeCall('delete', name, unique);
      const located = unique.map((key) => where(what, key));
      await guardCall(what, async () => {
        const touched = new Set<string>();
        for (const at of located) {
          throwIfAborted(options?.signal, what);
          if (at !== undefined && (await removeFile(objectPath(at)))) touched.add(at.dir);
        }
        // A deletion that a power cut could undo is no deletion.
        for (const dir of touched) await syncDirectory(dir);
      });
    },
    async deletePrefix(prefix, options) {
      const what = describeCall('deletePrefix', name, prefix);
      throwIfAborted(options?.signal, what);
      if (typeof prefix !== 'string' || !prefix.endsWith('/') || prefix.length < 2) {
        throw bucketFailure(what, 'the prefix must be a non-empty folder prefix ending in /');
      }
      checkKey(what, prefix);
      await guardCall(what, async () => {
        const { dir } = prefixDirectory(bucketDir, prefix);
        if (dir === bucketDir) throw new Error('the prefix names the whole bucket');
        await removeTree(dir);
      });
    },
    async sweepIncomplete(sweepOptions) {
      const what = describeCall('sweepIncomplete', name);
      throwIfAborted(sweepOptions.signal, what);
      return guardCall(what, () => sweepTempFiles(bucketDir, isTempName, sweepOptions.olderThan));
    },
    async list(listOptions) {
      const what = describeCall('list', name, listOptions ?? {});
      const window = listWindow(what, listOptions);
      const signal = listOptions?.signal;
      throwIfAborted(signal, what);
      return guardCall(what, async () => {
        const { dir, keyPrefix } = prefixDirectory(bucketDir, window.prefix);
        const page = pageOf((await walkKeys(dir, keyPrefix)).map((key) => ({ key })), window);
        const objects: SmartBucketListEntry[] = [];
        for (const { key } of page.entries) {
          throwIfAborted(signal, what);
          const at = locate(bucketDir, key);
          const found = at === undefined ? null : await read(key, at, false);
          if (found !== null) objects.push({ key, size: found.meta.size, uploaded: new Date(found.meta.uploaded) });
        }
        return listResult(what, objects, page.truncated, page.cursor);
      });
    },
    async search(input) {
      const what = describeCall('search', name);
      const { input: query } = searchRequest(what, input);
      throwIfAborted(input.signal, what);
      return guardCall(what, async () => {
        const documents: { key: string; text: string }[] = [];
        for (const key of await walkKeys(bucketDir, '')) {
          throwIfAborted(input.signal, what);
          const at = locate(bucketDir, key);
          const found = at === undefined ? null : await read(key, at, true);
          if (found !== null && isSearchableType(found.meta.contentType)) documents.push({ key, text: new TextDecoder().decode(found.content) });
        }
        return { results: searchTexts(query, documents) };
      });
    },
    async check(options) {
      const what = `${describeCall('put', name)} (health check)`;
      throwIfAborted(options?.signal, what);
      await guardCall(what, () => probeWritable(bucketDir, what, options));
    },
  };
}

/**
 * What {@link fsBucket} returns: a searchable bucket that can also sweep what crashes leave.
 *
 * @category Adapters
 */
export interface FsBucket extends SearchableSmartBucket {
  /** Removes the folder of `prefix` (ending in `/`) with everything in it: objects, temp files, foreign files. */
  deletePrefix(prefix: string, options?: CallOptions): Promise<void>;
  /** Removes temp files of interrupted writes last changed before `olderThan`; returns their bucket-relative paths. */
  sweepIncomplete(options: SweepOptions): Promise<string[]>;
}
