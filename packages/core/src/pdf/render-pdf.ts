import { PDFDocument } from 'pdf-lib';
import { PauzError } from '../errors.js';
import type { JournalPdfDocument, JournalPdfMetadata } from './document.js';
import type { RenderJournalPdfOptions } from './render.js';
import { defaultPdfFont } from './fonts/default-font.js';
import { PdfFontSet } from './fonts/font-set.js';
import { yieldToEventLoop } from './layout/pacer.js';
import { PageWriter } from './layout/page-writer.js';
import { PAGE_SIZES, themeFor } from './layout/theme.js';
import { typesetDocument } from './layout/typeset.js';
import { breakLines, lineRuns } from './text/line-breaking.js';
import { WordMeasurer } from './text/measure.js';

const defaultPageLabel = (page: number, count: number): string => `Page ${page} of ${count}`;

/**
 * The implementation of {@link renderJournalPdf}, loaded on its first call (this module
 * pulls in pdf-lib and fontkit).
 * @internal
 */
export async function renderPdf(doc: JournalPdfDocument, options: RenderJournalPdfOptions = {}): Promise<Uint8Array> {
  const pageSize = typeof options.pageSize === 'string' ? PAGE_SIZES[options.pageSize] : (options.pageSize ?? PAGE_SIZES.A4);
  if (pageSize === undefined) throw new PauzError('VALIDATION_FAILED', `unknown PDF page size "${String(options.pageSize)}"`);
  const theme = themeFor(pageSize, options.fontSize ?? 11, options.margin ?? 64);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const sources = [options.font ?? { bytes: await defaultPdfFont() }, ...(options.fallbackFonts ?? [])];
  const fonts = await PdfFontSet.embed(pdf, sources);
  const measurer = new WordMeasurer(fonts, options.replacementCharacters ?? ['□', '?']);
  const writer = new PageWriter(pdf, fonts, theme);

  await typesetDocument(doc, writer, measurer);

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
    // The page is complete: compress it now, one page per slice of the event loop.
    writer.encode(i);
    await yieldToEventLoop();
  }

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
