/**
 * The names a TSDoc example may use without defining them (the prelude), typed.
 * prelude.ts sets them before each example runs. Keep this list short: an example
 * is copied by readers, and every name here is one they must supply themselves.
 */
import type { Pauz, PauzBuckets, PauzDatabase, PdfStore, User } from '@pauz/core';
import type { RaindropEnv } from '@pauz/core/raindrop';

declare global {
  /** A migrated Pauz built from {@link db}, {@link buckets} and {@link pdfs}, with a transcriber. */
  var pauz: Pauz;
  /** An in-memory SQLite database, migrated. */
  var db: PauzDatabase;
  /** The three SmartBuckets (in memory). */
  var buckets: PauzBuckets;
  /** A PDF store (in memory). */
  var pdfs: PdfStore;
  /** A registered user of {@link pauz}. */
  var user: User;
  /** A short voice recording (WebM/Opus bytes), as a browser uploads it. */
  var audio: Uint8Array;
  /**
   * A Raindrop service's environment (`this.env` inside the service): the SmartBucket,
   * SQL (D1) and AI bindings, and the Vultr variables.
   */
  var env: RaindropEnv & Required<Pick<RaindropEnv, 'AI'>>;
}

export {};
