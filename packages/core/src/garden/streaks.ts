import { dayNumber } from '../dates.js';

/**
 * Current and longest streak of consecutive calendar days.
 *
 * @category Domain
 */
export interface Streaks {
  /** Consecutive days with an entry ending today, or yesterday when today has none yet; 0 otherwise. */
  current: number;
  /** Longest run of consecutive days with an entry. */
  longest: number;
}

/**
 * Streaks over a set of `YYYY-MM-DD` dates. Days are counted on the calendar (no
 * clock time), so DST changes and year boundaries need no special case. The current
 * streak ends today, or yesterday when today has no entry yet; dates after `today`
 * are ignored.
 *
 * @category Domain
 */
export function computeStreaks(dates: Iterable<string>, today: string): Streaks {
  const todayN = dayNumber(today);
  const days = [...new Set([...dates].map(dayNumber))].filter((d) => d <= todayN).sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  let previous = Number.NaN;
  for (const day of days) {
    run = day === previous + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = day;
  }
  const last = days[days.length - 1];
  const current = last !== undefined && last >= todayN - 1 ? run : 0;
  return { current, longest };
}
