import type { PauzContext } from '../context.js';
import type { CallOptions } from '../upstream.js';
import { exportAccount } from './export.js';
import { importAccount, type ImportReport } from './import.js';

/**
 * Taking an account's writing out, and bringing it in: a zip of everything (the
 * complete JSON, readable Markdown, the original audio) and its import, or the import
 * of a Day One JSON export. Both stream: memory stays bounded however large the
 * account or the archive.
 *
 * @category Services
 */
export class Portability {
  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext): Portability {
    return new Portability(ctx);
  }

  private constructor(private readonly ctx: PauzContext) {}

  /**
   * The user's whole account as a zip, produced as it is read (nothing is read from
   * the database or a bucket before the reader asks for more):
   *
   * ```text
   * pauz-export.json                         {format: "pauz-export", version: 1, exportedAt, user,
   *                                           freeJournals: [session + {hints, recordings: [recording + {file}]}],
   *                                           guidedJournals, flowers} — every field as the API returns it
   * free-journal/YYYY-MM-DD-<slug>-<id8>.md  each session: title, dates, mood, text, hints
   * guided-journal/YYYY-MM-DD-<topic>-<id8>.md  each guided journal: every prompt with its answer
   * audio/<recordingId>.<ext>                the original bytes of every recording (stored, not deflated)
   * ```
   *
   * Memory holds one page of rows (20 items) and one recording at a time. The
   * archive is a plain zip (no zip64): an export past 4 GiB or 65,535 files errors the
   * stream rather than write a corrupt archive. `NOT_FOUND` (the promise rejects)
   * when the user does not exist or is being deleted; a store failing later errors
   * the stream. Cancelling the stream (or aborting `signal`) stops the reads.
   *
   * @example
   * {@includeCode ../../../../docs/snippets/api/core/portability/portability.ts}
   */
  async export(userId: string, options: CallOptions = {}): Promise<ReadableStream<Uint8Array>> {
    return exportAccount(this.ctx, userId, options.signal);
  }

  /**
   * Imports a zip into the user's account: a Pauz export (`pauz-export.json`, with
   * `audio/` files) or a Day One JSON export (`<Journal name>.json` files, with
   * `audios/<md5>.<format>`). Everything gets new ids; nothing of any other account is
   * read or changed.
   *
   * - **Idempotent**: what an earlier import brought in (or, for an export of this
   *   same account, what it still holds) is skipped, so the same archive imported
   *   twice imports nothing the second time.
   * - **All or nothing**: a corrupt or truncated archive, an unknown format, an
   *   unsafe path (`..`, absolute, a backslash), a document failing validation, a
   *   missing audio file (`VALIDATION_FAILED`), an archive, entry or expansion past
   *   the limits (`PAYLOAD_TOO_LARGE`, see `limits.importBytes`,
   *   `importExpandedBytes`, `importEntryBytes`, `importEntries`, and `audioBytes` for
   *   each audio file) leave the account as it was. Audio is put into `audio-files`
   *   as it streams past; every row goes in at the end in one atomic batch; on a
   *   failure the objects put are removed again, and a crash in between leaves
   *   objects no row points at, which `reconcile()` removes.
   * - **Day One**: an entry becomes a session, its first line (without leading `#`)
   *   the title, the rest the content, backslash escapes undone; its dates are kept;
   *   its audio become recordings with status `failed` and no transcript, which the
   *   retry route transcribes. Audio of a format Pauz does not accept, tags and
   *   photos are counted in `skipped` (`recordings`, `tags`, `photos`).
   */
  async import(userId: string, archive: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, options: CallOptions = {}): Promise<ImportReport> {
    return importAccount(this.ctx, userId, archive, options.signal);
  }
}
