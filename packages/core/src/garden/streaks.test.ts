import { describe, expect, it } from 'vitest';
import { computeStreaks } from './streaks.js';

describe('computeStreaks', () => {
  it('is zero for no dates', () => {
    expect(computeStreaks([], '2026-01-01')).toEqual({ current: 0, longest: 0 });
  });

  it('counts a run ending today or yesterday as current', () => {
    expect(computeStreaks(['2026-01-01', '2026-01-02', '2026-01-03'], '2026-01-03')).toEqual({ current: 3, longest: 3 });
    expect(computeStreaks(['2026-01-01', '2026-01-02', '2026-01-03'], '2026-01-04')).toEqual({ current: 3, longest: 3 });
    expect(computeStreaks(['2026-01-01', '2026-01-02', '2026-01-03'], '2026-01-05')).toEqual({ current: 0, longest: 3 });
  });

  it('ignores duplicates and order, and dates after today', () => {
    expect(computeStreaks(['2026-01-03', '2026-01-01', '2026-01-02', '2026-01-02', '2026-01-09'], '2026-01-03')).toEqual({
      current: 3,
      longest: 3,
    });
  });

  it('crosses month, leap-day and year boundaries', () => {
    expect(computeStreaks(['2028-02-28', '2028-02-29', '2028-03-01'], '2028-03-01').current).toBe(3);
    expect(computeStreaks(['2027-02-28', '2027-03-01'], '2027-03-01').current).toBe(2);
    expect(computeStreaks(['2025-12-31', '2026-01-01'], '2026-01-01').current).toBe(2);
  });

  it('keeps the longest run when the current one is shorter', () => {
    const dates = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-10', '2026-01-11'];
    expect(computeStreaks(dates, '2026-01-11')).toEqual({ current: 2, longest: 4 });
  });
});
