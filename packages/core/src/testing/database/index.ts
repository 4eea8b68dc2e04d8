import { afterAll, beforeAll, describe } from 'vitest';
import { accountsContract } from './accounts.js';
import type { PauzTables } from '../../db/schema.js';
import { type DatabaseHarness, harnessFor, type OpenedDatabase } from './fixture.js';
import { freeJournalContract } from './free-journal.js';
import { guidedContract } from './guided.js';
import { objectsContract } from './objects.js';
import { voiceContract } from './voice.js';
import { exportsContract } from './exports.js';
import { gardenContract } from './garden.js';
import { migrationContract } from './migrations.js';
import { ownershipContract } from './ownership.js';
import { statsContract } from './stats.js';
import { searchContract } from './search.js';

export type { DatabaseHarness, OpenedDatabase } from './fixture.js';

/**
 * Options of {@link testDatabase}.
 *
 * @category Testing
 */
export interface TestDatabaseOptions<DB extends PauzTables = PauzTables> {
  /** Shown in the test names, for example `sqlite` or `postgres`. */
  name: string;
  /** Opens an empty database; the suite migrates it and calls `close()` at the end. */
  open: () => Promise<OpenedDatabase<DB>> | OpenedDatabase<DB>;
  /**
   * Skips the suite (with the reason in its name) instead of running it.
   *
   * @defaultValue `false` (the suite runs)
   */
  skip?: string | false;
}

/**
 * Registers the database contract suite with vitest: every service of `@pauz/core`
 * (accounts, free journal, garden, stats), migrations, ownership and the edge cases
 * users hit, run against the database `open()` returns. Call it at the top level of
 * a test file, once per dialect.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/testing/database/index.ts#example}
 */
export function testDatabase<DB extends PauzTables>(options: TestDatabaseOptions<DB>): void {
  const title = `database contract: ${options.name}`;
  if (options.skip) {
    describe.skip(`${title} (skipped: ${options.skip})`, () => {});
    return;
  }
  describe(title, () => {
    let opened: OpenedDatabase<DB> | undefined;
    let harness: DatabaseHarness | undefined;
    beforeAll(async () => {
      opened = await options.open();
      harness = harnessFor(opened.db);
      await harness.pauz.migrate();
    });
    afterAll(async () => {
      await opened?.close();
    });
    const h = (): DatabaseHarness => {
      if (harness === undefined) throw new Error('database contract: the database did not open');
      return harness;
    };
    describe('migrations', () => migrationContract(h));
    describe('accounts', () => accountsContract(h));
    describe('free journal', () => freeJournalContract(h));
    describe('garden', () => gardenContract(h));
    describe('stats', () => statsContract(h));
    describe('guided journals', () => guidedContract(h));
    describe('hints, recordings and the buckets', () => objectsContract(h));
    describe('voice and reflection', () => voiceContract(h));
    describe('PDF exports', () => exportsContract(h));
    describe('ownership', () => ownershipContract(h));
    describe('search', () => searchContract(h));
  });
}
