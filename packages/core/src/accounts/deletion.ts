import { nowIso, type PauzContext } from '../context.js';
import { eraseFreedSpace } from '../db/erase.js';
import { deleteUserObjects } from '../storage/user-objects.js';
import { atomicBatch } from '../db/atomic.js';
import { searchRemoveStatements } from '../search/index-rows.js';

/**
 * Deletes an account in steps that can be resumed, never leaving it readable but
 * broken:
 *
 * 1. the user row is marked `deleting_at` (a tombstone): from then on the account
 *    cannot sign in, its tokens resolve to nobody (except for `DELETE /auth/me`,
 *    which resumes the deletion) and a host-managed user is refused, so no request
 *    can list rows whose objects are already gone;
 * 2. every object of the user goes, in every bucket and the PDF store (the whole
 *    `users/<id>/` prefix: leftovers of interrupted writes too);
 * 3. every row goes, in one atomic batch (a transaction; on D1 one `batch()`),
 *    the search index's rows and tokens with them;
 * 4. on SQLite, the WAL is checkpointed and truncated, so the freed (zeroed) pages
 *    are all that is left of the account in the database files (not on D1, which
 *    allows no PRAGMA: what its storage keeps of deleted pages is the platform's).
 *
 * A failure in step 2 leaves the tombstone: a retry, or `reconcile()` after its grace
 * period, starts again at step 2. Each step is idempotent.
 */
export async function deleteAccount(ctx: PauzContext, userId: string): Promise<void> {
  await ctx.db
    .updateTable('pauz_users')
    .set({ deleting_at: nowIso(ctx) })
    .where('id', '=', userId)
    .where('deleting_at', 'is', null)
    .execute();
  await deleteUserObjects(ctx, userId);
  const email = (await ctx.db.selectFrom('pauz_users').select('email').where('id', '=', userId).executeTakeFirst())?.email ?? null;
  const { db } = ctx;
  // One atomic batch (a transaction; on D1 one batch()), children before their parents.
  await atomicBatch(db, [
    db.deleteFrom('pauz_imports').where('user_id', '=', userId),
    // The search index holds copies of the text: it goes in the same batch.
    ...searchRemoveStatements(db, { userId, all: true }),
    db.deleteFrom('pauz_hints').where('user_id', '=', userId),
    db.deleteFrom('pauz_recordings').where('user_id', '=', userId),
    db.deleteFrom('pauz_guided_journals').where('user_id', '=', userId),
    db.deleteFrom('pauz_flowers').where('user_id', '=', userId),
    db.deleteFrom('pauz_free_sessions').where('user_id', '=', userId),
    db.deleteFrom('pauz_tokens').where('user_id', '=', userId),
    ...(email === null ? [] : [db.deleteFrom('pauz_login_failures').where('email', '=', email)]),
    db.deleteFrom('pauz_users').where('id', '=', userId),
  ]);
  await eraseFreedSpace(ctx);
}

/** Ids of accounts whose deletion started before `cutoff` (ISO 8601) and did not finish. */
export async function unfinishedDeletions(ctx: PauzContext, cutoff: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('pauz_users')
    .select('id')
    .where('deleting_at', 'is not', null)
    .where('deleting_at', '<', cutoff)
    .orderBy('deleting_at')
    .execute();
  return rows.map((r) => r.id);
}

/** Expired tokens removed with each token issued: a bounded cost per sign-in. */
export const TOKEN_PURGE_BATCH = 100;

/**
 * Deletes up to `limit` expired tokens (all of them when `limit` is undefined),
 * oldest expiry first, through the expiry index; returns how many went.
 */
export async function purgeExpiredTokens(ctx: PauzContext, limit?: number): Promise<number> {
  const now = nowIso(ctx);
  const { db } = ctx;
  let total = 0;
  for (;;) {
    const batch = Math.min(limit === undefined ? 1000 : limit - total, 1000);
    if (batch <= 0) return total;
    // The ids are chosen by a subquery, not sent as parameters: two bound values
    // whatever the batch size (D1 allows 100 per statement).
    const result = await db
      .deleteFrom('pauz_tokens')
      .where('id', 'in', db.selectFrom('pauz_tokens').select('id').where('expires_at', '<=', now).orderBy('expires_at').limit(batch))
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < batch) return total;
  }
}
