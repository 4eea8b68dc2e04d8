import { type Pauz, createPauz } from '../../pauz.js';
import type { PauzDatabase } from '../../db/schema.js';
import { scryptPasswordHasher } from '../../accounts/passwords.js';
import type { PauzLimits } from '../../context.js';
import { type ManualClock, manualClock } from '../clock.js';
import { type InstrumentedBuckets, instrumentBuckets } from '../instrumented-bucket.js';
import { memoryBuckets } from '../../storage/memory.js';

/** A database opened for a contract run, and how to close it. */
export interface OpenedDatabase {
  db: PauzDatabase;
  /** Closes the database and removes what the test created (temp file, schema). */
  close(): Promise<void>;
}

/** What each contract test is handed. */
export interface DatabaseHarness {
  /** A Pauz instance on the database under test, with a {@link ManualClock}. */
  pauz: Pauz;
  clock: ManualClock;
  db: PauzDatabase;
  /** The in-memory buckets behind {@link DatabaseHarness.pauz}, counting calls and failing on request. */
  buckets: InstrumentedBuckets;
  /** Registers a fresh user and returns its id and token. */
  newUser(name?: string): Promise<{ id: string; token: string; email: string }>;
}

/**
 * Cheap scrypt parameters so contract runs register hundreds of users quickly; the
 * OWASP defaults are tested on their own.
 */
export const TEST_PASSWORD_HASHER = scryptPasswordHasher({ params: { logN: 10, r: 8, p: 1 } });

let counter = 0;

/** Builds a harness on an opened, migrated database. */
export function harnessFor(db: PauzDatabase, limits: Partial<PauzLimits> = {}): DatabaseHarness {
  const clock = manualClock('2026-06-15T12:00:00Z');
  const buckets = instrumentBuckets(memoryBuckets({ clock }));
  const pauz = createPauz({ db, buckets, clock, passwordHasher: TEST_PASSWORD_HASHER, limits });
  return {
    pauz,
    clock,
    db,
    buckets,
    async newUser(name = 'Test') {
      counter += 1;
      const email = `user${counter}.${crypto.randomUUID().slice(0, 8)}@example.com`;
      const { user, token } = await pauz.accounts.register({ email, password: 'correct horse battery', name });
      return { id: user.id, token, email };
    },
  };
}
