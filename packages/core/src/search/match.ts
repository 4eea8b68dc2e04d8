import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { PauzDatabase } from '../db/schema.js';
import { isPostgres, ownerToken, type SearchKind } from './index-rows.js';

/*
 * The query languages of the two indexes, written only from tokens of the
 * normalizer (letters, digits and marks): a query word is a quoted phrase, never
 * syntax, and every match string is a bound parameter.
 */

/** An FTS5 phrase of a word's tokens. */
const ftsPhrase = (word: string[]): string => `"${word.join(' ')}"`;
/** A tsquery phrase of a word's tokens, optionally only in the title (weight A). */
const tsPhrase = (word: string[], title = false): string => word.map((t) => `'${t}'${title ? ':A' : ''}`).join(' <-> ');

/** FTS5: the owner's rows with any (or every) of `words`, in title or body. @internal */
export function ftsMatch(userId: string, words: string[][], join: 'OR' | 'AND' = 'OR', columns = '{title body}'): string {
  return `owner : "${ownerToken(userId)}" AND ${columns} : (${words.map(ftsPhrase).join(` ${join} `)})`;
}

/** tsquery: any (or every) of `words`, optionally in the title only. @internal */
export function tsMatch(words: string[][], join: '|' | '&' = '|', title = false): string {
  return words.map((word) => `(${tsPhrase(word, title)})`).join(` ${join} `);
}

/**
 * The ids of the user's items (of `kind`) holding every word (`AND`) or any
 * (`OR`): a subquery through the index, for `where id in (…)`.
 * @internal
 */
export function matchingItemIds(db: PauzDatabase, userId: string, words: string[][], kind: SearchKind, join: 'AND' | 'OR'): RawBuilder<string> {
  if (isPostgres(db)) {
    return sql<string>`select item_id from pauz_search where user_id = ${userId} and kind = ${kind} and tsv @@ cast(${tsMatch(words, join === 'AND' ? '&' : '|')} as tsquery)`;
  }
  return sql<string>`select i.item_id from pauz_search_fts f join pauz_search i on i.id = f.rowid where pauz_search_fts match ${ftsMatch(userId, words, join)} and i.user_id = ${userId} and i.kind = ${kind}`;
}

/** The condition "`id` is one of the user's sessions holding every word". @internal */
export function sessionHoldsWords(db: PauzDatabase, userId: string, words: string[][]): Expression<SqlBool> {
  return sql<SqlBool>`id in (${matchingItemIds(db, userId, words, 'free', 'AND')})`;
}
