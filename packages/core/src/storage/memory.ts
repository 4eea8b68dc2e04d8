import { memoryBucket } from '../buckets/memory.js';
import type { Clock } from '../runtime.js';
import { type PauzBuckets, pauzBuckets } from './buckets.js';

/**
 * The three buckets in memory, for tests and development (never a production store).
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/storage/memory.ts}
 */
export function memoryBuckets(
  options: {
    /**
     * Source of the `uploaded` dates.
     *
     * @defaultValue `systemClock`
     */
    clock?: Clock;
  } = {},
): PauzBuckets {
  return pauzBuckets((name) => memoryBucket(name, options));
}
