import type { Mood } from '../garden/moods.js';

/**
 * A free-journal session.
 *
 * @category Domain
 */
export interface FreeJournalSession {
  id: string;
  title: string;
  content: string;
  wordCount: number;
  /** Set by reflection; `null` until then. */
  mood: Mood | null;
  /** Starts at 1, bumped by every write. Send it back as `baseVersion` to detect conflicts. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * A session in a listing: the first ~160 characters instead of the whole text.
 *
 * @category Domain
 */
export interface FreeJournalPreview {
  id: string;
  title: string;
  preview: string;
  wordCount: number;
  mood: Mood | null;
  createdAt: string;
  updatedAt: string;
}
