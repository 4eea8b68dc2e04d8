/**
 * Test helpers and the shared contract suites. Needs vitest.
 * @module
 */
export { manualClock, type ManualClock } from './clock.js';
export { expectPauzError } from './expect-code.js';
export { TEST_PASSWORD_HASHER } from './database/fixture.js';
export { openTempSqliteDatabase } from './sqlite.js';
export { type DatabaseHarness, type OpenedDatabase, testDatabase, type TestDatabaseOptions } from './database/index.js';
export {
  type ConformanceServer,
  type ConformanceServerOptions,
  HOST_USER_HEADER,
  type HttpAdapterUnderTest,
  type RequestOptions,
  TestClient,
  type TestResponse,
  testHttpConformance,
} from './http/index.js';
