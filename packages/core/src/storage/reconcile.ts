import type { SmartBucket } from '../buckets/types.js';
import type { Pauz } from '../pauz.js';
import type { PauzContext } from '../context.js';
import type { PauzBuckets } from './buckets.js';
import { listObjects } from './user-objects.js';

/** What {@link Pauz.reconcile} removed, per bucket. */
export interface ReconcileReport {
  /** Objects no index row points at (left by a crash between the two write steps). */
  orphanObjects: Record<keyof PauzBuckets, string[]>;
  /** Index rows whose object is gone (their content cannot be served any more). */
  danglingRows: Record<keyof PauzBuckets, string[]>;
}

/** Options of {@link Pauz.reconcile}. */
export interface ReconcileOptions {
  /**
   * Leave alone anything younger than this, in seconds, so writes in flight are not
   * mistaken for leftovers. Default 900.
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
      ? await ctx.db.selectFrom(table).select(['id', 'object_key', 'updated_at as touched_at']).execute()
      : await ctx.db.selectFrom(table).select(['id', 'object_key', 'created_at as touched_at']).execute();
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
  for (const row of rows.filter((r) => !uploaded.has(r.object_key) && r.touched_at < cutoff)) {
    // A listing is no proof of absence (it may be cut short): ask for the object itself.
    if ((await bucket.head(row.object_key)) === null) dangling.push(row.id);
  }
  if (orphans.length > 0) await bucket.delete(orphans);
  if (dangling.length > 0) await ctx.db.deleteFrom(table).where('id', 'in', dangling).execute();
  return { orphans, dangling };
}

/**
 * Finds and removes what a crash between the two steps of a multi-store write can
 * leave: bucket objects no index row points at, and index rows whose object is gone.
 * Safe to run at any time and from a scheduled job; it scans every bucket, so run it
 * rarely (hourly, daily), never on a request path.
 */
export async function reconcile(ctx: PauzContext, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const cutoff = new Date(ctx.clock.now().getTime() - (options.graceSeconds ?? 900) * 1000).toISOString();
  const report: ReconcileReport = {
    orphanObjects: { hints: [], guidedJournals: [], audio: [] },
    danglingRows: { hints: [], guidedJournals: [], audio: [] },
  };
  for (const name of Object.keys(TABLES) as Array<keyof PauzBuckets>) {
    const { orphans, dangling } = await reconcileBucket(ctx, ctx.buckets[name], TABLES[name], cutoff);
    report.orphanObjects[name] = orphans;
    report.danglingRows[name] = dangling;
  }
  return report;
}
