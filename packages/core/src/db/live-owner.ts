import { type Compilable, type Expression, type Insertable, type SqlBool, sql } from 'kysely';
import type { PauzDatabase, PauzTables } from './schema.js';

/**
 * True while the user exists and is not being deleted (`deleting_at` unset): the
 * condition every write of a user's data is guarded by, so nothing is written for an
 * account whose deletion has started (its objects may already be swept).
 * @internal
 */
export function liveUser(db: PauzDatabase, userId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists ${db.selectFrom('pauz_users').select('id').where('id', '=', userId).where('deleting_at', 'is', null)}`;
}

/** True while the session exists, is the user's, and the user is not being deleted. @internal */
export function liveSession(db: PauzDatabase, userId: string, sessionId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists ${db
    .selectFrom('pauz_free_sessions')
    .innerJoin('pauz_users', 'pauz_users.id', 'pauz_free_sessions.user_id')
    .select('pauz_free_sessions.id')
    .where('pauz_free_sessions.id', '=', sessionId)
    .where('pauz_free_sessions.user_id', '=', userId)
    .where('pauz_users.deleting_at', 'is', null)}`;
}

/** Whether `condition` holds now (one query, no table scanned beyond it). @internal */
export async function holds(db: PauzDatabase, condition: Expression<SqlBool>): Promise<boolean> {
  const row = await db.selectNoFrom(sql<number>`case when ${condition} then 1 else 0 end`.as('holds')).executeTakeFirstOrThrow();
  return Number(row.holds) === 1;
}

/**
 * Inserts `row` only if `condition` holds, in one statement (`insert … select … where`),
 * so the check and the insert cannot be separated by a concurrent write (a deletion's
 * tombstone). Returns the rows inserted: 0 when the condition did not hold. The same
 * SQL on SQLite, PostgreSQL (the select's columns take the target columns' types) and D1.
 * @internal
 */
export async function insertWhere<T extends keyof PauzTables & string>(
  db: PauzDatabase,
  table: T,
  row: Insertable<PauzTables[T]>,
  condition: Expression<SqlBool>,
): Promise<number> {
  const result = await db.executeQuery(insertWhereQuery(db, table, row, condition).compile());
  return Number(result.numAffectedRows ?? 0n);
}

/** The statement of {@link insertWhere}, for an atomic batch. @internal */
export function insertWhereQuery<T extends keyof PauzTables & string>(
  db: PauzDatabase,
  table: T,
  row: Insertable<PauzTables[T]>,
  condition: Expression<SqlBool>,
): Compilable<unknown> {
  const values = row as Record<string, unknown>;
  const columns = Object.keys(values);
  const select = db.selectNoFrom(columns.map((column) => sql`${values[column]}`.as(column))).where(condition);
  return db
    .insertInto(table)
    .columns(columns as never)
    .expression(select as never);
}
