import type { SmartBucket } from '../buckets/types.js';
import { toHex } from '../runtime.js';

/**
 * The three SmartBuckets Pauz keeps its objects in.
 *
 * @category Ports
 */
export interface PauzBuckets {
  /** AI writing hints (`hints` in the Raindrop manifest). */
  hints: SmartBucket;
  /** Complete guided-journal documents (`guided-journals`). */
  guidedJournals: SmartBucket;
  /** Audio recordings (`audio-files`). */
  audio: SmartBucket;
}

/**
 * The bucket names of the seed's Raindrop manifest.
 *
 * @category Ports
 */
export const BUCKET_NAMES: Readonly<Record<keyof PauzBuckets, string>> = Object.freeze({
  hints: 'hints',
  guidedJournals: 'guided-journals',
  audio: 'audio-files',
});

/**
 * The roles of the three buckets, in a fixed order.
 *
 * @category Ports
 */
export const BUCKET_ROLES = Object.keys(BUCKET_NAMES) as Array<keyof PauzBuckets>;

/**
 * The three buckets from one factory, given each bucket's manifest name (`hints`,
 * `guided-journals`, `audio-files`).
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/storage/buckets.ts}
 */
export function pauzBuckets(make: (name: string) => SmartBucket): PauzBuckets {
  return { hints: make(BUCKET_NAMES.hints), guidedJournals: make(BUCKET_NAMES.guidedJournals), audio: make(BUCKET_NAMES.audio) };
}

/** The content type of Pauz's JSON documents: text, so SmartBucket indexes them for search. */
export const DOCUMENT_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** Every object of a user lives under this prefix, in every bucket. */
export function userPrefix(userId: string): string {
  return `users/${userId}/`;
}

/** Object keys, scoped by owner, named as in the seed (`hint-…`, `journal-…`, `audio_…`). */
export const objectKeys = {
  hint: (userId: string, hintId: string): string => `${userPrefix(userId)}hint-${hintId}.json`,
  /**
   * One object per write: a write never overwrites what readers may still be reading,
   * and two writers racing for the same version never share a key (the random part).
   */
  journal: (userId: string, journalId: string, version: number): string =>
    `${userPrefix(userId)}journal-${journalId}.v${version}.${toHex(crypto.getRandomValues(new Uint8Array(4)))}.json`,
  audio: (userId: string, recordingId: string, extension: string): string =>
    `${userPrefix(userId)}audio_${recordingId}.${extension}`,
  /** The PdfStore key of a session's PDF: stable, so a re-export replaces it. */
  freeJournalPdf: (userId: string, sessionId: string): string => `${userPrefix(userId)}free-journal-${sessionId}.pdf`,
  /** The PdfStore key of a guided journal's PDF. */
  guidedJournalPdf: (userId: string, journalId: string): string => `${userPrefix(userId)}guided-journal-${journalId}.pdf`,
  /** The PdfStore key of the user's book (one per user: a re-export replaces it). */
  bookPdf: (userId: string): string => `${userPrefix(userId)}book.pdf`,
};
