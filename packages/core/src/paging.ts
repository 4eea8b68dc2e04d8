import { type RawBuilder, sql } from 'kysely';
import * as z from 'zod';
import { PauzError } from './errors.js';
import { fromBase64Url, toBase64Url } from './runtime.js';

/**
 * A page of results, newest first.
 *
 * @category Services
 */
export interface Page<T> {
  /** This page's items, at most the query's `limit`. */
  items: T[];
  /** Pass back as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
}

/** Position after the last item of a page: its creation time and id. */
export interface CursorPosition {
  createdAt: string;
  id: string;
}

/** zod schema of a page size: 1 to 100, default 20. */
export const limitSchema = z.coerce.number().int().min(1).max(100).default(20);

/** Encodes a page position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify([position.createdAt, position.id])));
}

const isToken = (v: unknown): v is string => typeof v === 'string' && /^[\w:.+-]{1,64}$/.test(v);

/** Decodes a cursor made by {@link encodeCursor}; `VALIDATION_FAILED` when it is not one. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(cursor)));
    if (Array.isArray(value) && value.length === 2 && isToken(value[0]) && isToken(value[1])) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through to the validation error below
  }
  throw new PauzError('VALIDATION_FAILED', 'Invalid cursor', {
    errors: [{ field: 'cursor', message: 'is not a cursor returned by this API' }],
  });
}

/** Splits `limit + 1` fetched rows into a page and its next cursor. */
export function toPage<R extends { created_at: string; id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: more && last !== undefined ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

/**
 * The condition "after this cursor" of a newest-first listing (`created_at desc, id
 * desc`) over one table; `VALIDATION_FAILED` for a cursor this API did not make.
 */
export function afterCursor(cursor: string): RawBuilder<boolean> {
  const { createdAt, id } = decodeCursor(cursor);
  return sql<boolean>`(created_at < ${createdAt} or (created_at = ${createdAt} and id < ${id}))`;
}
