import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HotQuery } from '../src/db/hot-query.js';
import { openTempSqliteDatabase, type OpenedDatabase } from '../src/testing/index.js';
import { openPostgresSchema, postgresSkipReason } from './postgres.js';

interface NoteTables {
  hot_notes: { id: string; owner: string; body: string };
}

const dialects: { name: string; skip: string | false; open: () => Promise<OpenedDatabase>; schema: string }[] = [
  { name: 'sqlite', skip: false, open: openTempSqliteDatabase, schema: 'main' },
  { name: 'postgres', skip: postgresSkipReason(), open: openPostgresSchema, schema: 'public' },
];

describe.each(dialects)('HotQuery on $name', ({ skip, open, schema }) => {
  let opened: OpenedDatabase;
  let db: Kysely<NoteTables>;

  beforeAll(async () => {
    if (skip !== false) return;
    opened = await open();
    db = opened.db as unknown as Kysely<NoteTables>;
    await db.schema.createTable('hot_notes').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('owner', 'text').addColumn('body', 'text').execute();
    await db.insertInto('hot_notes').values([
      { id: 'n1', owner: 'ada', body: 'one' },
      { id: 'n2', owner: 'ada', body: 'two' },
      { id: 'n3', owner: 'bob', body: 'three' },
    ]).execute();
  });
  afterAll(async () => {
    if (skip === false) await opened.close();
  });

  function notesOf(): { query: HotQuery<[string, string], { id: string; body: string }>; builds: () => number } {
    let builds = 0;
    const query = new HotQuery(2, (kysely: Kysely<NoteTables>, owner: string, after: string) => {
      builds++;
      return kysely.selectFrom('hot_notes').select(['id', 'body']).where('owner', '=', owner).where('id', '>', after).orderBy('id');
    });
    return { query, builds: () => builds };
  }

  it.skipIf(skip !== false)('runs with new arguments each time, built and compiled once', async () => {
    const { query, builds } = notesOf();
    expect((await query.execute(db, 'ada', '')).rows).toEqual([{ id: 'n1', body: 'one' }, { id: 'n2', body: 'two' }]);
    expect((await query.execute(db, 'ada', 'n1')).rows).toEqual([{ id: 'n2', body: 'two' }]);
    expect(await query.takeFirst(db, 'bob', '')).toEqual({ id: 'n3', body: 'three' });
    expect(await query.takeFirst(db, 'eve', '')).toBeUndefined();
    expect(builds()).toBe(1);
  });

  it.skipIf(skip !== false)('counts the rows an update changed', async () => {
    const rename = new HotQuery(2, (kysely: Kysely<NoteTables>, body: string, id: string) =>
      kysely.updateTable('hot_notes').set({ body }).where('id', '=', id),
    );
    expect(await rename.affected(db, 'uno', 'n1')).toBe(1);
    expect(await rename.affected(db, 'nothing', 'missing')).toBe(0);
    expect(await rename.affected(db, 'one', 'n1')).toBe(1);
    expect((await db.selectFrom('hot_notes').select('body').where('id', '=', 'n1').executeTakeFirstOrThrow()).body).toBe('one');
  });

  it.skipIf(skip !== false)('runs inside a transaction, seeing its own writes', async () => {
    const { query } = notesOf();
    await query.execute(db, 'ada', '');
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('hot_notes').values({ id: 'n9', owner: 'ada', body: 'draft' }).execute();
        expect((await query.execute(trx, 'ada', 'n2')).rows).toEqual([{ id: 'n9', body: 'draft' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await query.execute(db, 'ada', 'n2')).rows).toEqual([]);
  });

  it.skipIf(skip !== false)("reuses a query compiled with a host's withSchema() prefix", async () => {
    // PostgreSQL: a schema off the search path, holding only bob's note; SQLite: main.
    const target = schema === 'main' ? 'main' : `hot_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
    if (target !== 'main') {
      await sql.raw(`create schema ${target}`).execute(db);
      await sql.raw(`create table ${target}.hot_notes as select * from hot_notes where owner = 'bob'`).execute(db);
    }
    try {
      const prefixed = db.withSchema(target);
      expect(prefixed.selectFrom('hot_notes').select('id').compile().sql).toContain(`"${target}"."hot_notes"`);
      const { query, builds } = notesOf();
      expect((await query.execute(prefixed, 'bob', '')).rows).toEqual([{ id: 'n3', body: 'three' }]);
      expect((await query.execute(prefixed, 'ada', '')).rows).toHaveLength(target === 'main' ? 2 : 0);
      expect(builds()).toBe(1);
    } finally {
      if (target !== 'main') await sql.raw(`drop schema ${target} cascade`).execute(db);
    }
  });

  it.skipIf(skip !== false)('gives a plugin that keeps state per query every run of it', async () => {
    // A tracing plugin: what transformQuery records, transformResult must find.
    const open = new Set<unknown>();
    let matched = 0;
    const tracing: KyselyPlugin = {
      transformQuery: ({ node, queryId }) => {
        open.add(queryId);
        return node;
      },
      transformResult: async ({ result, queryId }) => {
        if (open.delete(queryId)) matched++;
        return result;
      },
    };
    const { query, builds } = notesOf();
    const traced = db.withPlugin(tracing);
    for (let i = 0; i < 3; i++) expect((await query.execute(traced, 'ada', '')).rows).toHaveLength(2);
    expect(matched).toBe(3);
    expect(builds()).toBe(3);
  });
});

