/**
 * PDF export: the document model, the two journal builders and the renderer.
 * Re-exported from the root entry.
 * @module
 */
export type { JournalPdfBlock, JournalPdfDocument, JournalPdfMetadata } from './document.js';
export { renderJournalPdf, type RenderJournalPdfOptions } from './render.js';
export type { PdfFontSource } from './fonts/font-set.js';
export { defaultPdfFont } from './fonts/default-font.js';
export { formatJournalDate, type PdfDateOptions } from './builders/dates.js';
export {
  freeJournalPdfDocument,
  type FreeJournalPdfInput,
  type FreeJournalPdfLabels,
} from './builders/free-journal.js';
export {
  guidedJournalPdfDocument,
  type GuidedJournalPdfInput,
  type GuidedJournalPdfLabels,
  type GuidedJournalPdfPrompt,
} from './builders/guided-journal.js';
export {
  renderJournalPdfBook,
  type JournalPdfBook,
  type JournalPdfBookCover,
  type JournalPdfBookEntry,
  type RenderedJournalPdfBook,
  type RenderJournalPdfBookOptions,
} from './book.js';
