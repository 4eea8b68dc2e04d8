import { bucketFailure } from './errors.js';
import type { SmartBucketSearchInput, SmartBucketSearchResult } from './types.js';

/** A checked {@link SmartBucketSearchInput} with its request id filled in. */
export interface SearchRequest {
  input: string;
  requestId: string;
}

/** Checks a search input (call `what`) and gives it a request id when it has none. */
export function searchRequest(what: string, search: SmartBucketSearchInput): SearchRequest {
  if (typeof search?.input !== 'string' || search.input.trim() === '') throw bucketFailure(what, 'input must be a non-empty string');
  const { requestId = crypto.randomUUID() } = search;
  if (typeof requestId !== 'string' || requestId === '') throw bucketFailure(what, 'requestId must be a non-empty string');
  return { input: search.input, requestId };
}

const SEARCHABLE_TYPE = /^(text\/|application\/([\w.-]+\+)?(json|xml)\b)/i;
const EXCERPT_CHARS = 300;

/** True for content types the local adapters search in: text, JSON and XML. */
export function isSearchableType(contentType: string): boolean {
  return SEARCHABLE_TYPE.test(contentType);
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * Word-match search for the local adapters (memory, filesystem): an object matches
 * when it contains at least one word of the input, and scores the share of the
 * input's words it contains. Not semantic, but enough to develop and test against.
 */
export function searchTexts(input: string, documents: Iterable<{ key: string; text: string }>): SmartBucketSearchResult[] {
  const wanted = [...words(input)];
  const results: SmartBucketSearchResult[] = [];
  if (wanted.length === 0) return results;
  for (const { key, text } of documents) {
    const present = words(text);
    const found = wanted.filter((word) => present.has(word)).length;
    if (found > 0) results.push({ key, text: text.slice(0, EXCERPT_CHARS), score: found / wanted.length });
  }
  return results.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
