import { openTempSqliteDatabase, testDatabase } from '../../src/testing/index.js';

testDatabase({ name: 'sqlite (temp file)', open: openTempSqliteDatabase });
