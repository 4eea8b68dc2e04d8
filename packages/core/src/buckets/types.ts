/**
 * What may be stored in a {@link SmartBucket}. Strings are stored as UTF-8. A
 * `ReadableStream` is read to its end before (or while) it is stored; adapters whose
 * backend needs a known length buffer it first.
 *
 * @category Ports
 */
export type SmartBucketBody = string | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;

import type { CallOptions } from '../upstream.js';

/**
 * Options of {@link SmartBucket.put}; `signal` aborts the call (see {@link CallOptions}).
 *
 * @category Ports
 */
export interface SmartBucketPutOptions extends CallOptions {
  /**
   * MIME type kept with the object.
   *
   * @defaultValue `application/octet-stream`
   */
  contentType?: string;
  /**
   * String pairs kept with the object, replaced as a whole on overwrite. Not every
   * backend can keep them: the Raindrop REST API cannot, and its adapter refuses a put
   * that carries any rather than dropping them.
   *
   * @defaultValue `{}` (none)
   */
  customMetadata?: Record<string, string>;
}

/**
 * One entry of a {@link SmartBucketList}: what every backend reports cheaply.
 *
 * @category Ports
 */
export interface SmartBucketListEntry {
  /** The object's key. */
  key: string;
  /** Size of the stored bytes. */
  size: number;
  /** When the object was last written, when the backend reports it. */
  uploaded?: Date;
}

/**
 * Metadata of one stored object, as {@link SmartBucket.head} returns it.
 *
 * @category Ports
 */
export interface SmartBucketObjectInfo extends SmartBucketListEntry {
  /** The MIME type given to `put`, or `application/octet-stream`. */
  contentType: string;
  /** The pairs given to `put`; `{}` when none were. */
  customMetadata: Record<string, string>;
}

/**
 * A stored object with its content, as {@link SmartBucket.get} returns it. The
 * content is already read: every accessor may be called any number of times and
 * returns a fresh copy.
 *
 * @category Ports
 */
export interface SmartBucketObject extends SmartBucketObjectInfo {
  /** The content decoded as UTF-8. */
  text(): Promise<string>;
  /** The content parsed as JSON; rejects with `SMARTBUCKET_FAILED` when it is not JSON. */
  json<T = unknown>(): Promise<T>;
  /** The content as a fresh `ArrayBuffer`. */
  arrayBuffer(): Promise<ArrayBuffer>;
  /** The content as fresh bytes. */
  bytes(): Promise<Uint8Array>;
}

/**
 * Options of {@link SmartBucket.list}; `signal` aborts the call (see {@link CallOptions}).
 *
 * @category Ports
 */
export interface SmartBucketListOptions extends CallOptions {
  /**
   * Only keys starting with this string (plain string prefix, not a folder).
   *
   * @defaultValue `''` (every key)
   */
  prefix?: string;
  /**
   * The `cursor` of the previous page, to continue after it.
   *
   * @remarks No default: without it the listing starts at the first key.
   */
  cursor?: string;
  /**
   * Most entries in one page: an integer from 1 to 1000.
   *
   * @defaultValue `1000`
   */
  limit?: number;
}

/**
 * Options of {@link SmartBucket.sweepIncomplete} and `PdfStore.sweepIncomplete`;
 * `signal` aborts the call (see {@link CallOptions}).
 *
 * @category Ports
 */
export interface SweepOptions extends CallOptions {
  /** Leave alone whatever changed at or after this instant: writes in flight are younger. */
  olderThan: Date;
}

/**
 * One page of {@link SmartBucket.list}, in ascending key order (Unicode code points).
 *
 * @category Ports
 */
export interface SmartBucketList {
  /** The entries of this page. */
  objects: SmartBucketListEntry[];
  /** True when more entries follow; then `cursor` continues the listing. */
  truncated: boolean;
  /** Present exactly when `truncated` is true. Opaque: pass it back unchanged. */
  cursor?: string;
}

/**
 * Input of {@link SmartBucket.search}; `signal` aborts the call (see {@link CallOptions}).
 *
 * @category Ports
 */
export interface SmartBucketSearchInput extends CallOptions {
  /** What to look for, in natural language. */
  input: string;
  /** Client-chosen id of the search session (UUID or ULID); a new UUID when omitted. */
  requestId?: string;
}

/**
 * One match of {@link SmartBucket.search}.
 *
 * @category Ports
 */
export interface SmartBucketSearchResult {
  /** Key of the matching object. */
  key: string;
  /** The matching text, when the backend returns it. */
  text?: string;
  /** Relevance, higher is better, when the backend reports it. */
  score?: number;
}

/**
 * What {@link SmartBucket.search} returns. Matches may lag a `put`: indexing can be asynchronous.
 *
 * @category Ports
 */
export interface SmartBucketSearchResults {
  /** Matches, best first. */
  results: SmartBucketSearchResult[];
}

/**
 * The object store Pauz keeps guided journals, hints and audio in: the subset of the
 * Raindrop SmartBucket (an R2-like bucket with semantic search) Pauz uses. Adapters:
 * `memoryBucket` (tests, development), `fsBucket` (`@pauz/core/local`),
 * `raindropBindingBucket` and `raindropRestBucket` (`@pauz/core/raindrop`).
 *
 * Keys are 1 to 1024 bytes of well-formed Unicode; `/` has no special meaning beyond
 * being part of the key. Every failure rejects with a `PauzError` coded
 * `SMARTBUCKET_FAILED` (or `UPSTREAM_TIMEOUT`) whose message names the operation,
 * the bucket and the key.
 *
 * Every operation takes an optional `signal` (in its options, or its search input).
 * An adapter checks it before it starts and between its steps, and hands it to the
 * network call in flight; an aborted operation rejects with `ABORTED` at once and is
 * never retried. Like a timed-out one, it may or may not have taken effect upstream
 * (a `put` may have landed, a multi-key `delete` may have removed some keys).
 *
 * @category Ports
 */
export interface SmartBucket {
  /** The bucket's name, used in error messages (for example `hints`). */
  readonly name: string;
  /** Stores `body` under `key`, replacing any object (content and metadata) there. */
  put(key: string, body: SmartBucketBody, options?: SmartBucketPutOptions): Promise<void>;
  /** The object under `key` with its content, or `null` when there is none. */
  get(key: string, options?: CallOptions): Promise<SmartBucketObject | null>;
  /** The metadata of the object under `key`, or `null` when there is none. */
  head(key: string, options?: CallOptions): Promise<SmartBucketObjectInfo | null>;
  /** Deletes the objects under the given keys; keys without an object are ignored. */
  delete(keys: string | readonly string[], options?: CallOptions): Promise<void>;
  /** One page of the keys, in ascending order. */
  list(options?: SmartBucketListOptions): Promise<SmartBucketList>;
  /** Semantic search over the bucket's content; present only where the backend offers it. */
  search?(input: SmartBucketSearchInput): Promise<SmartBucketSearchResults>;
  /**
   * Proves the bucket takes a write, for `GET /health` (a filesystem bucket writes a
   * small file: a full or read-only disk fails it). Without it, health reads a key
   * no one writes (`head`).
   */
  check?(options?: CallOptions): Promise<void>;
  /**
   * Removes everything stored under `prefix` (a folder prefix, ending in `/`): every
   * object, and whatever an interrupted write left there that `list` does not show.
   * Offered by adapters that can leave such remains (`fsBucket`); on the others Pauz
   * lists the prefix and deletes what it finds, which is then everything.
   */
  deletePrefix?(prefix: string, options?: CallOptions): Promise<void>;
  /**
   * Removes the remains of writes a crash interrupted (temp files no listing shows)
   * that are older than `olderThan`, and returns their bucket-relative names.
   * Offered by the same adapters as {@link SmartBucket.deletePrefix}.
   */
  sweepIncomplete?(options: SweepOptions): Promise<string[]>;
}

/**
 * A {@link SmartBucket} that always offers {@link SmartBucket.search}.
 *
 * @category Ports
 */
export interface SearchableSmartBucket extends SmartBucket {
  /** Semantic (or, for local adapters, word-match) search over the bucket's content. */
  search(input: SmartBucketSearchInput): Promise<SmartBucketSearchResults>;
}
