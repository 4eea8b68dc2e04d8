// check-only: registers a vitest suite; call it at the top level of a test file
// #region example
// sqlite.contract.test.ts
import { createSqliteDatabase } from '@pauz/core/sqlite';
import { testDatabase } from '@pauz/core/testing';

testDatabase({
  name: 'sqlite',
  open: () => {
    const db = createSqliteDatabase({ filename: ':memory:' });
    return { db, close: () => db.destroy() };
  },
});
// #endregion example
