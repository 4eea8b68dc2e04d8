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
  /** The document title viewers show in their title bar. */
  title: string;
  /** The author field, typically the user's display name; left empty when absent. */
  author?: string;
  /** The subject field, for example `Free journal`; left empty when absent. */
  subject?: string;
  /** The keywords field, for example the guided topic; left empty when absent. */
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
  | {
      /** A section title. */
      kind: 'heading';
      /** The heading's text. */
      text: string;
      /** 1 (section title, the default) or 2 (sub-title, smaller). */
      level?: 1 | 2;
    }
  | {
      /** Running text. */
      kind: 'paragraph';
      /** The text; `\n` is a line break, an empty line a blank line. */
      text: string;
      /** `muted` prints it smaller and grey; `normal` is the default. */
      tone?: 'normal' | 'muted';
    }
  | {
      /** A labelled answer. */
      kind: 'item';
      /** The label, for example a prompt. */
      label: string;
      /** The answer. */
      text: string;
      /** Printed muted instead of an empty `text`, for example "No answer yet.". */
      placeholder?: string;
    }
  | {
      /** A bulleted list. */
      kind: 'list';
      /** The items; each may contain line breaks. */
      items: string[];
    };
