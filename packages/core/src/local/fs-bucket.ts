import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bodyBytes, bufferedObject, copyMetadata, DEFAULT_CONTENT_TYPE } from '../buckets/body.js';
import { bucketFailure, describeCall, failureOf, guardCall } from '../buckets/errors.js';
import { checkKey } from '../buckets/keys.js';
import { listResult, listWindow, pageOf } from '../buckets/list.js';
import { isSearchableType, searchRequest, searchTexts } from '../buckets/search.js';
import type { SearchableSmartBucket, SmartBucketListEntry, SmartBucketObjectInfo } from '../buckets/types.js';
import { PauzConfigError } from '../errors.js';
import { type Clock, systemClock } from '../runtime.js';
import { throwIfAborted } from '../upstream.js';
import { isMissing, readMeta, removeFile, type StoredMeta, walkKeys, writeAtomically } from './fs-files.js';
import { probeWritable } from './write-probe.js';
import { encodeSegment, locate, MAX_SEGMENT_NAME, META_SUFFIX, type ObjectLocation, prefixDirectory } from './fs-keys.js';

/** Options of {@link fsBucket}. */
export interface FsBucketOptions {
  /** Directory holding the buckets; this one lives in `<root>/<name>`, created on first write. */
  root: string;
  /** The bucket's name, for example `hints`. */
  name: string;
  /** Source of the `uploaded` dates. Default: the system clock. */
  clock?: Clock;
}

/** Times `get` re-reads metadata whose content file a concurrent overwrite just replaced. */
const READ_ATTEMPTS = 5;

/**
 * A {@link SearchableSmartBucket} in a directory (Node), for development and the
 * embedded default server. Keys map to escaped file names that can never leave the
 * bucket directory (see `fs-keys.ts`); each object is a content file plus a JSON
 * metadata file beside it, both written to a temp file and renamed into place, the
 * metadata last, so readers see an object whole or not at all. Writes to one key
 * are serialised within the process. Listing and search walk the directory: fine
 * for development, not for millions of objects. A `signal` is checked before each
 * operation and between its steps; a put aborted before its metadata is written
 * leaves nothing behind.
 *
 * @example
 * ```ts
 * import { fsBucket } from '@pauz/core/local';
 *
 * const recordings = fsBucket({ root: './.pauz/buckets', name: 'audio-files' });
 * await recordings.put('u1/rec-1.webm', audio, { contentType: 'audio/webm' });
 * ```
 */
export function fsBucket(options: FsBucketOptions): SearchableSmartBucket {
  const { name, clock = systemClock } = options;
  if (typeof options.root !== 'string' || options.root === '') throw new PauzConfigError(['fsBucket: root must be a directory path']);
  if (typeof name !== 'string' || name === '') throw new PauzConfigError(['fsBucket: name must be a non-empty string']);
  const bucketDir = join(resolve(options.root), encodeSegment(name));
  const writing = new Map<string, Promise<void>>();

  const metaPath = (at: ObjectLocation): string => join(at.dir, at.base + META_SUFFIX);
  /** Where `key` lives; `undefined` when no file name can hold it, so no object is there. */
  const where = (what: string, key: string): ObjectLocation | undefined => {
    checkKey(what, key);
    try {
      return locate(bucketDir, key);
    } catch (error) {
      throw failureOf(what, error);
    }
  };
  const checkedMeta = (meta: StoredMeta | null, key: string, at: ObjectLocation): StoredMeta | null => {
    const ours = (data: string): boolean => data.startsWith(`${at.base}~`) && /^[0-9a-f]{32}$/.test(data.slice(at.base.length + 1));
    if (meta !== null && (meta.key !== key || !ours(meta.data))) {
      throw new Error(`the metadata file ${metaPath(at)} does not belong to this key`);
    }
    return meta;
  };
  const infoOf = (meta: StoredMeta, size = meta.size): SmartBucketObjectInfo => ({
    key: meta.key,
    size,
    uploaded: new Date(meta.uploaded),
    contentType: meta.contentType,
    customMetadata: { ...meta.customMetadata },
  });

  /** Runs writes to one key one after another, so each replaced content file is removed. */
  function serial(key: string, run: () => Promise<void>): Promise<void> {
    const done = (writing.get(key) ?? Promise.resolve()).then(run);
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    writing.set(key, settled);
    void settled.then(() => {
      if (writing.get(key) === settled) writing.delete(key);
    });
    return done;
  }

  async function readObject(key: string, at: ObjectLocation): Promise<{ meta: StoredMeta; bytes: Uint8Array } | null> {
    for (let attempt = 1; ; attempt++) {
      const meta = checkedMeta(await readMeta(metaPath(at)), key, at);
      if (meta === null) return null;
      try {
        return { meta, bytes: await readFile(join(at.dir, meta.data)) };
      } catch (error) {
        if (!isMissing(error) || attempt >= READ_ATTEMPTS) throw error;
      }
    }
  }

  async function removeObject(key: string, at: ObjectLocation): Promise<void> {
    const meta = checkedMeta(await readMeta(metaPath(at)), key, at);
    if (meta === null) return;
    await removeFile(metaPath(at));
    await removeFile(join(at.dir, meta.data));
  }

  return {
    name,
    async put(key, body, putOptions = {}) {
      const what = describeCall('put', name, key);
      const at = where(what, key);
      if (at === undefined) throw bucketFailure(what, `a key segment is longer than a filesystem bucket holds (${MAX_SEGMENT_NAME} characters once encoded)`);
      const { signal } = putOptions;
      throwIfAborted(signal, what);
      await guardCall(what, () =>
        serial(key, async () => {
          throwIfAborted(signal, what);
          const customMetadata = copyMetadata(putOptions.customMetadata);
          const data = `${at.base}~${crypto.randomUUID().replace(/-/g, '')}`;
          // Bytes and streams go to the file as they are, uncopied: the write is over before put returns.
          const content = body instanceof Uint8Array || body instanceof ReadableStream ? body : await bodyBytes(body);
          const size = await writeAtomically(at.dir, data, content);
          try {
            // The metadata file makes the object visible: the last point to stop at.
            throwIfAborted(signal, what);
            const previous = checkedMeta(await readMeta(metaPath(at)), key, at);
            const meta: StoredMeta = { key, data, size, contentType: putOptions.contentType ?? DEFAULT_CONTENT_TYPE, customMetadata, uploaded: clock.now().toISOString() };
            await writeAtomically(at.dir, at.base + META_SUFFIX, new TextEncoder().encode(JSON.stringify(meta)));
            if (previous !== null) await removeFile(join(at.dir, previous.data));
          } catch (error) {
            await removeFile(join(at.dir, data));
            throw error;
          }
        }),
      );
    },
    async get(key, options) {
      const what = describeCall('get', name, key);
      const at = where(what, key);
      throwIfAborted(options?.signal, what);
      if (at === undefined) return null;
      const found = await guardCall(what, () => readObject(key, at));
      return found === null ? null : bufferedObject(infoOf(found.meta, found.bytes.length), found.bytes, what);
    },
    async head(key, options) {
      const what = describeCall('head', name, key);
      const at = where(what, key);
      throwIfAborted(options?.signal, what);
      if (at === undefined) return null;
      const meta = await guardCall(what, async () => checkedMeta(await readMeta(metaPath(at)), key, at));
      return meta === null ? null : infoOf(meta);
    },
    async delete(keys, options) {
      const unique = [...new Set(typeof keys === 'string' ? [keys] : keys)];
      const what = describeCall('delete', name, unique);
      const located = unique.map((key) => [key, where(what, key)] as const);
      await guardCall(what, async () => {
        for (const [key, at] of located) {
          throwIfAborted(options?.signal, what);
          if (at !== undefined) await serial(key, () => removeObject(key, at));
        }
      });
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
          const meta = at === undefined ? null : checkedMeta(await readMeta(metaPath(at)), key, at);
          if (meta !== null) objects.push({ key, size: meta.size, uploaded: new Date(meta.uploaded) });
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
          const found = at === undefined ? null : await readObject(key, at);
          if (found !== null && isSearchableType(found.meta.contentType)) documents.push({ key, text: new TextDecoder().decode(found.bytes) });
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

