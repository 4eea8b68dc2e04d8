import { createSqliteDatabase } from '@pauz/core/sqlite';

const db = createSqliteDatabase({ filename: './pauz.db' });
