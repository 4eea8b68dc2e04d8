import type { Mood } from '../garden/moods.js';

/**
 * A free-journal session.
 *
 * @category Domain
 */
export interface FreeJournalSession {
  /** The session id (UUID). */
  id: string;
  /** The title as the user wrote it; may be empty. */
  title: string;
  /** The journal text, at most `limits.contentChars` characters. */
  content: string;
  /** Words in the content, as `countWords` counts them. */
  wordCount: number;
  /** Set by reflection; `null` until then. */
  mood: Mood | null;
  /** Starts at 1, bumped by every write. Send it back as `baseVersion` to detect conflicts. */
  version: number;
  /** When the session was created (ISO 8601 UTC instant). */
  createdAt: string;
  /** When the session was last saved (ISO 8601 UTC instant). */
  updatedAt: string;
}

/**
 * A session in a listing: the first ~160 characters instead of the whole text.
 *
 * @category Domain
 */
export interface FreeJournalPreview {
  /** The session id (UUID). */
  id: string;
  /** The title as the user wrote it; may be empty. */
  title: string;
  /** The text with white space collapsed, cut at a word boundary to at most 160 characters. */
  preview: string;
  /** Words in the content, as `countWords` counts them. */
  wordCount: number;
  /** Set by reflection; `null` until then. */
  mood: Mood | null;
  /** When the session was created (ISO 8601 UTC instant). */
  createdAt: string;
  /** When the session was last saved (ISO 8601 UTC instant). */
  updatedAt: string;
}

/**
 * A session written on this day in an earlier year (see {@link FreeJournal.onThisDay}).
 *
 * @category Domain
 */
export interface OnThisDayItem extends FreeJournalPreview {
  /** How many years before the asked day it was written (1 or more). */
  yearsAgo: number;
}

/**
 * What {@link FreeJournal.onThisDay} answers.
 *
 * @category Domain
 */
export interface OnThisDay {
  /** The day looked back from (`YYYY-MM-DD`, in the asked time zone). */
  date: string;
  /** Sessions of the same month and day in earlier years, newest first. */
  items: OnThisDayItem[];
}
