import { PDFDocument } from 'pdf-lib';
import { PauzError } from '../errors.js';
import type { JournalPdfDocument, JournalPdfMetadata } from './document.js';
import { defaultPdfFont } from './fonts/default-font.js';
import { PdfFontSet, type PdfFontSource } from './fonts/font-set.js';
import { PageWriter } from './layout/page-writer.js';
import { PAGE_SIZES, themeFor } from './layout/theme.js';
import { typesetDocument } from './layout/typeset.js';
import { breakLines, lineRuns } from './text/line-breaking.js';
import { WordMeasurer } from './text/measure.js';

/** Options of {@link renderJournalPdf}; every one has a sensible default. */
export interface RenderJournalPdfOptions {
  /**
   * The main font. Default: the bundled DejaVu Sans subset (Latin, Greek, Cyrillic,
   * typographic punctuation; see `defaultPdfFont`).
   */
  font?: PdfFontSource;
  /**
   * Fonts tried in order for characters the main font lacks, for example a CJK font
   * (see {@link PdfFontSource}). Only the glyphs used are embedded.
   */
  fallbackFonts?: readonly PdfFontSource[];
  /** `A4` (default), `Letter`, or `[width, height]` in points. */
  pageSize?: 'A4' | 'Letter' | readonly [number, number];
  /** Body text size in points (6–36); everything else scales with it. Default 11. */
  fontSize?: number;
  /** Page margin in points. Default 64 (about 2.25 cm). */
  margin?: number;
  /** The footer of each page. Default `Page 3 of 12`. */
  pageLabel?: (page: number, pageCount: number) => string;
  /**
   * Shown for characters no font has (emoji, scripts without a font); the first one
   * a font can draw is used. Default `□`, then `?`.
   */
  replacementCharacters?: readonly string[];
}

const defaultPageLabel = (page: number, count: number): string => `Page ${page} of ${count}`;

/**
 * Typesets a {@link JournalPdfDocument} into a PDF: embedded Unicode fonts (subset),
 * title and subtitle header, word wrap with paragraphs and line breaks kept, page
 * breaks, page numbers, document metadata. Characters no font covers are replaced
 * visibly, never an error. Runtime-neutral (pdf-lib and fontkit only). Each
 * distinct word is measured and encoded once per document, so a 100-page journal
 * renders in a fraction of a second.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { freeJournalPdfDocument, renderJournalPdf } from '@pauz/core';
 *
 * const doc = freeJournalPdfDocument({
 *   title: 'Sunday',
 *   createdAt: '2026-06-14T08:30:00Z',
 *   mood: 'calm',
 *   content: 'Slept well.\n\nWalked to the lake & back (5 km).',
 *   hints: ['What made the walk feel good?'],
 * });
 * const bytes = await renderJournalPdf(doc, {
 *   // optional: a CJK font for Chinese, Japanese and Korean text
 *   fallbackFonts: [{ bytes: await readFile('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') }],
 * });
 * ```
 */
export async function renderJournalPdf(doc: JournalPdfDocument, options: RenderJournalPdfOptions = {}): Promise<Uint8Array> {
  const pageSize = typeof options.pageSize === 'string' ? PAGE_SIZES[options.pageSize] : (options.pageSize ?? PAGE_SIZES.A4);
  if (pageSize === undefined) throw new PauzError('VALIDATION_FAILED', `unknown PDF page size "${String(options.pageSize)}"`);
  const theme = themeFor(pageSize, options.fontSize ?? 11, options.margin ?? 64);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const sources = [options.font ?? { bytes: defaultPdfFont() }, ...(options.fallbackFonts ?? [])];
  const fonts = await PdfFontSet.embed(pdf, sources);
  const measurer = new WordMeasurer(fonts, options.replacementCharacters ?? ['□', '?']);
  const writer = new PageWriter(pdf, fonts, theme);

  typesetDocument(doc, writer, measurer);

  const pageLabel = options.pageLabel ?? defaultPageLabel;
  const count = writer.pages.length;
  for (let i = 0; i < count; i++) {
    const line = breakLines(pageLabel(i + 1, count), Number.POSITIVE_INFINITY, measurer)[0];
    if (line === undefined) continue;
    writer.onPage(i);
    const x = (theme.pageWidth - line.width * theme.footer.size) / 2;
    writer.text(lineRuns(line, measurer.space), x, theme.margin / 2, theme.footer);
  }
  writer.flush();

  writeMetadata(pdf, doc.metadata);
  return pdf.save();
}

function writeMetadata(pdf: PDFDocument, metadata: JournalPdfMetadata): void {
  const created = metadata.creationDate ?? new Date();
  pdf.setTitle(metadata.title, { showInWindowTitleBar: true });
  if (metadata.author !== undefined) pdf.setAuthor(metadata.author);
  if (metadata.subject !== undefined) pdf.setSubject(metadata.subject);
  if (metadata.keywords !== undefined) pdf.setKeywords(metadata.keywords);
  if (metadata.language !== undefined) pdf.setLanguage(metadata.language);
  pdf.setCreator('Pauz');
  pdf.setProducer('Pauz (pdf-lib)');
  pdf.setCreationDate(created);
  pdf.setModificationDate(metadata.modificationDate ?? created);
}
