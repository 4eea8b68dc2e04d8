import { bodyBytes, bufferedObject, DEFAULT_CONTENT_TYPE } from '../buckets/body.js';
import { bucketFailure, describeCall, guardCall } from '../buckets/errors.js';
import { checkKey } from '../buckets/keys.js';
import { listResult, listWindow, pageOf } from '../buckets/list.js';
import { searchRequest } from '../buckets/search.js';
import type { SearchableSmartBucket, SmartBucketListEntry, SmartBucketSearchResult } from '../buckets/types.js';
import { PauzConfigError } from '../errors.js';
import { throwIfAborted } from '../upstream.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { raindropRestClient } from './rest-client.js';
import { searchSourceKey } from './search-source.js';

/**
 * Options of {@link raindropRestBucket}.
 *
 * @category Adapters
 */
export interface RaindropRestBucketOptions {
  /** The Raindrop API key (`AI_API_KEY`); sent as a bearer token, never put in messages. */
  apiKey: string;
  /** The Raindrop application (`APPLICATION_NAME`), for example `pauz-journaling`. */
  applicationName: string;
  /** The SmartBucket's name in the manifest, for example `hints`. */
  bucket: string;
  /**
   * The application version (newer APIs may require it).
   *
   * @remarks No default: without it no version is sent.
   */
  version?: string;
  /**
   * The organisation (`RAINDROP_ORG`). The documented API identifies it through the
   * API key, so it is not sent; it is accepted so configuration can be passed whole,
   * and reported in error details.
   *
   * @remarks No default: without it error details name no organisation.
   */
  organization?: string;
  /**
   * Base URL of the Raindrop API.
   *
   * @defaultValue `'https://api.raindrop.run'`
   */
  baseUrl?: string;
  /**
   * Budget of one operation in milliseconds, retries included; then `UPSTREAM_TIMEOUT`.
   *
   * @defaultValue `30_000`
   */
  timeoutMs?: number;
  /**
   * Extra attempts after connection errors, 408, 429 and 5xx.
   *
   * @defaultValue `2`
   */
  retries?: number;
  /**
   * First wait before a retry in milliseconds, doubled each time.
   *
   * @defaultValue `250`
   */
  retryDelayMs?: number;
  /**
   * The fetch to use (a proxying or instrumented one, say).
   *
   * @defaultValue the global `fetch`
   */
  fetch?: typeof fetch;
  /**
   * Largest API response read, in bytes; a longer one fails with
   * `SMARTBUCKET_FAILED`, the rest never downloaded. A 25 MB recording travels
   * base64-encoded in JSON, so this is well above the audio limit.
   *
   * @defaultValue `67_108_864` (64 MiB)
   */
  maxResponseBytes?: number;
}

// Every wire detail of the REST bucket API (raindrop.md §2) lives between here and
// the end of `wire`: paths, field names, response shapes.
const PATHS = {
  put: '/v1/put_object',
  get: '/v1/get_object',
  list: '/v1/list_objects',
  delete: '/v1/delete_object',
  search: '/v1/search',
} as const;

type Location = { bucket: { name: string; applicationName: string; version?: string } };

interface WireObject {
  key?: unknown;
  contentType?: unknown;
  lastModified?: unknown;
  size?: unknown;
}

const wire = {
  location: (o: RaindropRestBucketOptions): Location => ({
    bucket: { name: o.bucket, applicationName: o.applicationName, ...(o.version === undefined ? {} : { version: o.version }) },
  }),
  put: (at: Location, key: string, content: string, contentType: string) => ({ bucketLocation: at, key, content, contentType }),
  get: (at: Location, key: string) => ({ bucketLocation: at, key }),
  list: (at: Location, prefix: string) => ({ bucketLocation: at, ...(prefix === '' ? {} : { prefix }) }),
  delete: (at: Location, key: string) => ({ bucketLocation: at, key }),
  search: (at: Location, input: string, requestId: string) => ({ bucketLocations: [at], input, requestId }),
  // Proto3 JSON leaves out empty values: no `content` is no bytes, no `objects` no objects.
  content: (body: unknown) => ({ content: field(body, 'content') ?? '', contentType: field(body, 'contentType') }),
  objects: (body: unknown): WireObject[] => asArray(field(body, 'objects')) as WireObject[],
  results: (body: unknown) =>
    (asArray(field(body, 'results')) as { source?: unknown; text?: unknown; score?: unknown }[]).map((r) => ({
      key: searchSourceKey(r?.source),
      text: r?.text,
      score: r?.score,
    })),
};

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error('the API answered with an unexpected shape');
  return value;
}

/** A listed object as a list entry; `size` may come as a string (int64) or be left out (0). */
function toEntry(object: WireObject): SmartBucketListEntry & { contentType: string } {
  const size = object.size === undefined ? 0 : Number(object.size);
  if (typeof object.key !== 'string' || !Number.isSafeInteger(size) || size < 0) throw new Error('the API listed an object without a key or size');
  const uploaded = typeof object.lastModified === 'string' ? new Date(object.lastModified) : undefined;
  return {
    key: object.key,
    size,
    ...(uploaded !== undefined && !Number.isNaN(uploaded.getTime()) ? { uploaded } : {}),
    contentType: typeof object.contentType === 'string' && object.contentType !== '' ? object.contentType : DEFAULT_CONTENT_TYPE,
  };
}

function configProblems(o: RaindropRestBucketOptions): string[] {
  const problems: string[] = [];
  for (const name of ['apiKey', 'applicationName', 'bucket'] as const) {
    if (typeof o[name] !== 'string' || o[name].trim() === '') problems.push(`raindropRestBucket: ${name} must be a non-empty string`);
  }
  if (o.baseUrl !== undefined && !URL.canParse(o.baseUrl)) problems.push('raindropRestBucket: baseUrl must be an absolute URL');
  if (o.timeoutMs !== undefined && !(o.timeoutMs > 0)) problems.push('raindropRestBucket: timeoutMs must be positive');
  if (o.retries !== undefined && !(Number.isInteger(o.retries) && o.retries >= 0)) problems.push('raindropRestBucket: retries must be a whole number ≥ 0');
  if (o.maxResponseBytes !== undefined && !(Number.isSafeInteger(o.maxResponseBytes) && o.maxResponseBytes > 0)) {
    problems.push('raindropRestBucket: maxResponseBytes must be a positive integer');
  }
  return problems;
}

/** Deletes run this many at a time: the API deletes one key per call. */
const DELETE_CONCURRENCY = 4;

/**
 * A {@link SearchableSmartBucket} over the Raindrop REST API, usable from any server.
 * What the API does not offer is built on what it does, and documented where it
 * shows: `head` lists the key as a prefix and picks the exact key; `list` fetches the
 * (unpaged) listing and pages it here, so the cursor is the last key of a page;
 * `delete` of many keys is one call per key, and a key the API reports missing is
 * not an error; `customMetadata` cannot be stored, so a put carrying any is refused.
 *
 * The API answers `NOT_FOUND` alike for a missing object and a missing bucket, so
 * with a misspelt bucket name `get` reads `null`; `put`, `head` and `list` report it.
 *
 * Retries (see {@link RaindropRestBucketOptions.retries}) apply to every operation,
 * since each is idempotent: a repeated put writes the same bytes, a repeated delete
 * finds nothing, reads and searches change nothing. A `signal` aborts the request in
 * flight together with the timeout (`ABORTED`, never retried).
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/raindrop/bucket-rest.ts}
 */
export function raindropRestBucket(options: RaindropRestBucketOptions): SearchableSmartBucket {
  const problems = configProblems(options);
  if (problems.length > 0) throw new PauzConfigError(problems);
  const name = options.bucket;
  const at = wire.location(options);
  const post = raindropRestClient({
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? 'https://api.raindrop.run',
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: options.retries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 250,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    failureCode: 'SMARTBUCKET_FAILED',
    maxResponseBytes: options.maxResponseBytes ?? 64 * 1024 * 1024,
  });
  const listAll = async (what: string, prefix: string, signal: AbortSignal | undefined) =>
    wire.objects(await post({ what, path: PATHS.list, body: wire.list(at, prefix), idempotent: true, signal })).map(toEntry);

  return {
    name,
    async put(key, body, putOptions = {}) {
      const what = describeCall('put', name, key);
      checkKey(what, key);
      if (Object.keys(putOptions.customMetadata ?? {}).length > 0) {
        throw bucketFailure(what, 'the Raindrop REST API cannot store customMetadata; keep it in the object or in SQL');
      }
      const { signal } = putOptions;
      throwIfAborted(signal, what);
      const content = encodeBase64(await guardCall(what, () => bodyBytes(body)));
      const request = wire.put(at, key, content, putOptions.contentType ?? DEFAULT_CONTENT_TYPE);
      await post({ what, path: PATHS.put, body: request, idempotent: true, signal });
    },
    async get(key, options) {
      const what = describeCall('get', name, key);
      checkKey(what, key);
      const signal = options?.signal;
      const body = await post({ what, path: PATHS.get, body: wire.get(at, key), idempotent: true, notFoundAsNull: true, signal });
      if (body === null) return null;
      return guardCall(what, async () => {
        const { content, contentType } = wire.content(body);
        if (typeof content !== 'string') throw new Error('the API answered without base64 content');
        const bytes = decodeBase64(content);
        const type = typeof contentType === 'string' && contentType !== '' ? contentType : DEFAULT_CONTENT_TYPE;
        return bufferedObject({ key, size: bytes.length, contentType: type, customMetadata: {} }, bytes, what);
      });
    },
    async head(key, options) {
      const what = describeCall('head', name, key);
      checkKey(what, key);
      const found = await guardCall(what, async () => (await listAll(what, key, options?.signal)).find((entry) => entry.key === key));
      return found === undefined ? null : { ...found, customMetadata: {} };
    },
    async delete(keys, options) {
      const queue = [...new Set(typeof keys === 'string' ? [keys] : keys)];
      for (const key of queue) checkKey(describeCall('delete', name, key), key);
      const signal = options?.signal;
      const worker = async (): Promise<void> => {
        for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
          const what = describeCall('delete', name, key);
          await post({ what, path: PATHS.delete, body: wire.delete(at, key), idempotent: true, notFoundAsNull: true, signal });
        }
      };
      await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, queue.length) }, worker));
    },
    async list(listOptions) {
      const what = describeCall('list', name, listOptions ?? {});
      const window = listWindow(what, listOptions);
      return guardCall(what, async () => {
        const page = pageOf(await listAll(what, window.prefix, listOptions?.signal), window);
        const objects = page.entries.map(({ key, size, uploaded }) => (uploaded === undefined ? { key, size } : { key, size, uploaded }));
        return listResult(what, objects, page.truncated, page.cursor);
      });
    },
    async search(input) {
      const what = describeCall('search', name);
      const { input: query, requestId } = searchRequest(what, input);
      const body = await post({ what, path: PATHS.search, body: wire.search(at, query, requestId), idempotent: true, signal: input.signal });
      return guardCall(what, async () => {
        const results: SmartBucketSearchResult[] = [];
        for (const { key, text, score } of wire.results(body)) {
          if (key === undefined) continue;
          results.push({ key, ...(typeof text === 'string' ? { text } : {}), ...(typeof score === 'number' ? { score } : {}) });
        }
        return { results };
      });
    },
  };
}
