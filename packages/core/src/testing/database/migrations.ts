import { expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHarness } from './fixture.js';
import { PAUZ_MIGRATION_TABLE } from '../../db/migrate.js';
import { PAUZ_MIGRATIONS } from '../../db/migrations.js';

export function migrationContract(h: () => DatabaseHarness): void {
  it('migrating again applies nothing and keeps data', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const again = await pauz.migrate();
    expect(again.applied).toEqual([]);
    expect((await pauz.accounts.get(user.id)).id).toBe(user.id);
  });

  it('records every migration in its own table, with sortable names', async () => {
    const { db } = h();
    const rows = await db
      .selectFrom(sql.table(PAUZ_MIGRATION_TABLE).as('m') as never)
      .select(sql<string>`name`.as('name'))
      .execute();
    const names = (rows as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(Object.keys(PAUZ_MIGRATIONS));
    expect([...names].sort()).toEqual(names);
  });

  it('creates only tables prefixed pauz_', async () => {
    const { db } = h();
    const tables = await db.introspection.getTables();
    const names = tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['pauz_users', 'pauz_tokens', 'pauz_free_sessions', 'pauz_flowers']));
    for (const name of names) expect(name.startsWith('pauz_'), name).toBe(true);
  });
}
