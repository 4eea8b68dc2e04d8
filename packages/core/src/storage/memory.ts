import { memoryBucket } from '../buckets/memory.js';
import type { Clock } from '../runtime.js';
import { BUCKET_NAMES, type PauzBuckets } from './buckets.js';

/**
 * The three buckets in memory, for tests and development (never a production store).
 *
 * @example
 * ```ts
 * const pauz = createPauz({ db, buckets: memoryBuckets() });
 * ```
 */
export function memoryBuckets(options: { clock?: Clock } = {}): PauzBuckets {
  return {
    hints: memoryBucket(BUCKET_NAMES.hints, options),
    guidedJournals: memoryBucket(BUCKET_NAMES.guidedJournals, options),
    audio: memoryBucket(BUCKET_NAMES.audio, options),
  };
}
