import type { PasswordHasher } from './accounts/passwords.js';
import type { Transcriber, Writer } from './ai/types.js';
import type { PauzLogger } from './logger.js';
import type { PauzBuckets } from './storage/buckets.js';
import type { PdfStore } from './pdf-store/types.js';
import type { RenderJournalPdfOptions } from './pdf/render.js';
import type { PauzDatabase } from './db/schema.js';
import type { Clock, IdGenerator } from './runtime.js';

/**
 * Limits Pauz enforces; every one has a default and can be changed in {@link PauzOptions}.
 *
 * @category Configuration
 */
export interface PauzLimits {
  /**
   * Longest free-journal content (and hint content), in characters (UTF-16 code
   * units, `string.length`). A 100-page journal (about 46,500 words, 295,000
   * characters) fits the default with room to spare. Sent as JSON, 500,000 characters of
   * any text in the Basic Multilingual Plane take at most 1.5 MB, inside the default
   * JSON body limit (`DEFAULT_MAX_JSON_BYTES`, 2 MiB); raise both together.
   *
   * @defaultValue `500_000`
   */
  contentChars: number;
  /**
   * Failed logins allowed per email and source (client address) within
   * {@link PauzLimits.loginWindowSeconds}; then `RATE_LIMITED`.
   *
   * @defaultValue `10`
   */
  loginFailures: number;
  /**
   * Window of the login rate limit, in seconds.
   *
   * @defaultValue `900` (15 minutes)
   */
  loginWindowSeconds: number;
  /**
   * Lifetime of a bearer token, in seconds.
   *
   * @defaultValue `2_592_000` (30 days)
   */
  tokenTtlSeconds: number;
  /**
   * Largest audio recording, in bytes; a larger upload is refused with 413.
   *
   * @defaultValue `26_214_400` (25 MiB)
   */
  audioBytes: number;
  /**
   * Hints one save may carry.
   *
   * @defaultValue `20`
   */
  hintsPerSave: number;
  /**
   * How long a recording may stay `pending` (stored, transcription under way) before
   * it is reported `failed` — its transcription was cut off by a crash or a restart —
   * and can be retried. Longer than the transcriber's timeout plus the upload.
   *
   * @defaultValue `600` (10 minutes)
   */
  pendingRecordingSeconds: number;
  /**
   * Password hashes (128 MiB of memory each with the default scrypt) running at once; more wait.
   *
   * @defaultValue `4`
   */
  hashConcurrency: number;
  /**
   * Password hashes waiting for a slot before sign-ins are refused (`RATE_LIMITED`).
   *
   * @defaultValue `64`
   */
  hashQueue: number;
  /**
   * Most pages of the book (`POST /export/book`), title page and table of contents
   * included. A longer book (or a range with more journals than that) is refused with
   * `PAYLOAD_TOO_LARGE` (413) naming this limit. pdf-lib holds the whole document in
   * memory while it is made (measured: 3 to 6 KB of heap per entry of a page and a
   * half, plus the compressed pages and the PDF itself; see docs/pdf.md), so this
   * bounds the memory of one export.
   *
   * @defaultValue `5_000`
   */
  bookPages: number;
  /**
   * Largest archive `POST /account/import` (and `pauz.portability.import()`) reads, in
   * bytes as sent; past it the import stops reading and answers `PAYLOAD_TOO_LARGE`.
   *
   * @defaultValue `209_715_200` (200 MiB)
   */
  importBytes: number;
  /**
   * Most bytes the entries of an import archive may expand to, all together; a zip
   * bomb is stopped when it passes this (`PAYLOAD_TOO_LARGE`), while it is inflated.
   *
   * @defaultValue `1_073_741_824` (1 GiB)
   */
  importExpandedBytes: number;
  /**
   * Most bytes one entry of an import archive may expand to. The JSON documents
   * (`pauz-export.json`, a Day One journal) are held in memory while they are checked,
   * so this bounds what one import holds; an audio entry is bounded by
   * {@link PauzLimits.audioBytes} as well.
   *
   * @defaultValue `268_435_456` (256 MiB)
   */
  importEntryBytes: number;
  /**
   * Most entries (files and folders) an import archive may have (`PAYLOAD_TOO_LARGE`).
   *
   * @defaultValue `50_000`
   */
  importEntries: number;
}

/**
 * The defaults of {@link PauzLimits}.
 *
 * @category Configuration
 */
export const DEFAULT_LIMITS: Readonly<PauzLimits> = Object.freeze({
  contentChars: 500_000,
  loginFailures: 10,
  loginWindowSeconds: 15 * 60,
  tokenTtlSeconds: 30 * 24 * 60 * 60,
  audioBytes: 25 * 1024 * 1024,
  hintsPerSave: 20,
  pendingRecordingSeconds: 600,
  hashConcurrency: 4,
  hashQueue: 64,
  bookPages: 5_000,
  importBytes: 200 * 1024 * 1024,
  importExpandedBytes: 1024 * 1024 * 1024,
  importEntryBytes: 256 * 1024 * 1024,
  importEntries: 50_000,
});

/** What every service is built from. Internal wiring; hosts use {@link createPauz}. */
export interface PauzContext {
  db: PauzDatabase;
  clock: Clock;
  ids: IdGenerator;
  passwordHasher: PasswordHasher;
  limits: PauzLimits;
  buckets: PauzBuckets;
  pdfs: PdfStore;
  pdfOptions: RenderJournalPdfOptions;
  writer: Writer;
  /** Absent when voice journaling is not configured. */
  transcriber: Transcriber | undefined;
  logger: PauzLogger;
}

/** `clock.now()` as ISO 8601 UTC. */
export function nowIso(ctx: Pick<PauzContext, 'clock'>): string {
  return ctx.clock.now().toISOString();
}
