import { PDFDocument } from 'pdf-lib';
import { PauzError } from '../errors.js';
import type { JournalPdfDocument, JournalPdfMetadata } from './document.js';
import type { RenderJournalPdfOptions } from './render.js';
import { defaultPdfFont } from './fonts/default-font.js';
import { PdfFontSet } from './fonts/font-set.js';
import { yieldToEventLoop } from './layout/pacer.js';
import { PageWriter } from './layout/page-writer.js';
import { PAGE_SIZES, type PdfTheme, themeFor } from './layout/theme.js';
import { typesetDocument } from './layout/typeset.js';
import { breakLines, lineRuns } from './text/line-breaking.js';
import { WordMeasurer } from './text/measure.js';

const defaultPageLabel = (page: number, count: number): string => `Page ${page} of ${count}`;

/** A PDF being written: the document, its fonts' measurer and the page writer. */
export interface OpenPdf {
  pdf: PDFDocument;
  theme: PdfTheme;
  measurer: WordMeasurer;
  writer: PageWriter;
}

/** Starts a PDF with the fonts and geometry of `options`. @internal */
export async function openPdf(options: RenderJournalPdfOptions): Promise<OpenPdf> {
  const pageSize = typeof options.pageSize === 'string' ? PAGE_SIZES[options.pageSize] : (options.pageSize ?? PAGE_SIZES.A4);
  if (pageSize === undefined) throw new PauzError('VALIDATION_FAILED', `unknown PDF page size "${String(options.pageSize)}"`);
  const theme = themeFor(pageSize, options.fontSize ?? 11, options.margin ?? 64);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const sources = [options.font ?? { bytes: await defaultPdfFont() }, ...(options.fallbackFonts ?? [])];
  const fonts = await PdfFontSet.embed(pdf, sources);
  const measurer = new WordMeasurer(fonts, options.replacementCharacters ?? ['□', '?']);
  return { pdf, theme, measurer, writer: new PageWriter(pdf, fonts, theme) };
}

/**
 * Writes the footer of every page (one page per slice of the event loop), the
 * metadata, and saves the PDF. @internal
 */
export async function closePdf(open: OpenPdf, metadata: JournalPdfMetadata, options: RenderJournalPdfOptions): Promise<Uint8Array> {
  const { pdf, theme, measurer, writer } = open;
  const pageLabel = options.pageLabel ?? defaultPageLabel;
  const count = writer.pages.length;
  for (let i = 0; i < count; i++) {
    const line = breakLines(pageLabel(i + 1, count), Number.POSITIVE_INFINITY, measurer)[0];
    writer.onPage(i);
    if (line !== undefined) {
      const x = (theme.pageWidth - line.width * theme.footer.size) / 2;
      writer.text(lineRuns(line, measurer.space), x, theme.margin / 2, theme.footer);
    }
    writer.flush();
    await yieldToEventLoop();
  }
  writeMetadata(pdf, metadata);
  return pdf.save();
}

/**
 * The implementation of {@link renderJournalPdf}, loaded on its first call (this module
 * pulls in pdf-lib and fontkit).
 * @internal
 */
export async function renderPdf(doc: JournalPdfDocument, options: RenderJournalPdfOptions = {}): Promise<Uint8Array> {
  const open = await openPdf(options);
  await typesetDocument(doc, open.writer, open.measurer);
  return closePdf(open, doc.metadata, options);
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
