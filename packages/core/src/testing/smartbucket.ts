import { afterEach, beforeEach, describe } from 'vitest';
import type { SmartBucket } from '../buckets/types.js';
import { abortContract } from './smartbucket/abort.js';
import { type SmartBucketHarness, removeAll } from './smartbucket/harness.js';
import { listingContract } from './smartbucket/listing.js';
import { objectsContract } from './smartbucket/objects.js';
import { removalContract } from './smartbucket/removal.js';
import { searchContract } from './smartbucket/search.js';

export type { SmartBucketHarness } from './smartbucket/harness.js';

/**
 * What an adapter under test can do beyond the required surface.
 *
 * @category Testing
 */
export interface SmartBucketCapabilities {
  /**
   * Keeps `customMetadata`. When false the suite checks that a put carrying
   * metadata is refused with `SMARTBUCKET_FAILED` instead of losing it.
   *
   * @defaultValue `true`
   */
  customMetadata?: boolean;
  /**
   * Offers `search`. When false the suite checks that `search` is absent rather
   * than present and failing.
   *
   * @defaultValue `false`
   */
  search?: boolean;
  /**
   * How long a new object may take to become searchable, in milliseconds.
   *
   * @defaultValue `0`
   */
  searchLagMs?: number;
}

/**
 * A bucket opened for one contract test, and how to close it.
 *
 * @category Testing
 */
export interface OpenedSmartBucket {
  /** The bucket under test. */
  bucket: SmartBucket;
  /** Releases what `create` set up (server, temp directory). */
  close?: () => Promise<void> | void;
}

/**
 * Options of {@link testSmartBucket}.
 *
 * @category Testing
 */
export interface TestSmartBucketOptions {
  /** Shown in the test names, for example `memory` or `raindrop REST`. */
  name: string;
  /**
   * Opens the bucket, once per test. It may return the same (even a real, shared)
   * bucket every time: each test works under a prefix of its own and deletes it after.
   */
  create: () => Promise<OpenedSmartBucket> | OpenedSmartBucket;
  /**
   * What the adapter can do beyond the required surface.
   *
   * @defaultValue `{}` (each field's own default)
   */
  capabilities?: SmartBucketCapabilities;
  /**
   * Skips the suite (with the reason in its name) instead of running it.
   *
   * @defaultValue `false` (the suite runs)
   */
  skip?: string | false;
}

/**
 * Registers the SmartBucket contract suite with vitest: text and binary round trips,
 * content type and custom metadata, overwrite, head, delete, listing with prefixes
 * and paging, awkward keys, copies, errors, (when offered) search and an aborted
 * signal refused with `ABORTED` before anything changes — run against
 * the bucket `create()` returns. Call it at the top level of a test file, once per
 * adapter.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/testing/smartbucket.ts#example}
 */
export function testSmartBucket(options: TestSmartBucketOptions): void {
  const title = `SmartBucket contract: ${options.name}`;
  if (options.skip) {
    describe.skip(`${title} (skipped: ${options.skip})`, () => {});
    return;
  }
  const capabilities: Required<SmartBucketCapabilities> = {
    customMetadata: options.capabilities?.customMetadata ?? true,
    search: options.capabilities?.search ?? false,
    searchLagMs: options.capabilities?.searchLagMs ?? 0,
  };
  describe(title, () => {
    let opened: OpenedSmartBucket | undefined;
    let prefix = '';
    beforeEach(async () => {
      opened = await options.create();
      prefix = `contract-${crypto.randomUUID()}/`;
    });
    afterEach(async () => {
      const current = opened;
      opened = undefined;
      if (current === undefined) return;
      try {
        await removeAll(current.bucket, prefix);
      } finally {
        await current.close?.();
      }
    });
    const h = (): SmartBucketHarness => {
      if (opened === undefined) throw new Error('SmartBucket contract: the bucket did not open');
      const current = opened;
      return { bucket: current.bucket, prefix, key: (suffix) => `${prefix}${suffix}`, capabilities };
    };
    describe('objects', () => objectsContract(h));
    describe('removal', () => removalContract(h));
    describe('listing', () => listingContract(h));
    describe('search', () => searchContract(h));
    describe('abort signal', () => abortContract(h));
  });
}
