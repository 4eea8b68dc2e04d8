import { bodyBytes, bufferedObject, copyMetadata, DEFAULT_CONTENT_TYPE } from '../buckets/body.js';
import { bucketFailure, describeCall, guardCall } from '../buckets/errors.js';
import { checkKey } from '../buckets/keys.js';
import { listResult, listWindow } from '../buckets/list.js';
import { searchRequest } from '../buckets/search.js';
import type { SmartBucket, SmartBucketObjectInfo, SmartBucketSearchResult } from '../buckets/types.js';
import { PauzConfigError } from '../errors.js';
import { throwIfAborted, withTimeout } from '../upstream.js';
import { searchSourceKey } from './search-source.js';

/**
 * Object metadata as the Raindrop (R2-like) bucket binding returns it: the fields Pauz reads.
 *
 * @category Adapters
 */
export interface RaindropBindingObject {
  /** The object's key. */
  key: string;
  /** Size in bytes. */
  size: number;
  /** When the object was written. */
  uploaded: Date;
  /** HTTP metadata; Pauz reads the content type. */
  httpMetadata?: {
    /** The MIME type given at `put`. */
    contentType?: string;
  };
  /** The string pairs stored with the object. */
  customMetadata?: Record<string, string>;
}

/**
 * An object with its content, from the binding's `get`.
 *
 * @category Adapters
 */
export interface RaindropBindingObjectBody extends RaindropBindingObject {
  /** The content; the binding lets it be read once. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * One search match from the binding; `source` is the key, or `{object: key}` in older versions.
 *
 * @category Adapters
 */
export interface RaindropBindingSearchResult {
  /** The matching text. */
  text?: string;
  /** Relevance, higher is better. */
  score?: number;
  /** The matching object's key, or `{object: key}`. */
  source?:
    | string
    | {
        /** The matching object's key. */
        object?: string;
      };
}

/**
 * The structural subset of a Raindrop SmartBucket binding (`env.HINTS`, …) Pauz uses.
 * The framework package does not export its types, so Pauz declares what it needs;
 * any binding with these methods fits.
 *
 * @category Adapters
 */
export interface RaindropBucketBinding {
  /** Metadata of the object under `key`, or `null`. */
  head(key: string): Promise<RaindropBindingObject | null>;
  /** The object under `key` with its content, or `null`. */
  get(key: string): Promise<RaindropBindingObjectBody | null>;
  /** Stores `value` under `key`. */
  put(
    key: string,
    value: ArrayBuffer | ArrayBufferView | string,
    options?: { httpMetadata?: { contentType?: string }; customMetadata?: Record<string, string> },
  ): Promise<unknown>;
  /** Deletes up to 1000 keys. */
  delete(keys: string | string[]): Promise<void>;
  /** One page of keys; `cursor` only when `truncated`. */
  list(options?: { prefix?: string; limit?: number; cursor?: string }): Promise<{
    /** This page's objects, in key order. */
    objects: RaindropBindingObject[];
    /** Whether more pages follow. */
    truncated: boolean;
    /** Where the next page starts, when `truncated`. */
    cursor?: string;
  }>;
  /** Semantic search; present on SmartBuckets, absent on plain buckets. */
  search?(input: { input: string; requestId: string }): Promise<{
    /** The matches, best first; absent when there are none. */
    results?: RaindropBindingSearchResult[];
  }>;
}

/**
 * Options of {@link raindropBindingBucket}.
 *
 * @category Adapters
 */
export interface RaindropBindingBucketOptions {
  /** The bucket's name for messages, for example `hints`. */
  name: string;
  /**
   * Time one call may take in milliseconds; then `UPSTREAM_TIMEOUT`.
   *
   * @defaultValue `30_000`
   */
  timeoutMs?: number;
}

/** Keys per binding `delete` call, as R2 allows. */
const DELETE_BATCH = 1000;

function toDate(value: unknown): Date | undefined {
  const date = value instanceof Date ? new Date(value.getTime()) : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}

function toInfo(object: RaindropBindingObject): SmartBucketObjectInfo {
  const size = Number(object.size);
  if (typeof object.key !== 'string' || !Number.isSafeInteger(size) || size < 0) throw new Error('the binding returned an object without a key or size');
  const uploaded = toDate(object.uploaded);
  return {
    key: object.key,
    size,
    ...(uploaded === undefined ? {} : { uploaded }),
    contentType: object.httpMetadata?.contentType || DEFAULT_CONTENT_TYPE,
    customMetadata: { ...object.customMetadata },
  };
}

/**
 * A {@link SmartBucket} over a Raindrop SmartBucket binding, inside a Raindrop service.
 * Offers `search` when the binding does. Bodies are handed to the binding as bytes:
 * a stream is read first, since R2-like bindings refuse streams of unknown length.
 * The binding takes no signal: an aborted operation rejects at once (`ABORTED`), the
 * signal is checked between its steps (a put stops before the binding is called
 * when the signal aborted while its body was read), and a binding call already
 * started runs to its end unobserved.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/raindrop/bucket-binding.ts}
 */
export function raindropBindingBucket(binding: RaindropBucketBinding, options: RaindropBindingBucketOptions): SmartBucket {
  const { name, timeoutMs = 30_000 } = options;
  const problems: string[] = [];
  if (typeof binding?.get !== 'function' || typeof binding.list !== 'function') problems.push(`raindropBindingBucket(${name}): the binding has no get/list methods`);
  if (typeof name !== 'string' || name === '') problems.push('raindropBindingBucket: name must be a non-empty string');
  if (!(timeoutMs > 0)) problems.push('raindropBindingBucket: timeoutMs must be positive');
  if (problems.length > 0) throw new PauzConfigError(problems);
  const call = <T>(what: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> =>
    withTimeout(what, timeoutMs, () => guardCall(what, run), signal);

  const bucket: SmartBucket = {
    name,
    async put(key, body, putOptions = {}) {
      const what = describeCall('put', name, key);
      checkKey(what, key);
      const { signal } = putOptions;
      await call(what, signal, async () => {
        const customMetadata = copyMetadata(putOptions.customMetadata);
        const bytes = await bodyBytes(body);
        throwIfAborted(signal, what);
        const contentType = putOptions.contentType ?? DEFAULT_CONTENT_TYPE;
        await binding.put(key, bytes, { httpMetadata: { contentType }, customMetadata });
      });
    },
    async get(key, options) {
      const what = describeCall('get', name, key);
      checkKey(what, key);
      const signal = options?.signal;
      return call(what, signal, async () => {
        const object = await binding.get(key);
        if (object === null) return null;
        throwIfAborted(signal, what);
        const bytes = new Uint8Array(await object.arrayBuffer());
        return bufferedObject({ ...toInfo(object), size: bytes.length }, bytes, what);
      });
    },
    async head(key, options) {
      const what = describeCall('head', name, key);
      checkKey(what, key);
      return call(what, options?.signal, async () => {
        const object = await binding.head(key);
        return object === null ? null : toInfo(object);
      });
    },
    async delete(keys, options) {
      const all = [...new Set(typeof keys === 'string' ? [keys] : keys)];
      const what = describeCall('delete', name, all);
      for (const key of all) checkKey(what, key);
      for (let i = 0; i < all.length; i += DELETE_BATCH) {
        const batch = all.slice(i, i + DELETE_BATCH);
        await call(describeCall('delete', name, batch), options?.signal, () => binding.delete(batch));
      }
    },
    async list(listOptions) {
      const what = describeCall('list', name, listOptions ?? {});
      const { prefix, cursor, limit } = listWindow(what, listOptions);
      return call(what, listOptions?.signal, async () => {
        const page = await binding.list({ ...(prefix === '' ? {} : { prefix }), ...(cursor === undefined ? {} : { cursor }), limit });
        if (!Array.isArray(page?.objects)) throw bucketFailure(what, 'the binding returned a listing without objects');
        const objects = page.objects.map((object) => {
          const { key, size, uploaded } = toInfo(object);
          return uploaded === undefined ? { key, size } : { key, size, uploaded };
        });
        return listResult(what, objects, page.truncated === true, page.cursor);
      });
    },
  };
  const search = binding.search;
  if (typeof search !== 'function') return bucket;
  return {
    ...bucket,
    async search(input) {
      const what = describeCall('search', name);
      const request = searchRequest(what, input);
      return call(what, input.signal, async () => {
        const found = await search.call(binding, request);
        const results: SmartBucketSearchResult[] = [];
        for (const result of found?.results ?? []) {
          const key = searchSourceKey(result?.source);
          if (key === undefined) continue;
          results.push({ key, ...(typeof result.text === 'string' ? { text: result.text } : {}), ...(typeof result.score === 'number' ? { score: result.score } : {}) });
        }
        return { results };
      });
    },
  };
}
