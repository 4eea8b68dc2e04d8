import type { SmartBucket, SmartBucketBody, SmartBucketObject, SmartBucketPutOptions } from '../buckets/types.js';
import { PauzError } from '../errors.js';
import type { PauzLogger } from '../logger.js';
import type { CallOptions } from '../upstream.js';

/**
 * The multi-store write rule: the bucket object first, then the SQL index row; when
 * the second step fails the object is removed again, and the error of that step is
 * what the caller sees. If even the removal fails, the object is an orphan that
 * `reconcile()` finds later — it is never visible, since nothing points at it.
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
): Promise<T> {
  await bucket.put(key, body, options);
  try {
    return await index();
  } catch (error) {
    await removeQuietly(bucket, [key], logger);
    throw error;
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
