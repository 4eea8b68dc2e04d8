import * as z from 'zod';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a calendar date; unlike `Date.UTC`, years 0–99 stay years 0–99 (not 1900–1999). */
function utcMidnight(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = utcMidnight(y, mo, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** True for an IANA time-zone name this runtime knows (`Europe/Paris`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of `instant` in time zone `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  let fmt = formatters.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, fmt);
  }
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` date; calendar arithmetic, no DST. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(utcMidnight(y, m, d).getTime() / 86_400_000);
}

/** Inverse of {@link dayNumber}. */
export function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** zod schema of a `YYYY-MM-DD` calendar date. */
export const calendarDateSchema = z
  .string()
  .refine(isCalendarDate, { message: 'must be a calendar date YYYY-MM-DD' });

/** zod schema of an IANA time-zone name. */
export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, { message: 'must be an IANA time-zone name such as Europe/Paris' });

/**
 * zod schema of a range bound: a `YYYY-MM-DD` date or an ISO 8601 instant with an
 * offset (`2026-03-01T08:00:00Z`).
 */
export const rangeBoundSchema = z.union([calendarDateSchema, z.iso.datetime({ offset: true })], {
  error: 'must be a date YYYY-MM-DD or an ISO 8601 date-time',
});

/** The last instant stored timestamps can name: they are `YYYY-…` strings, four-digit years. */
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');
const FIRST_INSTANT_MS = Date.parse('0000-01-01T00:00:00.000Z');

/** A UTC instant as stored (`Date#toISOString`, always a four-digit year), clamped to the years 0000–9999. */
function storedInstant(ms: number): string {
  return new Date(Math.min(Math.max(ms, FIRST_INSTANT_MS), LAST_INSTANT_MS)).toISOString();
}

/**
 * Turns optional `from`/`to` bounds (dates or instants, both inclusive) into a
 * half-open UTC instant range `[start, end)`. A date bound covers that whole UTC day.
 *
 * The bounds are compared with stored timestamps as strings (in SQL, on every
 * dialect), so they are written exactly like them: a bound past the year 9999 (`to`
 * = `9999-12-31` ends at 10000-01-01, which `toISOString` writes `+010000-…`, a string
 * that sorts before every stored one) means no upper bound, and one before the year
 * 0000 no lower bound.
 */
export function instantRange(from?: string, to?: string): { start?: string; end?: string } {
  const startMs = from === undefined ? undefined : isCalendarDate(from) ? Date.parse(`${from}T00:00:00.000Z`) : Date.parse(from);
  const endMs =
    to === undefined ? undefined : isCalendarDate(to) ? Date.parse(`${to}T00:00:00.000Z`) + 86_400_000 : Date.parse(to) + 1;
  return {
    start: startMs === undefined || startMs <= FIRST_INSTANT_MS ? undefined : storedInstant(startMs),
    end: endMs === undefined || endMs > LAST_INSTANT_MS ? undefined : storedInstant(endMs),
  };
}

/**
 * The first instant whose calendar date in `timeZone` is `date` or later: local
 * midnight, or the first instant after it when midnight does not exist there (a
 * daylight-saving change at 00:00). Found by bisection over the instants ±26 hours
 * around UTC midnight (every offset the time-zone database knows is within ±16
 * hours), so no rule of any zone is hard-coded. Dates before the year 1000 or in
 * after 30 December 9999 are taken in UTC.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const midnight = Date.parse(`${date}T00:00:00.000Z`);
  // Local dates are compared as strings, which needs four-digit years on both sides.
  if (date < '1000-01-02' || date > '9999-12-30') return midnight;
  let before = midnight - 26 * 3_600_000; // on an earlier local date
  let atOrAfter = midnight + 26 * 3_600_000; // on this local date or later
  while (atOrAfter - before > 1) {
    const mid = before + Math.floor((atOrAfter - before) / 2);
    if (localDate(new Date(mid), timeZone) >= date) atOrAfter = mid;
    else before = mid;
  }
  return atOrAfter;
}

/**
 * Turns optional local calendar dates `from`/`to` (`YYYY-MM-DD`, both inclusive) in
 * `timeZone` into a half-open UTC instant range `[start, end)`, written like stored
 * timestamps; a missing bound (or one past the years 0000–9999) is no bound.
 */
export function localDayRange(from: string | undefined, to: string | undefined, timeZone: string): { start?: string; end?: string } {
  const startMs = from === undefined ? undefined : startOfLocalDay(from, timeZone);
  const endMs = to === undefined || to === '9999-12-31' ? undefined : startOfLocalDay(fromDayNumber(dayNumber(to) + 1), timeZone);
  return {
    start: startMs === undefined || startMs <= FIRST_INSTANT_MS ? undefined : storedInstant(startMs),
    end: endMs === undefined || endMs > LAST_INSTANT_MS ? undefined : storedInstant(endMs),
  };
}
