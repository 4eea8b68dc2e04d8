import { type Generated, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type D1DatabaseLike, raindropSqlDatabase } from '../../src/raindrop.js';
import { atomicBatch, changedRows } from '../../src/db/atomic.js';
import { isPauzError } from '../../src/errors.js';
import { type OpenedD1, openD1 } from './miniflare.js';

interface Tables {
  kinds: { id: Generated<number>; text: string | null; int: number | null; real: number | null; bytes: Uint8Array | null };
}

// Through miniflare's own proxy of the binding (`mf.getD1Database`), and through the
// asynchronous one the concurrency tests use: the same results both ways.
describe.each(['binding', 'fetched'] as const)('raindropSqlDatabase: the Kysely D1 dialect on a real D1 (%s)', (via) => {
  let d1: OpenedD1;
  let binding: D1DatabaseLike;
  beforeAll(async () => {
    d1 = await openD1();
    binding = d1[via];
    await binding.prepare('create table kinds (id integer primary key, text text, int integer, real real, bytes blob)').all();
  });
  afterAll(() => d1.dispose());

  it('round trips text, integers, reals, null and bytes', async () => {
    const db = raindropSqlDatabase<any>(binding) as unknown as Kysely<Tables>;
    const text = 'Ünïcødé 🌸 — "quotes" \'and\' \\ back\nline\u0000nul';
    const bytes = new Uint8Array([0, 1, 127, 128, 255]);
    const inserted = await db.insertInto('kinds').values({ text, int: 2 ** 53 - 1, real: -1.25e-7, bytes }).executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(1n);
    expect(typeof inserted.insertId).toBe('bigint');
    await db.insertInto('kinds').values({ text: null, int: null, real: null, bytes: null }).execute();
    const rows = await db.selectFrom('kinds').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: Number(inserted.insertId), text, int: 2 ** 53 - 1, real: -1.25e-7 });
    expect(rows[0]?.bytes).toBeInstanceOf(Uint8Array);
    expect([...(rows[0]?.bytes ?? [])]).toEqual([...bytes]);
    expect(rows[1]).toMatchObject({ text: null, int: null, real: null, bytes: null });
    // bigint and boolean parameters as D1 can bind them; a bigint beyond 2^53 refused, not truncated.
    const { rows: bound } = await sql<{ b: number; t: number }>`select ${10n} as b, ${true} as t`.execute(db);
    expect(bound).toEqual([{ b: 10, t: 1 }]);
    await expect(sql`select ${2n ** 60n} as b`.execute(db)).rejects.toThrow(/2\^53/);
  });

  it('reports affected rows for insert, update and delete, and returns rows with returning', async () => {
    const db = raindropSqlDatabase<any>(binding) as unknown as Kysely<Tables>;
    await db.deleteFrom('kinds').execute();
    const many = await db
      .insertInto('kinds')
      .values([1, 2, 3].map((int) => ({ text: 'n', int, real: null, bytes: null })))
      .executeTakeFirst();
    expect(many.numInsertedOrUpdatedRows).toBe(3n);
    const updated = await db.updateTable('kinds').set({ text: 'm' }).where('int', '>=', 2).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    const none = await db.updateTable('kinds').set({ text: 'm' }).where('int', '=', 99).executeTakeFirst();
    expect(none.numUpdatedRows).toBe(0n);
    const returned = await db.updateTable('kinds').set({ real: 0.5 }).where('int', '=', 1).returning(['int', 'real']).execute();
    expect(returned).toEqual([{ int: 1, real: 0.5 }]);
    // Raw SQL that writes reports its count too; a raw read does not claim one.
    expect((await sql`update kinds set real = 1 where int >= 2`.execute(db)).numAffectedRows).toBe(2n);
    expect((await sql`select * from kinds`.execute(db)).numAffectedRows).toBeUndefined();
    const deleted = await db.deleteFrom('kinds').where('text', '=', 'm').executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(2n);
    expect(Number((await db.selectFrom('kinds').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(1);
  });

  // (D1 refuses to create a `_cf_` table, so the filter for its own ones cannot be shown here.)
  it('introspects the tables and columns as Kysely does', async () => {
    const db = raindropSqlDatabase(binding);
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(['kinds']);
    expect(tables[0]?.columns.map((c) => [c.name, c.dataType, c.isNullable, c.isAutoIncrementing])).toEqual([
      ['id', 'INTEGER', true, true],
      ['text', 'TEXT', true, false],
      ['int', 'INTEGER', true, false],
      ['real', 'REAL', true, false],
      ['bytes', 'BLOB', true, false],
    ]);
  });

  it('refuses db.transaction(), naming D1 and the batch alternative', async () => {
    const db = raindropSqlDatabase(binding);
    const error = await db
      .transaction()
      .execute(async () => 'never')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isPauzError(error)).toBe(true);
    expect((error as Error).message).toMatch(/D1/);
    expect((error as Error).message).toMatch(/batch\(/);
  });

  it('runs an atomic batch through any instance derived from it, all or nothing', async () => {
    const base = raindropSqlDatabase<any>(binding) as unknown as Kysely<Tables>;
    const derived = base.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => args.result });
    await base.deleteFrom('kinds').execute();
    const results = await atomicBatch(derived, [
      derived.insertInto('kinds').values({ text: 'a', int: 1, real: null, bytes: null }),
      derived.updateTable('kinds').set({ int: 2 }).where('text', '=', 'a'),
    ]);
    expect(results.map(changedRows)).toEqual([1, 1]);
    // The second statement fails (no such table): the first is undone with it.
    await expect(
      atomicBatch(derived, [derived.insertInto('kinds').values({ text: 'b', int: 1, real: null, bytes: null }), derived.deleteFrom('nope' as never)]),
    ).rejects.toThrow(/no such table/);
    expect((await base.selectFrom('kinds').select('text').execute()).map((r) => r.text)).toEqual(['a']);
  });
});
