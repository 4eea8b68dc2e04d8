import { sql } from 'kysely';
import type { PauzContext } from '../context.js';
import { d1BindingOf } from '../raindrop/d1.js';

/** Whether `db` runs on SQLite (better-sqlite3, or any dialect built on Kysely's SQLite adapter). */
function isSqlite(ctx: PauzContext): boolean {
  const adapter = ctx.db.getExecutor().adapter as object;
  return adapter.constructor.name === 'SqliteAdapter';
}

/**
 * After rows holding a user's text were deleted: on SQLite, checkpoints the WAL
 * into the database file and truncates it, so the old page versions the WAL still
 * held (with the deleted text) are gone from disk; with `secure_delete` on (as
 * `createSqliteDatabase` sets it) the freed cells in the database file are zeroed.
 * A checkpoint that other connections' readers hold back is logged and left to the
 * next one (SQLite checkpoints on its own as the WAL grows). Other dialects: nothing
 * here (see docs/storage.md for PostgreSQL's VACUUM).
 *
 * D1 (Raindrop SQL) is skipped: it refuses PRAGMAs (`secure_delete`,
 * `wal_checkpoint` are "not authorized"), and its storage — pages, replicas, the
 * point-in-time history it keeps for recovery — is the platform's. The rows are
 * gone; what D1 retains of them, and for how long, is the platform's concern.
 */
export async function eraseFreedSpace(ctx: PauzContext): Promise<void> {
  if (d1BindingOf(ctx.db) !== undefined || !isSqlite(ctx)) return;
  try {
    const { rows } = await sql<{ busy: number; log: number; checkpointed: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(ctx.db);
    if (rows[0]?.busy === 1) ctx.logger.error('the SQLite WAL could not be truncated after a deletion (readers are active); it will be on a later checkpoint', {});
  } catch (error) {
    // A SQLite without a WAL to checkpoint (D1, a host's own connection): nothing to truncate.
    ctx.logger.error('the SQLite WAL checkpoint after a deletion failed', { error: error instanceof Error ? error.message : String(error) });
  }
}
