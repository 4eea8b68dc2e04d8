import type { SmartBucket, SmartBucketListEntry } from '../buckets/types.js';
import type { PauzContext } from '../context.js';
import { objectKeys, userPrefix } from './buckets.js';

const DELETE_BATCH = 100;
const PDF_DELETE_PARALLELISM = 8;

async function deleteKeys(bucket: SmartBucket, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += DELETE_BATCH) await bucket.delete(keys.slice(i, i + DELETE_BATCH));
}

/** Every object under `prefix`, following the bucket's cursor. */
export async function listObjects(bucket: SmartBucket, prefix: string): Promise<SmartBucketListEntry[]> {
  const entries: SmartBucketListEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    entries.push(...page.objects);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor !== undefined);
  return entries;
}

/**
 * Deletes every object of a user in every bucket and every PDF of the user, so
 * nothing of a deleted account stays behind. A store that can sweep a prefix
 * (`deletePrefix`, the filesystem adapters) removes all of `users/<id>/`, the
 * remains of interrupted writes included. On the others: the objects the index
 * knows, then whatever else a listing shows under the user's prefix, and the PDF
 * keys that follow from the user's journals, and the book's (the PdfStore port has no listing).
 * Throws on any store failure; calling it again continues.
 */
export async function deleteUserObjects(ctx: PauzContext, userId: string): Promise<void> {
  const { db, buckets } = ctx;
  const prefix = userPrefix(userId);
  const [hints, recordings, journals] = await Promise.all([
    db.selectFrom('pauz_hints').select('object_key').where('user_id', '=', userId).execute(),
    db.selectFrom('pauz_recordings').select('object_key').where('user_id', '=', userId).execute(),
    db.selectFrom('pauz_guided_journals').select(['id', 'object_key']).where('user_id', '=', userId).execute(),
  ]);
  const indexed: Array<[SmartBucket, string[]]> = [
    [buckets.hints, hints.map((r) => r.object_key)],
    [buckets.audio, recordings.map((r) => r.object_key)],
    [buckets.guidedJournals, journals.map((r) => r.object_key)],
  ];
  for (const [bucket, keys] of indexed) {
    if (bucket.deletePrefix !== undefined) await bucket.deletePrefix(prefix);
    else {
      await deleteKeys(bucket, keys);
      await deleteKeys(bucket, (await listObjects(bucket, prefix)).map((o) => o.key));
    }
  }
  if (ctx.pdfs.deletePrefix !== undefined) {
    await ctx.pdfs.deletePrefix(prefix);
    return;
  }
  // PDF keys follow from the journals' ids.
  const sessions = await db.selectFrom('pauz_free_sessions').select('id').where('user_id', '=', userId).execute();
  const pdfKeys = [
    objectKeys.bookPdf(userId),
    ...sessions.map((s) => objectKeys.freeJournalPdf(userId, s.id)),
    ...journals.map((j) => objectKeys.guidedJournalPdf(userId, j.id)),
  ];
  for (let i = 0; i < pdfKeys.length; i += PDF_DELETE_PARALLELISM) {
    await Promise.all(pdfKeys.slice(i, i + PDF_DELETE_PARALLELISM).map((key) => ctx.pdfs.delete(key)));
  }
}
