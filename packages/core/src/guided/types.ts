import type { GuidedEntry } from './schemas.js';
import type { GuidedPrompt, GuidedTopic } from './topics.js';

/**
 * A guided journal: the complete document, as stored in the `guided-journals` bucket.
 *
 * @category Domain
 */
export interface GuidedJournal {
  id: string;
  topic: GuidedTopic;
  /** Nine prompts, three per section. */
  prompts: GuidedPrompt[];
  entries: GuidedEntry[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * A guided journal in a listing, served from its SQL index row alone.
 *
 * @category Domain
 */
export interface GuidedJournalPreview {
  id: string;
  topic: GuidedTopic;
  /** Prompts with a non-empty answer. */
  entryCount: number;
  promptCount: number;
  /** The first answer (or the first prompt), cut to ~160 characters. */
  preview: string;
  createdAt: string;
  updatedAt: string;
}
