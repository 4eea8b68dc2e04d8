import type { JournalPdfDocument } from './document.js';
import type { PdfFontSource } from './fonts/font-set.js';

/**
 * Options of {@link renderJournalPdf}; every one has a sensible default.
 *
 * @category PDF
 */
export interface RenderJournalPdfOptions {
  /**
   * The main font.
   *
   * @defaultValue `{ bytes: await defaultPdfFont() }`: the bundled DejaVu Sans subset (Latin,
   * Greek, Cyrillic, typographic punctuation)
   */
  font?: PdfFontSource;
  /**
   * Fonts tried in order for characters the main font lacks, for example a CJK font
   * (see {@link PdfFontSource}). Only the glyphs used are embedded.
   *
   * @defaultValue `[]`
   */
  fallbackFonts?: readonly PdfFontSource[];
  /**
   * `A4`, `Letter`, or `[width, height]` in points.
   *
   * @defaultValue `'A4'` (595.28 × 841.89 points)
   */
  pageSize?: 'A4' | 'Letter' | readonly [number, number];
  /**
   * Body text size in points (6–36); everything else scales with it.
   *
   * @defaultValue `11`
   */
  fontSize?: number;
  /**
   * Page margin in points.
   *
   * @defaultValue `64` (about 2.25 cm)
   */
  margin?: number;
  /**
   * The footer of each page, from the page number (from 1) and the page count.
   *
   * @defaultValue `Page <page> of <pageCount>`, as in `Page 3 of 12`
   */
  pageLabel?: (page: number, pageCount: number) => string;
  /**
   * Shown for characters no font has (emoji, scripts without a font); the first one
   * a font can draw is used.
   *
   * @defaultValue `['□', '?']`
   */
  replacementCharacters?: readonly string[];
}

/**
 * Typesets a {@link JournalPdfDocument} into a PDF: embedded Unicode fonts (subset),
 * title and subtitle header, word wrap with paragraphs and line breaks kept, page
 * breaks, page numbers, document metadata. Characters no font covers are replaced
 * visibly, never an error. Runtime-neutral (pdf-lib and fontkit only). Each
 * distinct word is measured and encoded once per document, so a 100-page journal
 * renders in a fraction of a second, and the work is cut into slices of about a page
 * with the event loop free in between, so other requests keep being answered while a
 * long journal renders (no worker thread needed: it works the same on Workers).
 *
 * pdf-lib and fontkit are loaded on the first call, not when `@pauz/core` is
 * imported: a server that never exports does not pay for them at start-up.
 *
 * @category PDF
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/pdf/render.ts}
 */
export async function renderJournalPdf(doc: JournalPdfDocument, options: RenderJournalPdfOptions = {}): Promise<Uint8Array> {
  const { renderPdf } = await import('./render-pdf.js');
  return renderPdf(doc, options);
}
