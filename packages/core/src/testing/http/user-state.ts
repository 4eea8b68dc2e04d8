import type { DatabaseHarness } from '../database/fixture.js';
import { userPrefix } from '../../storage/buckets.js';

// Every table with a `user_id` column: what a user owns in SQL.
const OWNED_TABLES = ['pauz_tokens', 'pauz_free_sessions', 'pauz_flowers', 'pauz_guided_journals', 'pauz_hints', 'pauz_recordings'] as const;

async function digest(bytes: ArrayBuffer): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Everything a user has, read straight from the stores behind the API: the user's
 * row, every row of theirs in each table, and every object under their prefix in
 * each bucket (key, type, metadata and a hash of the bytes). Two equal strings mean
 * nothing of the user's changed in between. Login failures are left out: counting a
 * wrong password is what a refused login is for.
 */
export async function userState(harness: Pick<DatabaseHarness, 'db' | 'buckets'>, userId: string): Promise<string> {
  const { db, buckets } = harness;
  const state: Record<string, unknown> = {};
  state.user = await db.selectFrom('pauz_users').selectAll().where('id', '=', userId).executeTakeFirst();
  for (const table of OWNED_TABLES) {
    state[table] = await db.selectFrom(table).selectAll().where('user_id', '=', userId).orderBy('id').execute();
  }
  for (const [name, bucket] of Object.entries(buckets)) {
    const objects: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await bucket.list({ prefix: userPrefix(userId), ...(cursor === undefined ? {} : { cursor }) });
      for (const entry of page.objects) {
        const object = await bucket.get(entry.key);
        if (object === null) continue;
        objects.push({ key: entry.key, contentType: object.contentType, metadata: object.customMetadata, sha256: await digest(await object.arrayBuffer()) });
      }
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor !== undefined);
    state[`bucket:${name}`] = objects;
  }
  return JSON.stringify(state);
}
