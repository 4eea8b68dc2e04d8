/**
 * The neutral document model the PDF renderer typesets. Builders turn journals into
 * it ({@link freeJournalPdfDocument}, {@link guidedJournalPdfDocument}); a host can
 * build one by hand for its own exports. Text is plain Unicode: no markup, nothing
 * to escape.
 *
 * @category PDF
 */
export interface JournalPdfDocument {
  /** Big title at the top of the first page. */
  title: string;
  /** Smaller line under the title, typically the date (and mood). */
  subtitle?: string;
  /** Document information dictionary (shown by viewers, read by `pdfinfo`). */
  metadata: JournalPdfMetadata;
  /** The body, in reading order. */
  blocks: JournalPdfBlock[];
}

/**
 * Document properties written into the PDF.
 *
 * @category PDF
 */
export interface JournalPdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** BCP 47 language tag of the text, for example `en` or `de-CH`. */
  language?: string;
  /** When the journal was created; default: now. */
  creationDate?: Date;
  /** When it last changed; default: `creationDate`. */
  modificationDate?: Date;
}

/**
 * One block of the body.
 *
 * - `heading`: a section title (level 1) or sub-title (level 2); kept with what follows.
 * - `paragraph`: running text; `\n` is a line break, an empty line a blank line.
 *   `tone: 'muted'` prints it smaller and grey (notes such as "no answer yet").
 * - `item`: a labelled answer, for example a prompt (label) and its response (text).
 * - `list`: a bulleted list; each item may contain line breaks.
 *
 * @category PDF
 */
export type JournalPdfBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string; tone?: 'normal' | 'muted' }
  | { kind: 'item'; label: string; text: string; placeholder?: string }
  | { kind: 'list'; items: string[] };
