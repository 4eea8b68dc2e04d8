import { bucketFailure } from './errors.js';
import { compareKeys } from './keys.js';
import type { SmartBucketList, SmartBucketListEntry, SmartBucketListOptions } from './types.js';

/** Most entries one list page may hold, as in R2. */
export const MAX_LIST_LIMIT = 1000;

/** Validated {@link SmartBucketListOptions} with defaults applied. */
export interface ListWindow {
  prefix: string;
  cursor: string | undefined;
  limit: number;
}

/** Checks list options (call `what`) and applies the defaults. */
export function listWindow(what: string, options: SmartBucketListOptions = {}): ListWindow {
  const { prefix = '', cursor, limit = MAX_LIST_LIMIT } = options;
  if (typeof prefix !== 'string') throw bucketFailure(what, 'prefix must be a string');
  if (cursor !== undefined && (typeof cursor !== 'string' || cursor === '')) {
    throw bucketFailure(what, 'cursor must be the non-empty string a previous page returned');
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw bucketFailure(what, `limit must be an integer from 1 to ${MAX_LIST_LIMIT}`);
  }
  return { prefix, cursor, limit };
}

/** One page cut from a complete listing. */
export interface Page<E> {
  entries: E[];
  truncated: boolean;
  cursor?: string;
}

/**
 * Cuts one page from entries of any order, for backends that list everything at once
 * (memory, filesystem, the Raindrop REST API): keys with the prefix, after the
 * cursor, in code point order. The cursor is the last key of the page, so a page
 * stays correct when keys are added or deleted between calls.
 */
export function pageOf<E extends { key: string }>(entries: Iterable<E>, window: ListWindow): Page<E> {
  const { prefix, cursor, limit } = window;
  const matching: E[] = [];
  for (const entry of entries) {
    if (entry.key.startsWith(prefix) && (cursor === undefined || compareKeys(entry.key, cursor) > 0)) matching.push(entry);
  }
  matching.sort((a, b) => compareKeys(a.key, b.key));
  if (matching.length <= limit) return { entries: matching, truncated: false };
  const page = matching.slice(0, limit);
  return { entries: page, truncated: true, cursor: (page[page.length - 1] as E).key };
}

/**
 * A {@link SmartBucketList} with the port's promise kept: `cursor` present exactly
 * when `truncated` is true. A backend that says "truncated" without a cursor fails
 * the call `what` rather than ending the listing early.
 */
export function listResult(what: string, objects: SmartBucketListEntry[], truncated: boolean, cursor: string | undefined): SmartBucketList {
  if (!truncated) return { objects, truncated: false };
  if (typeof cursor !== 'string' || cursor === '') throw bucketFailure(what, 'the backend reported more entries but no cursor');
  return { objects, truncated: true, cursor };
}
