import { z } from 'zod';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
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
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
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

/**
 * Turns optional `from`/`to` bounds (dates or instants, both inclusive) into a
 * half-open UTC instant range `[start, end)`. A date bound covers that whole UTC day.
 */
export function instantRange(from?: string, to?: string): { start?: string; end?: string } {
  const start = from === undefined ? undefined : isCalendarDate(from) ? `${from}T00:00:00.000Z` : new Date(from).toISOString();
  const end =
    to === undefined
      ? undefined
      : isCalendarDate(to)
        ? `${fromDayNumber(dayNumber(to) + 1)}T00:00:00.000Z`
        : new Date(new Date(to).getTime() + 1).toISOString();
  return { start, end };
}
