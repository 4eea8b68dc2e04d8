import { type Compilable, type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { PauzDatabase } from '../db/schema.js';
import { searchTokens } from './normalize.js';

/**
 * The kinds of item search finds.
 *
 * @category Domain
 */
export type SearchKind = 'free' | 'guided' | 'hint';

/**
 * One item as the search index holds it; the text is the original (the index
 * tokens are made from it).
 * @internal
 */
export interface SearchEntry {
  kind: SearchKind;
  itemId: string;
  userId: string;
  /** For a hint, its session; else `null`. */
  sessionId: string | null;
  /** The title matched above the body: a session's title, a guided journal's topic; `''` for a hint. */
  title: string;
  /** The body's text: a session's content, a guided journal's answers, a hint's text. */
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** Whether `db` is PostgreSQL (its adapter, or one it derives from, is Kysely's `PostgresAdapter`). @internal */
export function isPostgres(db: Kysely<any>): boolean {
  for (let proto: object | null = Object.getPrototypeOf(db.getExecutor().adapter); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === 'PostgresAdapter') return true;
  }
  return false;
}

/**
 * The FTS5 token naming an owner: `u` and the user id's UTF-8 bytes in hex, one token
 * for the `ascii` tokenizer whatever the id holds.
 * @internal
 */
export function ownerToken(userId: string): string {
  return `u${Array.from(new TextEncoder().encode(userId), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

// PostgreSQL keeps positions 1..16383 and at most 256 of them per lexeme.
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;

/**
 * A `tsvector` literal of the title's tokens (weight A) and the body's (weight B),
 * positions in order (the body after a gap, so no phrase spans both). Read by the
 * `tsvector` input as it is: no parser or dictionary of PostgreSQL changes a token.
 * @internal
 */
export function tsvectorLiteral(title: string[], body: string[]): string {
  const positions = new Map<string, string[]>();
  const add = (tokens: string[], first: number, weight: string): void => {
    tokens.forEach((token, i) => {
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(first + i, MAX_POSITION)}${weight}`);
      positions.set(token, list);
    });
  };
  add(title, 1, 'A');
  add(body, title.length + 2, 'B');
  // Tokens hold letters, digits and marks only: quoting needs no escapes.
  return Array.from(positions, ([token, list]) => `'${token}':${list.join(',')}`).join(' ');
}

/** The item's row in `pauz_search` and nothing else. */
function itemRow(db: PauzDatabase, kind: SearchKind, itemId: string) {
  return db.selectFrom('pauz_search').where('kind', '=', kind).where('item_id', '=', itemId);
}

/**
 * The statements that (re)index `entry`, for the caller's atomic batch: each runs
 * only while `when` holds — the caller's proof, in SQL, that the write it indexes
 * landed (a row with the new version, a stamp), since on D1 no JavaScript runs
 * between the statements of a batch. Any writer (an import) indexes what it writes
 * by adding these to its own batch, after the row they index, with `when` an
 * `exists` of that row (as the import does).
 * @internal
 */
export function searchIndexStatements(db: PauzDatabase, entry: SearchEntry, when: Expression<SqlBool>): Compilable<unknown>[] {
  const titleTokens = searchTokens(entry.title);
  const bodyTokens = searchTokens(entry.body);
  const postgres = isPostgres(db);
  const stored = entry.kind === 'free' ? null : entry.body;
  const values: Record<string, unknown> = {
    kind: entry.kind,
    item_id: entry.itemId,
    user_id: entry.userId,
    session_id: entry.sessionId,
    title: entry.title,
    body: stored,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
  };
  const columns = Object.keys(values);
  const selected = columns.map((column) => sql`${values[column]}`.as(column));
  if (postgres) selected.push(sql`cast(${tsvectorLiteral(titleTokens, bodyTokens)} as tsvector)`.as('tsv'));
  const upsert = db
    .insertInto('pauz_search')
    .columns([...columns, ...(postgres ? ['tsv'] : [])] as never)
    .expression(db.selectNoFrom(selected as never).where(when) as never)
    .onConflict((oc) =>
      oc.columns(['kind', 'item_id']).doUpdateSet({
        title: sql`excluded.title`,
        body: sql`excluded.body`,
        session_id: sql`excluded.session_id`,
        updated_at: sql`excluded.updated_at`,
        ...(postgres ? { tsv: sql`excluded.tsv` } : {}),
      } as never),
    );
  const pending = db.deleteFrom('pauz_search_pending').where('kind', '=', entry.kind).where('item_id', '=', entry.itemId).where(when);
  if (postgres) return [upsert, pending];
  const id = itemRow(db, entry.kind, entry.itemId).select('id');
  return [
    // The old tokens out (secure-delete: gone from the index, not just marked), the row, the new tokens.
    db.deleteFrom('pauz_search_fts').where('rowid', '=', id).where(when),
    upsert,
    db
      .insertInto('pauz_search_fts')
      .columns(['rowid', 'owner', 'title', 'body'])
      .expression(
        itemRow(db, entry.kind, entry.itemId)
          .select([
            'id',
            sql<string>`${ownerToken(entry.userId)}`.as('owner'),
            sql<string>`${titleTokens.join(' ')}`.as('title'),
            sql<string>`${bodyTokens.join(' ')}`.as('body'),
          ])
          .where(when),
      ),
    pending,
  ];
}

/**
 * Which items {@link searchRemoveStatements} removes: one item, a session with its
 * hints, some hints, or everything of a user.
 * @internal
 */
export type SearchRemoval =
  | { userId: string; kind: SearchKind; itemIds: readonly string[] }
  | { userId: string; session: string }
  | { userId: string; all: true };

/**
 * The statements that remove items from the index (and from the queue of items to
 * index), for the caller's atomic batch. At most 90 item ids (D1's parameter limit).
 * @internal
 */
export function searchRemoveStatements(db: PauzDatabase, removal: SearchRemoval): Compilable<unknown>[] {
  const { userId } = removal;
  let rows = db.selectFrom('pauz_search').select('id').where('user_id', '=', userId);
  let pending = db.deleteFrom('pauz_search_pending').where('user_id', '=', userId);
  let items = db.deleteFrom('pauz_search').where('user_id', '=', userId);
  if ('itemIds' in removal) {
    if (removal.itemIds.length === 0) return [];
    rows = rows.where('kind', '=', removal.kind).where('item_id', 'in', removal.itemIds);
    pending = pending.where('kind', '=', removal.kind).where('item_id', 'in', removal.itemIds);
    items = items.where('kind', '=', removal.kind).where('item_id', 'in', removal.itemIds);
  } else if ('session' in removal) {
    const { session } = removal;
    rows = rows.where((eb) => eb.or([eb('item_id', '=', session), eb('session_id', '=', session)]));
    items = items.where((eb) => eb.or([eb('item_id', '=', session), eb('session_id', '=', session)]));
    // Hints waiting in the queue are found through their rows (the queue has no session).
    pending = pending.where((eb) =>
      eb.or([
        eb('item_id', '=', session),
        eb.and([eb('kind', '=', 'hint'), eb('item_id', 'in', db.selectFrom('pauz_hints').select('id').where('session_id', '=', session).where('user_id', '=', userId))]),
      ]),
    );
  }
  const statements: Compilable<unknown>[] = [];
  if (!isPostgres(db)) statements.push(db.deleteFrom('pauz_search_fts').where('rowid', 'in', rows));
  statements.push(items, pending);
  return statements;
}
