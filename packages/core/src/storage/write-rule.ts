import type { SmartBucket, SmartBucketBody, SmartBucketObject, SmartBucketPutOptions } from '../buckets/types.js';
import { isPauzError, PauzError } from '../errors.js';
import type { PauzLogger } from '../logger.js';
import type { CallOptions } from '../upstream.js';

/**
 * The owner a row of {@link putThenIndex} belongs to, checked again when its SQL step
 * fails.
 * @internal
 */
export interface IndexOwner {
  /** What is reported missing, for example `Session`. */
  what: string;
  /** Whether the owner still exists (and its account is not being deleted). */
  live(): Promise<boolean>;
}

/**
 * The multi-store write rule: the bucket object first, then the SQL index row; when
 * the second step fails the object is removed again, and the error of that step is
 * what the caller sees. If even the removal fails, that is logged and the object is
 * an orphan that `reconcile()` finds later — it is never visible, since nothing
 * points at it; the caller still sees the error of the SQL step.
 *
 * With `owner`, a failed SQL step re-checks the owner (never parsing driver messages,
 * which differ between SQLite, PostgreSQL and D1): when it is gone — deleted, or its
 * account being deleted, the race of a write that passed its checks before an account
 * deletion and landed after its sweep — the caller sees `NOT_FOUND` naming it, not the
 * foreign-key failure. The index step itself throws `NOT_FOUND` when its guard (see
 * `insertWhere`) found the owner gone.
 *
 * The caller's signal (`options.signal`) reaches the put only. An abort during the
 * put fails it with `ABORTED` and nothing is indexed (an object that landed anyway
 * is an orphan, as after a timeout). Once the put succeeded the index step runs
 * whatever the signal says: an object without its row is the half-written state
 * this rule exists to avoid, and the SQL step is quick and local.
 */
export async function putThenIndex<T>(
  bucket: SmartBucket,
  key: string,
  body: SmartBucketBody,
  options: SmartBucketPutOptions,
  index: () => Promise<T>,
  logger: PauzLogger,
  owner?: IndexOwner,
): Promise<T> {
  await bucket.put(key, body, options);
  try {
    return await index();
  } catch (error) {
    await removeQuietly(bucket, [key], logger);
    if (owner !== undefined && !isPauzError(error, 'NOT_FOUND') && !(await ownerLive(owner, logger))) {
      throw new PauzError('NOT_FOUND', `${owner.what} not found`, { cause: error });
    }
    throw error;
  }
}

/** The owner's check; when the check itself fails it is logged and the owner taken as live (the original error stands). */
async function ownerLive(owner: IndexOwner, logger: PauzLogger): Promise<boolean> {
  try {
    return await owner.live();
  } catch (error) {
    logger.error('could not re-check the owner of a failed index write', { what: owner.what, error });
    return true;
  }
}

/**
 * Deletes objects whose removal is clean-up after the real work succeeded or failed;
 * a failure here is logged and left to `reconcile()`, never turned into an error
 * for work that is done. Takes no signal: clean-up runs even when the caller left.
 */
export async function removeQuietly(bucket: SmartBucket, keys: readonly string[], logger: PauzLogger): Promise<void> {
  if (keys.length === 0) return;
  try {
    await bucket.delete(keys);
  } catch (error) {
    logger.error('could not remove objects; reconcile() will', { bucket: bucket.name, keys, error });
  }
}

/**
 * The object an index row points at. A missing one is a store failure (the row says
 * it exists), reported as `SMARTBUCKET_FAILED` naming the bucket and key.
 */
export async function requireObject(bucket: SmartBucket, key: string, options: CallOptions = {}): Promise<SmartBucketObject> {
  const object = await bucket.get(key, options);
  if (object === null) throw new PauzError('SMARTBUCKET_FAILED', `SmartBucket get ${bucket.name}/${key}: the object is missing`);
  return object;
}
