import { PauzConfigError } from '../errors.js';
import { type Clock, systemClock } from '../runtime.js';
import { throwIfAborted } from '../upstream.js';
import { bodyBytes, bufferedObject, copyMetadata, DEFAULT_CONTENT_TYPE } from './body.js';
import { describeCall, guardCall } from './errors.js';
import { checkKey } from './keys.js';
import { listResult, listWindow, pageOf } from './list.js';
import { isSearchableType, searchRequest, searchTexts } from './search.js';
import type { SearchableSmartBucket, SmartBucketObjectInfo } from './types.js';

/**
 * Options of {@link memoryBucket}.
 *
 * @category Adapters
 */
export interface MemoryBucketOptions {
  /**
   * Source of the `uploaded` dates.
   *
   * @defaultValue `systemClock`
   */
  clock?: Clock;
}

interface StoredObject {
  bytes: Uint8Array;
  contentType: string;
  customMetadata: Record<string, string>;
  uploaded: number;
}

const textDecoder = new TextDecoder();

/**
 * A {@link SearchableSmartBucket} kept in this process's memory: for tests and
 * development, never a production store (contents vanish with the process and are not
 * shared between processes). Search is word matching over text, JSON and XML objects.
 * A `signal` is checked before each operation (and after a streamed body is read).
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/buckets/memory.ts}
 */
export function memoryBucket(name: string, options: MemoryBucketOptions = {}): SearchableSmartBucket {
  if (typeof name !== 'string' || name === '') throw new PauzConfigError(['memoryBucket: name must be a non-empty string']);
  const clock = options.clock ?? systemClock;
  const objects = new Map<string, StoredObject>();
  const infoOf = (key: string, stored: StoredObject): SmartBucketObjectInfo => ({
    key,
    size: stored.bytes.length,
    uploaded: new Date(stored.uploaded),
    contentType: stored.contentType,
    customMetadata: { ...stored.customMetadata },
  });

  return {
    name,
    async put(key, body, putOptions = {}) {
      const what = describeCall('put', name, key);
      checkKey(what, key);
      throwIfAborted(putOptions.signal, what);
      await guardCall(what, async () => {
        const bytes = await bodyBytes(body);
        throwIfAborted(putOptions.signal, what);
        const customMetadata = copyMetadata(putOptions.customMetadata);
        objects.set(key, { bytes, contentType: putOptions.contentType ?? DEFAULT_CONTENT_TYPE, customMetadata, uploaded: clock.now().getTime() });
      });
    },
    async get(key, options) {
      const what = describeCall('get', name, key);
      checkKey(what, key);
      throwIfAborted(options?.signal, what);
      const stored = objects.get(key);
      return stored === undefined ? null : bufferedObject(infoOf(key, stored), stored.bytes, what);
    },
    async head(key, options) {
      const what = describeCall('head', name, key);
      checkKey(what, key);
      throwIfAborted(options?.signal, what);
      const stored = objects.get(key);
      return stored === undefined ? null : infoOf(key, stored);
    },
    async delete(keys, options) {
      const list = typeof keys === 'string' ? [keys] : [...keys];
      const what = describeCall('delete', name, list);
      for (const key of list) checkKey(what, key);
      throwIfAborted(options?.signal, what);
      for (const key of list) objects.delete(key);
    },
    async list(listOptions) {
      const what = describeCall('list', name, listOptions ?? {});
      throwIfAborted(listOptions?.signal, what);
      const entries = [...objects].map(([key, stored]) => ({ key, size: stored.bytes.length, uploaded: new Date(stored.uploaded) }));
      const page = pageOf(entries, listWindow(what, listOptions));
      return listResult(what, page.entries, page.truncated, page.cursor);
    },
    async search(input) {
      const what = describeCall('search', name);
      const { input: query } = searchRequest(what, input);
      throwIfAborted(input.signal, what);
      const documents = [...objects]
        .filter(([, stored]) => isSearchableType(stored.contentType))
        .map(([key, stored]) => ({ key, text: textDecoder.decode(stored.bytes) }));
      return { results: searchTexts(query, documents) };
    },
  };
}
