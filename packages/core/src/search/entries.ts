import { type SqlBool, sql } from 'kysely';
import type { PauzContext } from '../context.js';
import { atomicBatch } from '../db/atomic.js';
import type { PauzDatabase } from '../db/schema.js';
import { requireObject } from '../storage/write-rule.js';
import { type SearchEntry, type SearchKind, searchIndexStatements } from './index-rows.js';

/** A guided journal's searchable text: its answers, in prompt order. @internal */
export function guidedAnswersText(entries: readonly { promptId: number; response: string }[]): string {
  return [...entries]
    .sort((a, b) => a.promptId - b.promptId)
    .map((entry) => entry.response.trim())
    .filter((text) => text !== '')
    .join('\n\n');
}

/** The index entry of a guided journal document. @internal */
export function guidedEntry(
  userId: string,
  doc: { id: string; topic: string; entries: readonly { promptId: number; response: string }[]; createdAt: string; updatedAt: string },
): SearchEntry {
  return { kind: 'guided', itemId: doc.id, userId, sessionId: null, title: doc.topic, body: guidedAnswersText(doc.entries), createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}

/** The index entry of a hint. @internal */
export function hintEntry(userId: string, hint: { id: string; sessionId: string; text: string; createdAt: string }): SearchEntry {
  return { kind: 'hint', itemId: hint.id, userId, sessionId: hint.sessionId, title: '', body: hint.text, createdAt: hint.createdAt, updatedAt: hint.createdAt };
}

/** The index entry of a free-journal session. @internal */
export function freeEntry(userId: string, session: { id: string; title: string; content: string; createdAt: string; updatedAt: string }): SearchEntry {
  return { kind: 'free', itemId: session.id, userId, sessionId: null, title: session.title, body: session.content, createdAt: session.createdAt, updatedAt: session.updatedAt };
}

/** How many queued items one pass of {@link indexPending} reads at a time. */
const PENDING_BATCH = 50;

/**
 * Indexes items queued in `pauz_search_pending` (those written before the index
 * existed): of `userId`, or of everyone. Each item is read from its source — the
 * session row, the guided journal's or hint's bucket object — and indexed in one
 * batch that lands only while the item is as read and still queued, so a write
 * that indexed it meanwhile wins. Returns how many were indexed or dropped (gone).
 * A bucket that fails fails the call (`SMARTBUCKET_FAILED`, naming it); nothing is lost,
 * the item stays queued.
 * @internal
 */
export async function indexPending(ctx: PauzContext, userId?: string): Promise<number> {
  const { db } = ctx;
  let done = 0;
  for (;;) {
    let select = db.selectFrom('pauz_search_pending').select(['kind', 'item_id', 'user_id']).orderBy('kind').orderBy('item_id').limit(PENDING_BATCH);
    if (userId !== undefined) select = select.where('user_id', '=', userId);
    const rows = await select.execute();
    for (const row of rows) {
      await atomicBatch(db, await pendingStatements(ctx, row.kind as SearchKind, row.item_id, row.user_id));
      done++;
    }
    if (rows.length < PENDING_BATCH) return done;
  }
}

function queued(db: PauzDatabase, kind: string, itemId: string) {
  return db.selectFrom('pauz_search_pending').select('item_id').where('kind', '=', kind).where('item_id', '=', itemId);
}

async function pendingStatements(ctx: PauzContext, kind: SearchKind, itemId: string, userId: string) {
  const { db } = ctx;
  const drop = [db.deleteFrom('pauz_search_pending').where('kind', '=', kind).where('item_id', '=', itemId)];
  if (kind === 'free') {
    const row = await db.selectFrom('pauz_free_sessions').selectAll().where('id', '=', itemId).where('user_id', '=', userId).executeTakeFirst();
    if (row === undefined) return drop;
    const same = db.selectFrom('pauz_free_sessions').select('id').where('id', '=', itemId).where('version', '=', row.version);
    const when = sql<SqlBool>`exists ${same} and exists ${queued(db, kind, itemId)}`;
    return searchIndexStatements(db, freeEntry(userId, { ...row, createdAt: row.created_at, updatedAt: row.updated_at }), when);
  }
  const table = kind === 'guided' ? 'pauz_guided_journals' : 'pauz_hints';
  const row = await db.selectFrom(table).select(['id', 'object_key']).where('id', '=', itemId).where('user_id', '=', userId).executeTakeFirst();
  if (row === undefined) return drop;
  const bucket = kind === 'guided' ? ctx.buckets.guidedJournals : ctx.buckets.hints;
  const doc = await (await requireObject(bucket, row.object_key)).json<Record<string, unknown>>();
  const same = db.selectFrom(table).select('id').where('id', '=', itemId).where('object_key', '=', row.object_key);
  const when = sql<SqlBool>`exists ${same} and exists ${queued(db, kind, itemId)}`;
  const entry =
    kind === 'guided'
      ? guidedEntry(userId, doc as unknown as Parameters<typeof guidedEntry>[1])
      : hintEntry(userId, doc as unknown as Parameters<typeof hintEntry>[1]);
  return searchIndexStatements(db, entry, when);
}
