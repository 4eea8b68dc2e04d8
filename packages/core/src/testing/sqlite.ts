import type { OpenedDatabase } from './database/fixture.js';

/**
 * Opens a SQLite database in a new temporary file (removed on close) — the real
 * thing, for suites that need a database. Node only; needs better-sqlite3.
 *
 * @category Testing
 */
export async function openTempSqliteDatabase(): Promise<OpenedDatabase> {
  const [{ mkdtempSync, rmSync }, { tmpdir }, { join }, { createSqliteDatabase }] = await Promise.all([
    import('node:fs'),
    import('node:os'),
    import('node:path'),
    import('../sqlite.js'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'pauz-sqlite-'));
  const db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
  return {
    db,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
