import type { JournalPdfBlock, JournalPdfDocument, JournalPdfMetadata } from './document.js';
import type { RenderJournalPdfOptions } from './render.js';

/**
 * One entry of a {@link JournalPdfBook}: its line in the table of contents and the
 * document typeset from a new page.
 *
 * @category PDF
 */
export interface JournalPdfBookEntry {
  /** Its title in the table of contents; shortened with `…` to fit one line. */
  title: string;
  /** Printed before the title in the table of contents, typically the date. */
  date: string;
  /** The entry itself, starting on a new page. */
  document: JournalPdfDocument;
}

/**
 * The title page of a {@link JournalPdfBook}.
 *
 * @category PDF
 */
export interface JournalPdfBookCover {
  /** Big title, for example the author's journal. */
  title: string;
  /** Smaller line under it, for example the range of dates. */
  subtitle?: string;
  /** What follows on the title page, for example the number of entries. */
  blocks: JournalPdfBlock[];
}

/**
 * A book of journal entries: a title page, a table of contents with the page each
 * entry starts on, then every entry from a new page, in the order given.
 *
 * @category PDF
 */
export interface JournalPdfBook {
  /**
   * The title page, asked for once every entry is typeset, so it can say how many
   * there are (`0` for an empty book, which has no table of contents).
   */
  cover(entryCount: number): JournalPdfBookCover;
  /**
   * Heading of the table of contents.
   *
   * @defaultValue `'Contents'`
   */
  contentsTitle?: string;
  /** Document information dictionary of the PDF. */
  metadata: JournalPdfMetadata;
  /**
   * The entries in reading order, pulled one at a time: the renderer holds only the
   * entry it is typesetting (and a table-of-contents line per entry), so a source
   * that reads each entry when asked keeps memory bounded by the PDF itself.
   */
  entries: AsyncIterable<JournalPdfBookEntry>;
}

/**
 * Options of {@link renderJournalPdfBook}: those of a single journal, and a length limit.
 *
 * @category PDF
 */
export interface RenderJournalPdfBookOptions extends RenderJournalPdfOptions {
  /**
   * Most pages the book may have, front matter included; typesetting stops with
   * `PAYLOAD_TOO_LARGE` as soon as it would have more.
   *
   * @defaultValue `Infinity`
   */
  maxPages?: number;
}

/**
 * What {@link renderJournalPdfBook} made.
 *
 * @category PDF
 */
export interface RenderedJournalPdfBook {
  /** The PDF. */
  bytes: Uint8Array;
  /** Its page count. */
  pages: number;
  /** How many entries it holds. */
  entries: number;
}

/**
 * Typesets a {@link JournalPdfBook}: the entries first, each from a new page, then
 * the title page and the table of contents are put in front of them, so the table
 * knows every entry's real starting page however many pages it takes itself. Each
 * finished page is compressed at once and only its bytes are kept, so memory grows
 * with the size of the PDF, never with the operators that drew it; fonts, page size
 * and footers as in {@link renderJournalPdf}.
 *
 * @category PDF
 */
export async function renderJournalPdfBook(book: JournalPdfBook, options: RenderJournalPdfBookOptions = {}): Promise<RenderedJournalPdfBook> {
  const { renderBook } = await import('./render-book.js');
  return renderBook(book, options);
}
