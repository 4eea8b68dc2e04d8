import type { SmartBucket, SmartBucketListEntry } from '../../buckets/types.js';

/**
 * What each SmartBucket contract test is handed.
 *
 * @category Testing
 */
export interface SmartBucketHarness {
  /** The bucket under test. */
  bucket: SmartBucket;
  /** The prefix this test owns; everything under it is deleted after the test. */
  prefix: string;
  /** `prefix + suffix`: a key this test owns. */
  key(suffix: string): string;
  /** The adapter's capabilities, defaults applied. */
  capabilities: {
    /** Whether the adapter keeps `customMetadata`. */
    customMetadata: boolean;
    /** Whether the adapter offers `search`. */
    search: boolean;
    /** How long a new object may take to become searchable, in milliseconds. */
    searchLagMs: number;
  };
}

/** Every entry under `prefix`, following cursors with pages of `limit`. */
export async function listAll(bucket: SmartBucket, prefix: string, limit?: number): Promise<SmartBucketListEntry[]> {
  const entries: SmartBucketListEntry[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await bucket.list({ prefix, cursor, limit });
    entries.push(...page.objects);
    if (!page.truncated) return entries;
    cursor = page.cursor;
  }
  throw new Error(`listing ${prefix} did not end after 10000 pages`);
}

/** Deletes every object under `prefix`. */
export async function removeAll(bucket: SmartBucket, prefix: string): Promise<void> {
  const keys = (await listAll(bucket, prefix)).map((entry) => entry.key);
  if (keys.length > 0) await bucket.delete(keys);
}

/** The bytes 0–255, `times` over. */
export function everyByte(times = 1): Uint8Array {
  return Uint8Array.from({ length: 256 * times }, (_, i) => i % 256);
}

/** A stream yielding `chunks` one by one. */
export function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}
