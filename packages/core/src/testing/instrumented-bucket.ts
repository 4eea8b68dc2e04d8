import { PauzError } from '../errors.js';
import type { SmartBucket, SweepOptions } from '../buckets/types.js';
import type { CallOptions } from '../upstream.js';
import type { PauzBuckets } from '../storage/buckets.js';

/**
 * The bucket operations an {@link InstrumentedBucket} counts.
 *
 * @category Testing
 */
export type InstrumentedOperation = 'put' | 'get' | 'head' | 'delete' | 'list';

/**
 * A bucket wrapper that counts calls, fails on request and passes every option (the
 * signal too) on, for tests. An inner bucket's `deletePrefix` and `sweepIncomplete`
 * are passed on too, counted (and failed) as `delete` and `list`.
 *
 * @category Testing
 */
export interface InstrumentedBucket extends SmartBucket {
  /** Calls per operation since the last {@link InstrumentedBucket.resetCalls}. */
  readonly calls: Record<InstrumentedOperation, number>;
  /** Keys passed to each call, in order, with the signal the call was given. */
  readonly log: Array<{
    /** The operation called. */
    operation: InstrumentedOperation;
    /** The key it was called with (`list`: the prefix; a `delete` of several: the keys joined with `,`). */
    key: string;
    /** The signal it was given, if any. */
    signal: AbortSignal | undefined;
  }>;
  /** Sets every count in {@link InstrumentedBucket.calls} back to 0 and empties the log. */
  resetCalls(): void;
  /** Makes the next `times` calls of `operation` fail with `SMARTBUCKET_FAILED`. */
  failNext(operation: InstrumentedOperation, times?: number): void;
  /** The wrapped bucket, to look at what is really stored. */
  readonly inner: SmartBucket;
}

/**
 * Wraps a bucket to count and fail its calls.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/testing/instrumented-bucket.ts}
 */
export function instrumentBucket(inner: SmartBucket): InstrumentedBucket {
  const zero = (): Record<InstrumentedOperation, number> => ({ put: 0, get: 0, head: 0, delete: 0, list: 0 });
  const calls = zero();
  const failures = zero();
  const log: InstrumentedBucket['log'] = [];
  const guard = (operation: InstrumentedOperation, key: string, signal: AbortSignal | undefined): void => {
    calls[operation] += 1;
    log.push({ operation, key, signal });
    if (failures[operation] > 0) {
      failures[operation] -= 1;
      throw new PauzError('SMARTBUCKET_FAILED', `SmartBucket ${operation} ${inner.name}/${key}: injected failure`);
    }
  };
  return {
    name: inner.name,
    calls,
    log,
    inner,
    resetCalls() {
      Object.assign(calls, zero());
      log.length = 0;
    },
    failNext(operation, times = 1) {
      failures[operation] += times;
    },
    async put(key, body, options) {
      guard('put', key, options?.signal);
      return inner.put(key, body, options);
    },
    async get(key, options) {
      guard('get', key, options?.signal);
      return inner.get(key, options);
    },
    async head(key, options) {
      guard('head', key, options?.signal);
      return inner.head(key, options);
    },
    async delete(keys, options) {
      guard('delete', typeof keys === 'string' ? keys : keys.join(','), options?.signal);
      return inner.delete(keys, options);
    },
    async list(options) {
      guard('list', options?.prefix ?? '', options?.signal);
      return inner.list(options);
    },
    // A prefix deletion is a delete, a sweep a listing: counted and failed as those.
    ...(inner.deletePrefix === undefined
      ? {}
      : {
          async deletePrefix(prefix: string, options?: CallOptions) {
            guard('delete', prefix, options?.signal);
            return inner.deletePrefix?.(prefix, options);
          },
        }),
    ...(inner.sweepIncomplete === undefined
      ? {}
      : {
          async sweepIncomplete(options: SweepOptions) {
            guard('list', '', options.signal);
            return (await inner.sweepIncomplete?.(options)) ?? [];
          },
        }),
  };
}

/**
 * {@link PauzBuckets} whose every bucket is instrumented.
 *
 * @category Testing
 */
export type InstrumentedBuckets = { [K in keyof PauzBuckets]: InstrumentedBucket };

/**
 * Instruments each of the three buckets.
 *
 * @category Testing
 */
export function instrumentBuckets(buckets: PauzBuckets): InstrumentedBuckets {
  return {
    hints: instrumentBucket(buckets.hints),
    guidedJournals: instrumentBucket(buckets.guidedJournals),
    audio: instrumentBucket(buckets.audio),
  };
}
