import { type RawBuilder, sql } from 'kysely';
import * as z from 'zod';
import type { PauzContext } from '../context.js';
import { chunked } from '../db/atomic.js';
import { PauzError } from '../errors.js';
import { limitSchema } from '../paging.js';
import { fromBase64Url, toBase64Url } from '../runtime.js';
import type { SmartBucket } from '../buckets/types.js';
import { userPrefix } from '../storage/buckets.js';
import type { CallOptions } from '../upstream.js';
import { parseInput, storableText } from '../validation.js';
import { indexPending } from './entries.js';
import { isPostgres, type SearchKind } from './index-rows.js';
import { ftsMatch, matchingItemIds, tsMatch } from './match.js';
import { queryWords } from './normalize.js';
import { snippetOf } from './snippet.js';

export type { SearchKind } from './index-rows.js';

/**
 * The kinds of item search finds, in the order `kind` names them.
 *
 * @category Domain
 */
export const SEARCH_KINDS = ['free', 'guided', 'hint'] as const;

/**
 * Query of {@link Search.query}.
 *
 * @category Schemas
 */
export const searchQuerySchema = z.strictObject({
  /** What to find: words, 1 to 200 characters after trimming. Case, accents and punctuation do not matter. */
  q: storableText().trim().min(1).max(200),
  /** Only items of this kind. */
  kind: z.enum(SEARCH_KINDS).optional(),
  /**
   * Items per page, 1 to 100.
   *
   * @defaultValue `20`
   */
  limit: limitSchema,
  /** The `nextCursor` of the previous page, to continue after it; the first page without it. */
  cursor: z.string().max(500).optional(),
});

/**
 * Query of {@link Search.query}.
 *
 * @category Schemas
 */
export type SearchQuery = z.input<typeof searchQuerySchema>;

/**
 * One match of {@link Search.query}.
 *
 * @category Domain
 */
export interface SearchResult {
  /** What was found: a free-journal session, a guided journal or a hint. */
  kind: SearchKind;
  /** The session, guided journal or hint id. */
  id: string;
  /** For a hint, its session; else `null`. */
  sessionId: string | null;
  /** The session's title (a hint's session), or the guided journal's topic. */
  title: string;
  /** At most 240 characters of the text around the first matching word. */
  snippet: string;
  /** Higher is better; results come ordered by it (see {@link Search.query}). */
  score: number;
  /** When the item was created (ISO 8601 UTC instant). */
  createdAt: string;
  /** When the item last changed (ISO 8601 UTC instant). */
  updatedAt: string;
}

/**
 * Which searches answered: the full-text index alone, or merged with the semantic
 * search of the SmartBuckets that offer one (Raindrop).
 *
 * @category Domain
 */
export type SearchMode = 'text' | 'text+semantic';

/**
 * A page of {@link Search.query}.
 *
 * @category Domain
 */
export interface SearchPage {
  /** This page's matches, best first. */
  items: SearchResult[];
  /** Pass back as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
  /** Which searches answered. */
  mode: SearchMode;
}

/** Where a page starts: after a text match (its score and id), or at an offset into the semantic-only matches. */
type SearchCursor = { phase: 'text'; score: number; id: string } | { phase: 'semantic'; offset: number };

function encodeSearchCursor(cursor: SearchCursor): string {
  const value = cursor.phase === 'text' ? ['t', cursor.score, cursor.id] : ['s', cursor.offset];
  return toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
}

function decodeSearchCursor(cursor: string): SearchCursor {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(cursor)));
    if (Array.isArray(value)) {
      const [phase, a, b] = value as unknown[];
      if (phase === 't' && value.length === 3 && typeof a === 'number' && Number.isFinite(a) && typeof b === 'string' && /^[\w:.+-]{1,64}$/.test(b)) {
        return { phase: 'text', score: a, id: b };
      }
      if (phase === 's' && value.length === 2 && typeof a === 'number' && Number.isInteger(a) && a >= 0 && a <= 10_000) return { phase: 'semantic', offset: a };
    }
  } catch {
    // fall through to the validation error below
  }
  throw new PauzError('VALIDATION_FAILED', 'Invalid cursor', { errors: [{ field: 'cursor', message: 'is not a cursor returned by this API' }] });
}

/** A row of the text query: the item, the text its snippet comes from, its score. */
interface MatchRow {
  kind: string;
  item_id: string;
  session_id: string | null;
  title: string;
  body: string | null;
  created_at: string;
  updated_at: string;
  session_title: string | null;
  session_content: string | null;
  score: number | string;
}

/** What a semantic match adds to the text matches: its item and the bucket's relevance. */
interface SemanticHit {
  kind: 'guided' | 'hint';
  id: string;
  score: number;
}

/** Semantic matches asked of each bucket, at most. */
const SEMANTIC_MAX = 200;

/**
 * Full-text search over the acting user's own writing: free-journal titles and
 * content (transcripts included), guided-journal topics and answers, hints.
 *
 * @category Services
 */
export class Search {
  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext): Search {
    return new Search(ctx);
  }

  private constructor(private readonly ctx: PauzContext) {}

  /**
   * Finds the user's items holding the words of `q`, by the full-text index (SQLite
   * FTS5, PostgreSQL `tsvector`), case- and accent-insensitively in every script.
   * Chinese, Japanese, Korean and Thai words match as runs of characters.
   *
   * Ranking (`score`, higher first): first by how many of the query's words an item
   * holds, then by how many of them are in its title, then by how often they occur
   * (a number below 1, from the item alone — never from anyone else's writing).
   * So an item holding every word ranks above one holding some, and of two holding
   * the same words, a title match above a body match.
   *
   * Where the `guided-journals` or `hints` SmartBucket offers semantic search, its
   * matches under the user's own prefix whose index rows exist are merged in after
   * the text matches (`mode: 'text+semantic'`), scored below 1 by the bucket's
   * relevance; an item both found is ranked as its text match. A failing semantic
   * search fails the call with the bucket's error (`SMARTBUCKET_FAILED`, 502,
   * naming it) rather than answer less than asked; without a bucket that offers
   * it, the text index alone answers (`mode: 'text'`).
   *
   * `VALIDATION_FAILED` for a `q` empty or over 200 characters after trimming, or a
   * bad `limit`, `kind` or `cursor`. A `q` with no letters or digits matches nothing.
   */
  async query(userId: string, query: SearchQuery, options: CallOptions = {}): Promise<SearchPage> {
    const { q, kind, limit, cursor } = parseInput(searchQuerySchema, query, 'query');
    const position = cursor === undefined ? undefined : decodeSearchCursor(cursor);
    const words = queryWords(q);
    const semanticBuckets = this.#semanticBuckets(kind);
    const mode: SearchMode = semanticBuckets.length > 0 ? 'text+semantic' : 'text';
    if (words.length === 0) return { items: [], nextCursor: null, mode };
    await indexPending(this.ctx, userId);
    const items: SearchResult[] = [];
    if (position === undefined || position.phase === 'text') {
      const rows = await this.#textPage(userId, words, kind, limit + 1, position);
      for (const row of rows.slice(0, limit)) items.push(toResult(row, words));
      if (rows.length > limit) {
        const last = items[items.length - 1] as SearchResult;
        return { items, nextCursor: encodeSearchCursor({ phase: 'text', score: last.score, id: last.id }), mode };
      }
    }
    if (semanticBuckets.length === 0) return { items, nextCursor: null, mode };
    const offset = position?.phase === 'semantic' ? position.offset : 0;
    const hits = await this.#semanticOnly(userId, q, words, semanticBuckets, options);
    const room = limit - items.length;
    const taken = hits.slice(offset, offset + room);
    items.push(...(await this.#semanticResults(userId, taken, words)));
    const next = offset + taken.length;
    return { items, nextCursor: next < hits.length ? encodeSearchCursor({ phase: 'semantic', offset: next }) : null, mode };
  }

  /** The buckets whose semantic search a query of `kind` consults. */
  #semanticBuckets(kind: SearchKind | undefined): { kind: 'guided' | 'hint'; bucket: SmartBucket }[] {
    const { buckets } = this.ctx;
    const all = [
      { kind: 'guided' as const, bucket: buckets.guidedJournals },
      { kind: 'hint' as const, bucket: buckets.hints },
    ];
    return all.filter((b) => typeof b.bucket.search === 'function' && (kind === undefined || kind === b.kind));
  }

  /** One page of text matches, best first, after `position`. */
  async #textPage(userId: string, words: string[][], kind: SearchKind | undefined, take: number, position: SearchCursor | undefined): Promise<MatchRow[]> {
    const { db } = this.ctx;
    const tiers = words.length + 1;
    let matched: RawBuilder<unknown>;
    let source: RawBuilder<unknown>;
    let condition: RawBuilder<unknown>;
    if (isPostgres(db)) {
      const all = tsMatch(words);
      const held = sql.join(words.map((w) => sql`(i.tsv @@ cast(${tsMatch([w])} as tsquery))::int`), sql` + `);
      const titled = sql.join(words.map((w) => sql`(i.tsv @@ cast(${tsMatch([w], '|', true)} as tsquery))::int`), sql` + `);
      matched = sql`cast((${held}) * ${tiers} + (${titled}) as double precision) + cast(ts_rank(i.tsv, cast(${all} as tsquery), 33) as double precision)`;
      source = sql`pauz_search i`;
      condition = sql`i.user_id = ${userId} and i.tsv @@ cast(${all} as tsquery)`;
    } else {
      const inIndex = (match: string) => sql`(f.rowid in (select rowid from pauz_search_fts where pauz_search_fts match ${match}))`;
      const held = sql.join(words.map((w) => inIndex(ftsMatch(userId, [w]))), sql` + `);
      const titled = sql.join(words.map((w) => inIndex(ftsMatch(userId, [w], 'OR', 'title'))), sql` + `);
      // Occurrences in the title (weighed 3) and body, saturating below 1, from this row alone.
      const tf = sql`(3.0 * (length(highlight(pauz_search_fts, 1, char(1), '')) - length(f.title)) + (length(highlight(pauz_search_fts, 2, char(1), '')) - length(f.body)))`;
      matched = sql`(${held}) * ${tiers} + (${titled}) + ${tf} / (${tf} + 1.0 + length(f.body) / 2000.0)`;
      source = sql`pauz_search_fts f join pauz_search i on i.id = f.rowid`;
      condition = sql`pauz_search_fts match ${ftsMatch(userId, words)} and i.user_id = ${userId}`;
    }
    const ofKind = kind === undefined ? sql`` : sql` and i.kind = ${kind}`;
    const after =
      position?.phase === 'text'
        ? sql`where r.score < cast(${position.score} as double precision) or (r.score = cast(${position.score} as double precision) and r.item_id > ${position.id})`
        : sql``;
    const { rows } = await sql<MatchRow>`select * from (
        select i.kind, i.item_id, i.session_id, i.title, i.body, i.created_at, i.updated_at,
          s.title as session_title, s.content as session_content, ${matched} as score
        from ${source}
        left join pauz_free_sessions s on s.id = (case when i.kind = 'hint' then i.session_id else i.item_id end) and s.user_id = i.user_id
        where ${condition}${ofKind}
      ) r
      ${after}
      order by r.score desc, r.item_id asc
      limit ${take}`.execute(db);
    return rows;
  }

  /** The semantic matches of the buckets, kept under the user's prefix, with an index row, and not matched by text. */
  async #semanticOnly(
    userId: string,
    q: string,
    words: string[][],
    buckets: { kind: 'guided' | 'hint'; bucket: SmartBucket }[],
    options: CallOptions,
  ): Promise<SemanticHit[]> {
    const { db } = this.ctx;
    const prefix = userPrefix(userId);
    const hits: SemanticHit[] = [];
    for (const { kind, bucket } of buckets) {
      const search = bucket.search as NonNullable<SmartBucket['search']>;
      const { results } = await search.call(bucket, { input: q, signal: options.signal });
      const scores = new Map<string, number>();
      for (const result of results.slice(0, SEMANTIC_MAX)) {
        if (typeof result.key !== 'string' || !result.key.startsWith(prefix)) continue;
        const score = typeof result.score === 'number' && Number.isFinite(result.score) ? Math.min(Math.max(result.score, 0), 1) : 0;
        scores.set(result.key, Math.max(scores.get(result.key) ?? 0, score));
      }
      const table = kind === 'guided' ? 'pauz_guided_journals' : 'pauz_hints';
      for (const keys of chunked([...scores.keys()])) {
        const rows = await db.selectFrom(table).select(['id', 'object_key']).where('user_id', '=', userId).where('object_key', 'in', keys).execute();
        if (rows.length === 0) continue;
        const ids = rows.map((r) => r.id);
        const textual = new Set(
          (
            await db
              .selectFrom('pauz_search')
              .select('item_id')
              .where('user_id', '=', userId)
              .where('kind', '=', kind)
              .where('item_id', 'in', ids)
              .where(sql<boolean>`item_id in (${matchingItemIds(db, userId, words, kind, 'OR')})`)
              .execute()
          ).map((r) => r.item_id),
        );
        for (const row of rows) if (!textual.has(row.id)) hits.push({ kind, id: row.id, score: scores.get(row.object_key) ?? 0 });
      }
    }
    return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async #semanticResults(userId: string, hits: SemanticHit[], words: string[][]): Promise<SearchResult[]> {
    if (hits.length === 0) return [];
    const { db } = this.ctx;
    const rows = await db
      .selectFrom('pauz_search as i')
      .leftJoin('pauz_free_sessions as s', (join) => join.onRef('s.id', '=', 'i.session_id').onRef('s.user_id', '=', 'i.user_id'))
      .select(['i.kind', 'i.item_id', 'i.session_id', 'i.title', 'i.body', 'i.created_at', 'i.updated_at', 's.title as session_title', 's.content as session_content'])
      .where('i.user_id', '=', userId)
      .where('i.item_id', 'in', hits.map((h) => h.id))
      .execute();
    const byId = new Map(rows.map((row) => [row.item_id, row]));
    return hits.flatMap((hit) => {
      const row = byId.get(hit.id);
      // Kept only with an index row: an item deleted since the bucket indexed it is not shown.
      return row === undefined || row.kind !== hit.kind ? [] : [toResult({ ...row, score: hit.score * 0.99 }, words)];
    });
  }
}

function toResult(row: MatchRow, words: string[][]): SearchResult {
  const kind = row.kind as SearchKind;
  const text = kind === 'free' ? (row.session_content ?? '') : (row.body ?? '');
  const title = kind === 'guided' ? row.title : (row.session_title ?? row.title);
  return {
    kind,
    id: row.item_id,
    sessionId: kind === 'hint' ? row.session_id : null,
    title,
    snippet: snippetOf(text, words),
    score: Number(row.score),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
