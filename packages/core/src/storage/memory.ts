import { memoryBucket } from '../buckets/memory.js';
import type { Clock } from '../runtime.js';
import { type PauzBuckets, pauzBuckets } from './buckets.js';

/**
 * The three buckets in memory, for tests and development (never a production store).
 *
 * @category Adapters
 *
 * @example
 * ```ts
 * import { createPauz, memoryBuckets, memoryPdfStore } from '@pauz/core';
 *
 * const pauz = createPauz({
 *   db,
 *   buckets: memoryBuckets(),
 *   pdfs: memoryPdfStore({ secret: 'a-development-secret-of-32-chars!', publicBaseUrl: 'http://127.0.0.1:3000' }),
 * });
 * ```
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
