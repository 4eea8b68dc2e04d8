import { type Pauz, createPauz } from '../../pauz.js';
import type { Kysely } from 'kysely';
import { type PauzDatabase, type PauzTables, pauzView } from '../../db/schema.js';
import { scryptPasswordHasher } from '../../accounts/passwords.js';
import type { PauzLimits } from '../../context.js';
import type { Transcriber } from '../../ai/types.js';
import { scriptedTranscriber } from '../scripted-transcriber.js';
import { memoryPdfStore } from '../../pdf-store/memory.js';
import type { PdfStore } from '../../pdf-store/types.js';
import { type ManualClock, manualClock } from '../clock.js';
import { type InstrumentedBuckets, instrumentBuckets } from '../instrumented-bucket.js';
import { memoryBuckets } from '../../storage/memory.js';

/**
 * A database opened for a contract run, and how to close it. `DB` is the database
 * type of the instance: Pauz's tables, or a host's that includes them.
 *
 * @category Testing
 */
export interface OpenedDatabase<DB extends PauzTables = PauzTables> {
  /** The Kysely instance under test, empty; the suite migrates it. */
  db: Kysely<DB>;
  /** Closes the database and removes what the test created (temp file, schema). */
  close(): Promise<void>;
}

/**
 * What each contract test is handed.
 *
 * @category Testing
 */
export interface DatabaseHarness {
  /** A Pauz instance on the database under test, with a {@link ManualClock}. */
  pauz: Pauz;
  /** The manual clock of {@link DatabaseHarness.pauz}, starting at 2026-06-15T12:00:00Z; tests move it. */
  clock: ManualClock;
  /** The opened database, typed with Pauz's tables only. */
  db: PauzDatabase;
  /** The in-memory PDF store behind {@link DatabaseHarness.pauz}. */
  pdfs: PdfStore;
  /** Where the PDF store's signed links point (the HTTP suite sets its server's URL). */
  setPublicBaseUrl(url: string): void;
  /** The transcriber behind {@link DatabaseHarness.pauz} (a {@link ScriptedTranscriber} unless another was given). */
  transcriber: Transcriber;
  /** The in-memory buckets behind {@link DatabaseHarness.pauz}, counting calls and failing on request. */
  buckets: InstrumentedBuckets;
  /** Registers a fresh user and returns its id and token. */
  newUser(name?: string): Promise<{
    /** The new user's id. */
    id: string;
    /** A bearer token of the user. */
    token: string;
    /** The user's unique email. */
    email: string;
  }>;
}

/**
 * Cheap scrypt parameters so contract runs register hundreds of users quickly; the
 * OWASP defaults are tested on their own.
 *
 * @category Testing
 */
export const TEST_PASSWORD_HASHER = scryptPasswordHasher({ params: { logN: 10, r: 8, p: 1 } });

/**
 * The link-signing secret of the harness's PDF store (a fixture, never a default).
 *
 * @category Testing
 */
export const TEST_LINK_SECRET = 'pauz-test-link-secret-0123456789abcdef';

let counter = 0;

/** Builds a harness on an opened, migrated database. */
export function harnessFor<DB extends PauzTables>(
  opened: Kysely<DB>,
  options: { limits?: Partial<PauzLimits>; transcriber?: Transcriber } = {},
): DatabaseHarness {
  const db = pauzView(opened);
  const clock = manualClock('2026-06-15T12:00:00Z');
  const buckets = instrumentBuckets(memoryBuckets({ clock }));
  const transcriber = options.transcriber ?? scriptedTranscriber();
  let publicBaseUrl = 'http://127.0.0.1';
  const pdfs = memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: () => publicBaseUrl, clock });
  const pauz = createPauz({ db, buckets, pdfs, clock, passwordHasher: TEST_PASSWORD_HASHER, transcriber, limits: options.limits ?? {} });
  return {
    pauz,
    clock,
    db,
    buckets,
    pdfs,
    transcriber,
    setPublicBaseUrl(url) {
      publicBaseUrl = url;
    },
    async newUser(name = 'Test') {
      counter += 1;
      const email = `user${counter}.${crypto.randomUUID().slice(0, 8)}@example.com`;
      const { user, token } = await pauz.accounts.register({ email, password: 'correct horse battery', name });
      return { id: user.id, token, email };
    },
  };
}
