import { PauzError } from '../../errors.js';

/**
 * How dates are written in exported PDFs.
 *
 * @category PDF
 */
export interface PdfDateOptions {
  /**
   * BCP 47 locale of the date line.
   *
   * @defaultValue `'en-GB'` ("Monday 15 June 2026")
   */
  locale?: string;
  /**
   * IANA time zone the date is shown in. Pass the user's zone.
   *
   * @defaultValue `'UTC'`
   */
  timeZone?: string;
}

/** Parses an ISO 8601 string (or passes a Date through), refusing invalid dates. */
export function toDate(value: Date | string, field: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new PauzError('VALIDATION_FAILED', `${field} is not a valid date`);
  return date;
}

/**
 * The long date of `date`, for the header line of an export.
 *
 * @category PDF
 */
export function formatJournalDate(date: Date, options: PdfDateOptions = {}): string {
  try {
    return new Intl.DateTimeFormat(options.locale ?? 'en-GB', {
      dateStyle: 'full',
      timeZone: options.timeZone ?? 'UTC',
    }).format(date);
  } catch (error) {
    throw new PauzError('VALIDATION_FAILED', 'unknown locale or time zone for the PDF date', { cause: error });
  }
}
