import type { JournalPdfBlock, JournalPdfDocument } from '../document.js';
import { formatJournalDate, type PdfDateOptions, toDate } from './dates.js';

/**
 * The words a free-journal export prints besides the user's own.
 *
 * @category PDF
 */
export interface FreeJournalPdfLabels {
  /** Title of a session without one (default `Untitled session`). */
  untitled: string;
  /** Word before the mood on the date line (default `Mood`). */
  mood: string;
  /** Heading of the hints list (default `Writing hints`). */
  hints: string;
  /** Printed, muted, for a session with no text (default `Nothing written yet.`). */
  empty: string;
}

/**
 * What {@link freeJournalPdfDocument} needs: a session and the hints it was given.
 *
 * @category PDF
 */
export interface FreeJournalPdfInput extends PdfDateOptions {
  /** The session's title; `labels.untitled` when blank. */
  title: string;
  /** When the session was created (a `Date` or ISO 8601); the date line and the PDF creation date. */
  createdAt: Date | string;
  /** Last change; becomes the PDF modification date. */
  updatedAt?: Date | string;
  /** The session's mood (for example `calm`), or null when not reflected yet. */
  mood?: string | null;
  /** The journal text; paragraphs and line breaks are kept. */
  content: string;
  /** The writing hints of the session, oldest first. */
  hints?: readonly string[];
  /** Written into the PDF's author field, typically the user's display name. */
  author?: string;
  /**
   * The words printed besides the user's own, for translations.
   *
   * @defaultValue English: `Untitled session`, `Mood`, `Writing hints`, `Nothing written yet.`
   */
  labels?: Partial<FreeJournalPdfLabels>;
}

const DEFAULT_LABELS: FreeJournalPdfLabels = {
  untitled: 'Untitled session',
  mood: 'Mood',
  hints: 'Writing hints',
  empty: 'Nothing written yet.',
};

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The printable form of a free-journal session: title, a date line with the mood,
 * the content with its paragraphs and line breaks, then the hints as a list.
 *
 * @category PDF
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/pdf/builders/free-journal.ts}
 */
export function freeJournalPdfDocument(input: FreeJournalPdfInput): JournalPdfDocument {
  const labels = { ...DEFAULT_LABELS, ...input.labels };
  const createdAt = toDate(input.createdAt, 'createdAt');
  const title = input.title.trim() === '' ? labels.untitled : input.title.trim();
  const date = formatJournalDate(createdAt, input);
  const mood = input.mood?.trim();
  const blocks: JournalPdfBlock[] = [];
  // A blank line (possibly with spaces) separates paragraphs; single breaks stay inside.
  const paragraphs = input.content.split(/\r?\n[ \t]*(?:\r?\n[ \t]*)+/).filter((p) => p.trim() !== '');
  if (paragraphs.length === 0) blocks.push({ kind: 'paragraph', text: labels.empty, tone: 'muted' });
  for (const text of paragraphs) blocks.push({ kind: 'paragraph', text });
  const hints = (input.hints ?? []).filter((h) => h.trim() !== '');
  if (hints.length > 0) {
    blocks.push({ kind: 'heading', text: labels.hints, level: 2 });
    blocks.push({ kind: 'list', items: hints });
  }
  return {
    title,
    subtitle: mood ? `${date} · ${labels.mood}: ${capitalise(mood)}` : date,
    metadata: {
      title,
      ...(input.author === undefined ? {} : { author: input.author }),
      subject: 'Free journal',
      creationDate: createdAt,
      modificationDate: input.updatedAt === undefined ? createdAt : toDate(input.updatedAt, 'updatedAt'),
    },
    blocks,
  };
}
