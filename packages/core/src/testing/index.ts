/**
 * Test helpers and the shared contract suites. Needs vitest.
 * @module
 */
export { manualClock, type ManualClock } from './clock.js';
export { expectPauzError } from './expect-code.js';
export { TEST_PASSWORD_HASHER } from './database/fixture.js';
export { type DatabaseHarness, type OpenedDatabase, testDatabase, type TestDatabaseOptions } from './database/index.js';
