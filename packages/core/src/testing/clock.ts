import type { Clock } from '../runtime.js';

/**
 * A {@link Clock} that only moves when told to.
 *
 * @category Testing
 */
export interface ManualClock extends Clock {
  /** Jumps to an instant. */
  set(instant: Date | string): void;
  /** Moves forward by `ms` milliseconds. */
  advance(ms: number): void;
}

/**
 * A clock for deterministic tests.
 *
 * @category Testing
 *
 * @example
 * ```ts
 * import { createPauz } from '@pauz/core';
 * import { manualClock } from '@pauz/core/testing';
 *
 * const clock = manualClock('2026-03-08T06:30:00Z');
 * const pauz = createPauz({ db, buckets, pdfs, clock });
 * clock.advance(24 * 60 * 60 * 1000);
 * ```
 */
export function manualClock(start: Date | string = '2026-01-01T12:00:00Z'): ManualClock {
  let current = new Date(start).getTime();
  if (Number.isNaN(current)) throw new Error(`manualClock: invalid start ${String(start)}`);
  return {
    now: () => new Date(current),
    set(instant) {
      current = new Date(instant).getTime();
    },
    advance(ms) {
      current += ms;
    },
  };
}
