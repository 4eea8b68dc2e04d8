import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDatabase } from '../../src/sqlite.js';
import { testDatabase } from '../../src/testing/index.js';

testDatabase({
  name: 'sqlite (temp file)',
  open: () => {
    const dir = mkdtempSync(join(tmpdir(), 'pauz-sqlite-'));
    const db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
    return {
      db,
      close: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
