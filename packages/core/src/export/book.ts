import { sql } from 'kysely';
import * as z from 'zod';
import { calendarDateSchema, localDayRange, timeZoneSchema } from '../dates.js';
import type { PauzDatabase } from '../db/schema.js';
import { isPauzError, PauzError } from '../errors.js';
import type { JournalPdfBlock } from '../pdf/document.js';
import type { JournalPdfBookCover } from '../pdf/book.js';
import type { PdfDateOptions } from '../pdf/builders/dates.js';

/** A locale `Intl` supports, for the dates of an exported PDF. */
export const pdfLocaleSchema = z
  .string()
  .max(35)
  .refine((tag) => {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
    } catch {
      return false;
    }
  }, 'must be a supported BCP 47 locale');

/**
 * Input of the book export: which days, in which time zone. Every field is optional;
 * without `from` and `to` the book holds the whole history.
 *
 * @category Schemas
 */
export const bookExportInputSchema = z
  .strictObject({
    /** First local day of the book, `YYYY-MM-DD` in `tz`, inclusive. Default: the first entry. */
    from: calendarDateSchema.optional(),
    /** Last local day of the book, `YYYY-MM-DD` in `tz`, inclusive. Default: the last entry. */
    to: calendarDateSchema.optional(),
    /** IANA time zone of `from`, `to` and the dates printed. Default UTC. */
    tz: timeZoneSchema.optional(),
    /** BCP 47 locale of the dates printed, for example `fr-FR`. Default `en-GB`. */
    locale: pdfLocaleSchema.optional(),
  })
  .refine((input) => input.from === undefined || input.to === undefined || input.from <= input.to, {
    message: 'must not be after to',
    path: ['from'],
  });

/**
 * Input of {@link Exports.book}.
 *
 * @category Schemas
 */
export type BookExportInput = z.input<typeof bookExportInputSchema>;

/** One journal of the book, as the index rows list it. */
export interface BookRow {
  kind: 'free' | 'guided';
  id: string;
  created_at: string;
}

/** Index rows read per query while the book is typeset. */
const ROWS_PER_QUERY = 50;

type Range = ReturnType<typeof localDayRange>;
type JournalTable = 'pauz_free_sessions' | 'pauz_guided_journals';

function inRange(db: PauzDatabase, table: JournalTable, userId: string, range: Range) {
  let select = db.selectFrom(table).where('user_id', '=', userId);
  if (range.start !== undefined) select = select.where('created_at', '>=', range.start);
  if (range.end !== undefined) select = select.where('created_at', '<', range.end);
  return select;
}

/** How many journals of both kinds the range holds. */
export async function countBookRows(db: PauzDatabase, userId: string, range: Range): Promise<number> {
  let total = 0;
  for (const table of ['pauz_free_sessions', 'pauz_guided_journals'] as const) {
    const row = await inRange(db, table, userId, range).select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst();
    total += Number(row?.n ?? 0);
  }
  return total;
}

/** One table's rows of the range, oldest first, a page of rows per query (keyset paging). */
async function* rowsOf(db: PauzDatabase, table: JournalTable, kind: BookRow['kind'], userId: string, range: Range): AsyncGenerator<BookRow> {
  let after: BookRow | undefined;
  for (;;) {
    let select = inRange(db, table, userId, range).select(['id', 'created_at']);
    if (after !== undefined) {
      const { created_at: at, id } = after;
      select = select.where(sql<boolean>`(created_at > ${at} or (created_at = ${at} and id > ${id}))`);
    }
    const rows = await select.orderBy('created_at').orderBy('id').limit(ROWS_PER_QUERY).execute();
    for (const row of rows) yield (after = { kind, id: row.id, created_at: row.created_at });
    if (rows.length < ROWS_PER_QUERY) return;
  }
}

const before = (a: BookRow, b: BookRow): boolean => a.created_at < b.created_at || (a.created_at === b.created_at && a.id < b.id);

/**
 * Every free and guided journal of the range, oldest first (by creation time, then
 * id), both tables paged side by side: a page of ids each, never the whole list.
 */
export async function* bookRows(db: PauzDatabase, userId: string, range: Range): AsyncGenerator<BookRow> {
  const free = rowsOf(db, 'pauz_free_sessions', 'free', userId, range);
  const guided = rowsOf(db, 'pauz_guided_journals', 'guided', userId, range);
  let a = await free.next();
  let b = await guided.next();
  while (a.done !== true || b.done !== true) {
    if (b.done === true || (a.done !== true && before(a.value, b.value))) {
      yield a.value;
      a = await free.next();
    } else {
      yield b.value;
      b = await guided.next();
    }
  }
}

/** `undefined` for a journal deleted while the book was being made (it is left out), else `load()`. */
export async function unlessDeleted<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (isPauzError(error, 'NOT_FOUND')) return undefined;
    throw error;
  }
}

/** A day written `YYYY-MM-DD` as a long date of `locale`. */
function longDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** The date of an entry in the table of contents: short, in the book's time zone. */
export function contentsDate(createdAt: string, dates: Required<PdfDateOptions>): string {
  return new Intl.DateTimeFormat(dates.locale, { dateStyle: 'medium', timeZone: dates.timeZone }).format(new Date(createdAt));
}

/** The title page: whose journal, which days, how many entries (or that there are none). */
export function bookCover(author: string, from: string | undefined, to: string | undefined, locale: string, count: number): JournalPdfBookCover {
  const range =
    from !== undefined && to !== undefined
      ? `${longDay(from, locale)} – ${longDay(to, locale)}`
      : from !== undefined
        ? `From ${longDay(from, locale)}`
        : to !== undefined
          ? `Until ${longDay(to, locale)}`
          : 'All entries';
  const blocks: JournalPdfBlock[] =
    count === 0
      ? [{ kind: 'paragraph', text: 'There are no journal entries in this range.', tone: 'muted' }]
      : [{ kind: 'paragraph', text: count === 1 ? '1 entry' : `${count} entries` }];
  return { title: author, subtitle: `Journal · ${range}`, blocks };
}

/** `PAYLOAD_TOO_LARGE` naming the limit a book went over. */
export function bookTooLong(maxPages: number): PauzError {
  return new PauzError(
    'PAYLOAD_TOO_LARGE',
    `The book would have more than ${maxPages} pages (limits.bookPages): export a shorter range with from and to`,
  );
}
