import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import { d1BindingOf, d1Call, d1QueryResult, d1Statement } from '../raindrop/d1.js';

/**
 * The one place Pauz runs statements as a unit: all of them take effect, or none.
 *
 * - SQLite and PostgreSQL: one transaction, the statements in order.
 * - D1 (Raindrop SQL, opened with `raindropSqlDatabase()`): one `binding.batch()`,
 *   which D1 runs as one transaction. D1 has no interactive transactions, so no
 *   JavaScript runs between the statements: a statement that depends on an earlier
 *   one says so in its SQL (a `where` on what the earlier one wrote), never through
 *   a read in between. Every caller is written that way, so it behaves the same on
 *   every dialect.
 *
 * The queries are compiled on `db` (its plugins, a host's `withSchema()`), and the
 * results come back in order; result plugins are not applied (callers read counts).
 * `db.transaction()` appears nowhere else in Pauz (a test checks it).
 * @internal
 */
export async function atomicBatch(db: Kysely<any>, queries: readonly Compilable<unknown>[]): Promise<QueryResult<unknown>[]> {
  if (queries.length === 0) return [];
  return atomicCompiled(db, queries.map((query) => query.compile()));
}

/** {@link atomicBatch} of queries compiled already (for example captured from a migration). @internal */
export async function atomicCompiled(db: Kysely<any>, compiled: readonly CompiledQuery[]): Promise<QueryResult<unknown>[]> {
  if (compiled.length === 0) return [];
  const binding = d1BindingOf(db);
  if (binding !== undefined) {
    const results = await d1Call(() => binding.batch(compiled.map((query) => d1Statement(binding, query))));
    return compiled.map((query, i) => d1QueryResult(query, results[i] ?? {}));
  }
  return db.transaction().execute(async (trx) => {
    const results: QueryResult<unknown>[] = [];
    for (const query of compiled) results.push(await trx.executeQuery(query));
    return results;
  });
}

/** Rows a write of {@link atomicBatch} changed. @internal */
export function changedRows(result: QueryResult<unknown> | undefined): number {
  return Number(result?.numAffectedRows ?? 0n);
}

/**
 * Bound parameters Pauz puts in one `in (…)` list: D1 allows 100 per statement, and
 * the rest of the statement needs a few.
 * @internal
 */
export const IN_LIST_CHUNK = 90;

/** `items` in slices of at most `size` (for `in (…)` lists under D1's parameter limit). @internal */
export function chunked<T>(items: readonly T[], size: number = IN_LIST_CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
