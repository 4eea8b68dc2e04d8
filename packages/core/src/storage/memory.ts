import { memoryBucket } from '../buckets/memory.js';
import type { Clock } from '../runtime.js';
import { type PauzBuckets, pauzBuckets } from './buckets.js';

/**
 * The three buckets in memory, for tests and development (never a production store).
 *
 * @example
 * ```ts
 * const pauz = createPauz({ db, buckets: memoryBuckets() });
 * ```
 */
export function memoryBuckets(options: { clock?: Clock } = {}): PauzBuckets {
  return pauzBuckets((name) => memoryBucket(name, options));
}
