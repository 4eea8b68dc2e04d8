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
 * {@includeCode ../../../../docs/snippets/api/core/testing/clock.ts}
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
