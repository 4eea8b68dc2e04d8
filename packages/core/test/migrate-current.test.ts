import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, PAUZ_MIGRATION_TABLE } from '../src/db/migrate.js';
import { PAUZ_MIGRATIONS } from '../src/db/migrations.js';
import { createSqliteDatabase } from '../src/sqlite.js';

// migrateToLatest() answers a current database with one read, without Kysely's
// migrator; everything else must still go the migrator's way.
describe('migrateToLatest on a database that is already current', () => {
  const dirs: string[] = [];
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pauz-migrate-'));
    dirs.push(dir);
    return createSqliteDatabase({ filename: join(dir, 'pauz.db') });
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const names = Object.keys(PAUZ_MIGRATIONS);

  it('applies everything once, then nothing', async () => {
    const db = open();
    expect((await migrateToLatest(db)).applied).toEqual(names);
    expect((await migrateToLatest(db)).applied).toEqual([]);
    await db.destroy();
  });

  it('applies a migration whose row is missing (the short cut does not skip it)', async () => {
    const db = open();
    await migrateToLatest(db);
    const last = names[names.length - 1] as string;
    // Undo the last migration as a database of the previous version would have it.
    await (PAUZ_MIGRATIONS[last] as { down?: (db: unknown) => Promise<void> }).down?.(db);
    await db.deleteFrom(PAUZ_MIGRATION_TABLE as never).where('name' as never, '=', last as never).execute();
    expect((await migrateToLatest(db)).applied).toEqual([last]);
    await db.destroy();
  });

  it('refuses a database that has a migration this version does not know', async () => {
    const db = open();
    await migrateToLatest(db);
    await db
      .insertInto(PAUZ_MIGRATION_TABLE as never)
      .values({ name: '2099_01_01_0001_from_the_future', timestamp: new Date().toISOString() } as never)
      .execute();
    await expect(migrateToLatest(db)).rejects.toThrow();
    await db.destroy();
  });
});
