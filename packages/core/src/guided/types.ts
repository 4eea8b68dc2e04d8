import type { GuidedEntry } from './schemas.js';
import type { GuidedPrompt, GuidedTopic } from './topics.js';

/**
 * A guided journal: the complete document, as stored in the `guided-journals` bucket.
 *
 * @category Domain
 */
export interface GuidedJournal {
  /** The guided journal id (UUID). */
  id: string;
  /** The topic the prompts were written for. */
  topic: GuidedTopic;
  /** Nine prompts, three per section. */
  prompts: GuidedPrompt[];
  /** The answers so far, one per answered prompt (by `promptId`). */
  entries: GuidedEntry[];
  /** Starts at 1, bumped by every update. Send it back as `baseVersion` to detect conflicts. */
  version: number;
  /** When the journal was created (ISO 8601 UTC instant). */
  createdAt: string;
  /** When the journal was last updated (ISO 8601 UTC instant). */
  updatedAt: string;
}

/**
 * A guided journal in a listing, served from its SQL index row alone.
 *
 * @category Domain
 */
export interface GuidedJournalPreview {
  /** The guided journal id (UUID). */
  id: string;
  /** The topic the prompts were written for. */
  topic: GuidedTopic;
  /** Prompts with a non-empty answer. */
  entryCount: number;
  /** Prompts in the journal (9). */
  promptCount: number;
  /** The first answer (or the first prompt), cut to ~160 characters. */
  preview: string;
  /** When the journal was created (ISO 8601 UTC instant). */
  createdAt: string;
  /** When the journal was last updated (ISO 8601 UTC instant). */
  updatedAt: string;
}
