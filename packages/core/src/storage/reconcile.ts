import type { SmartBucket } from '../buckets/types.js';
import type { Pauz } from '../pauz.js';
import type { PauzContext } from '../context.js';
import type { PauzBuckets } from './buckets.js';
import { listObjects } from './user-objects.js';
import { atomicBatch } from '../db/atomic.js';
import { indexPending } from '../search/entries.js';
import { searchRemoveStatements } from '../search/index-rows.js';
import { deleteAccount, purgeExpiredTokens, unfinishedDeletions } from '../accounts/deletion.js';

/**
 * What {@link Pauz.reconcile} removed, per bucket.
 *
 * @category Services
 */
export interface ReconcileReport {
  /** Objects no index row points at (left by a crash between the two write steps). */
  orphanObjects: Record<keyof PauzBuckets, string[]>;
  /** Index rows whose object is gone (their content cannot be served any more). */
  danglingRows: Record<keyof PauzBuckets, string[]>;
  /**
   * Remains of writes a crash interrupted (temp files no listing shows), per bucket
   * and in the PDF store, as store-relative names; only from stores that can leave
   * them (`sweepIncomplete`: the filesystem adapters).
   */
  incompleteWrites: Record<keyof PauzBuckets | 'pdfs', string[]>;
  /** Accounts whose deletion had started (and failed or crashed) and is now finished. */
  finishedDeletions: string[];
  /** How many expired bearer tokens were removed. */
  expiredTokens: number;
  /**
   * How many items written before the search index existed were indexed now (or
   * dropped from its queue, when gone); `pauz.search.query()` indexes a user's own
   * before it answers.
   */
  searchIndexed: number;
}

/**
 * Options of {@link Pauz.reconcile}.
 *
 * @category Services
 */
export interface ReconcileOptions {
  /**
   * Leave alone anything younger than this, in seconds, so writes in flight are not
   * mistaken for leftovers.
   *
   * @defaultValue `900` (15 minutes)
   */
  graceSeconds?: number;
}

type IndexTable = 'pauz_hints' | 'pauz_recordings' | 'pauz_guided_journals';

const TABLES: Record<keyof PauzBuckets, IndexTable> = {
  hints: 'pauz_hints',
  audio: 'pauz_recordings',
  guidedJournals: 'pauz_guided_journals',
};

async function reconcileBucket(
  ctx: PauzContext,
  bucket: SmartBucket,
  table: IndexTable,
  cutoff: string,
): Promise<{ orphans: string[]; dangling: string[] }> {
  const uploaded = new Map((await listObjects(bucket, 'users/')).map((o) => [o.key, o.uploaded] as const));
  const rows =
    table === 'pauz_guided_journals'
      ? await ctx.db.selectFrom(table).select(['id', 'user_id', 'object_key', 'updated_at as touched_at']).execute()
      : await ctx.db.selectFrom(table).select(['id', 'user_id', 'object_key', 'created_at as touched_at']).execute();
  const indexed = new Set(rows.map((r) => r.object_key));
  const cutoffTime = Date.parse(cutoff);
  // An object of unknown age may be a write in flight: never an orphan.
  const candidates = [...uploaded.entries()]
    .filter(([key, at]) => !indexed.has(key) && at !== undefined && at.getTime() < cutoffTime)
    .map(([key]) => key);
  const orphans: string[] = [];
  for (const key of candidates) {
    // Look again: a row may have been written since the listing.
    const row = await ctx.db.selectFrom(table).select('id').where('object_key', '=', key).executeTakeFirst();
    if (row === undefined) orphans.push(key);
  }
  const dangling: string[] = [];
  const kind = table === 'pauz_guided_journals' ? 'guided' : table === 'pauz_hints' ? 'hint' : undefined;
  for (const row of rows.filter((r) => !uploaded.has(r.object_key) && r.touched_at < cutoff)) {
    // A listing is no proof of absence (it may be cut short): ask for the object itself.
    if ((await bucket.head(row.object_key)) !== null) continue;
    dangling.push(row.id);
    // The row and its search index together.
    const { db } = ctx;
    await atomicBatch(db, [
      ...(kind === undefined ? [] : searchRemoveStatements(db, { userId: row.user_id, kind, itemIds: [row.id] })),
      db.deleteFrom(table).where('id', '=', row.id),
    ]);
  }
  if (orphans.length > 0) await bucket.delete(orphans);
  return { orphans, dangling };
}

/**
 * Finds and removes what a crash can leave: first it finishes account deletions
 * that started before the grace period and did not end; then, per bucket, objects
 * no index row points at and index rows whose object is gone (a crash between the
 * two steps of a multi-store write); then the remains of interrupted writes in the
 * stores that can leave them (temp files); and it purges expired tokens. Safe to
 * run at any time and from a scheduled job; it scans every bucket, so run it
 * rarely (hourly, daily), never on a request path.
 */
export async function reconcile(ctx: PauzContext, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const cutoff = new Date(ctx.clock.now().getTime() - (options.graceSeconds ?? 900) * 1000).toISOString();
  const report: ReconcileReport = {
    orphanObjects: { hints: [], guidedJournals: [], audio: [] },
    danglingRows: { hints: [], guidedJournals: [], audio: [] },
    incompleteWrites: { hints: [], guidedJournals: [], audio: [], pdfs: [] },
    finishedDeletions: [],
    expiredTokens: 0,
    searchIndexed: 0,
  };
  for (const userId of await unfinishedDeletions(ctx, cutoff)) {
    try {
      await deleteAccount(ctx, userId);
      report.finishedDeletions.push(userId);
    } catch (error) {
      // A store still failing: the account stays marked, the next run tries again.
      ctx.logger.error('could not finish an account deletion; the next reconcile() will try again', { userId, error });
    }
  }
  for (const name of Object.keys(TABLES) as Array<keyof PauzBuckets>) {
    const { orphans, dangling } = await reconcileBucket(ctx, ctx.buckets[name], TABLES[name], cutoff);
    report.orphanObjects[name] = orphans;
    report.danglingRows[name] = dangling;
  }
  // Temp files carry their age in the file system's time, so that clock decides.
  const fileCutoff = new Date(Date.now() - (options.graceSeconds ?? 900) * 1000);
  for (const name of Object.keys(TABLES) as Array<keyof PauzBuckets>) {
    const bucket = ctx.buckets[name];
    if (bucket.sweepIncomplete !== undefined) report.incompleteWrites[name] = await bucket.sweepIncomplete({ olderThan: fileCutoff });
  }
  if (ctx.pdfs.sweepIncomplete !== undefined) report.incompleteWrites.pdfs = await ctx.pdfs.sweepIncomplete({ olderThan: fileCutoff });
  report.expiredTokens = await purgeExpiredTokens(ctx);
  report.searchIndexed = await indexPending(ctx);
  return report;
}
