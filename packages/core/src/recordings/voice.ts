import type { Recording } from './recordings.js';
import { toRecording, type RecordingUpload, type Recordings } from './recordings.js';
import type { Transcriber } from '../ai/types.js';
import { nowIso, type PauzContext } from '../context.js';
import type { RecordingsTable } from '../db/schema.js';
import { isPauzError, PauzError } from '../errors.js';
import type { FreeJournal } from '../free-journal/free-journal.js';
import type { FreeJournalSession } from '../free-journal/types.js';
import { type CallOptions, safeReason } from '../upstream.js';
import { atomicBatch, changedRows } from '../db/atomic.js';
import { type SqlBool, sql } from 'kysely';

/**
 * What a voice upload or a retried transcription answers.
 *
 * @category Domain
 */
export interface VoiceResult {
  /** The stored recording and its status. */
  recording: Recording;
  /** The session, with the transcript appended when it succeeded. */
  session: FreeJournalSession;
}

/**
 * Voice journaling: recording → `audio-files` bucket → transcription → the transcript
 * appended to the session. Nothing the user recorded is lost: when transcription
 * fails the audio stays, the error names the recording, and {@link Voice.retry}
 * tries again — appending the transcript exactly once however often it is called.
 *
 * @category Services
 */
export class Voice {
  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext, sessions: FreeJournal, recordings: Recordings): Voice {
    return new Voice(ctx, sessions, recordings);
  }

  private constructor(
    private readonly ctx: PauzContext,
    private readonly sessions: FreeJournal,
    private readonly recordings: Recordings,
  ) {}

  /**
   * Stores a recording and transcribes it into the session. `NOT_CONFIGURED` (before
   * anything is stored) when there is no transcriber.
   *
   * `signal` reaches the put of the audio and the transcription. Aborted during the
   * put, nothing is stored; aborted during the transcription, the recording is kept
   * as `failed` (nothing recorded is lost) and the error (`ABORTED`) names it in
   * `details.recordingId`, for {@link Voice.retry}. A recording larger than the
   * transcriber takes (`PAYLOAD_TOO_LARGE` from it, as `raindropTranscriber`'s
   * `maxAudioBytes`) is kept the same way, and the error keeps that code.
   */
  async record(userId: string, sessionId: string, upload: RecordingUpload, options: CallOptions = {}): Promise<VoiceResult> {
    const transcriber = this.#transcriber();
    const recording = await this.recordings.store(userId, sessionId, upload, options);
    const row = await this.recordings.row(userId, sessionId, recording.id);
    return this.#transcribe(transcriber, row, upload.audio, options);
  }

  /**
   * Transcribes a stored recording again; a recording already transcribed is returned
   * as it is. `signal` reaches the audio read and the transcription.
   */
  async retry(userId: string, sessionId: string, recordingId: string, options: CallOptions = {}): Promise<VoiceResult> {
    const transcriber = this.#transcriber();
    const row = await this.recordings.row(userId, sessionId, recordingId);
    if (row.status === 'transcribed') {
      return { recording: toRecording(row), session: await this.sessions.get(userId, sessionId) };
    }
    // A transcript kept from an attempt that could not be appended needs no second transcription.
    if (row.transcript !== null) return this.#commit(row, row.transcript);
    const { bytes } = await this.recordings.audio(userId, sessionId, recordingId, options);
    return this.#transcribe(transcriber, row, bytes, options);
  }

  /** `NOT_CONFIGURED` unless a transcriber is configured: check before accepting an upload. */
  assertConfigured(): void {
    this.#transcriber();
  }

  #transcriber(): Transcriber {
    if (this.ctx.transcriber === undefined) {
      throw new PauzError('NOT_CONFIGURED', 'Voice journaling needs a transcriber: set PAUZ_TRANSCRIBE_URL, pass `transcriber` to createPauz(), or (inside Raindrop) bind the AI binding');
    }
    return this.ctx.transcriber;
  }

  async #transcribe(transcriber: Transcriber, row: RecordingsTable, audio: Uint8Array, options: CallOptions): Promise<VoiceResult> {
    const { db } = this.ctx;
    let text: string;
    try {
      text = (await transcriber.transcribe({ audio, contentType: row.content_type, signal: options.signal })).text.trim();
    } catch (error) {
      await db
        .updateTable('pauz_recordings')
        .set({ status: 'failed', updated_at: nowIso(this.ctx) })
        .where('id', '=', row.id)
        .where('status', '!=', 'transcribed')
        .execute();
      // A timeout, an abort and a recording too large for the transcriber keep their code (and HTTP status).
      const code = (['UPSTREAM_TIMEOUT', 'ABORTED', 'PAYLOAD_TOO_LARGE'] as const).find((c) => isPauzError(error, c)) ?? 'TRANSCRIPTION_FAILED';
      // A host's own transcriber may throw its upstream's words: only Pauz's errors are quoted.
      const system = safeReason(error);
      const reason = isPauzError(error) ? error.message : `the transcriber failed${system === undefined ? '' : ` (${system})`}`;
      // Core knows no URLs (the HTTP layer is mounted anywhere): the id is what a client needs to retry.
      const next = code === 'PAYLOAD_TOO_LARGE' ? 'its audio can still be downloaded' : 'its transcription can be retried';
      throw new PauzError(code, `${reason}. The recording ${row.id} is kept; ${next}`, {
        details: { recordingId: row.id },
        cause: error,
      });
    }
    return this.#commit(row, text);
  }

  /**
   * Marks the recording transcribed and appends the transcript, as one atomic batch
   * of conditional statements (a transaction; on D1 one `batch()`, which has no
   * interactive transactions), so no JavaScript runs between the claim and the append:
   *
   * 1. claim: the recording becomes `claiming` unless it is `transcribed` — a state
   *    that exists only inside this batch (every batch ends it), so it tells the later
   *    statements that *this* batch claimed it;
   * 2. the session's conditional UPDATE (the version read just before, as every
   *    write), only while the recording is `claiming`, with a unique stamp as its
   *    `updated_at`;
   * 3. the recording becomes `transcribed` if the session carries the stamp (the
   *    append landed), 4. the appended text is indexed for search and the stamp
   *    becomes the time, 5. a claim whose append did
   *    not land (the session moved on) becomes `failed`, its transcript kept.
   *
   * Of concurrent attempts only one claims (D1 runs batches one at a time;
   * PostgreSQL re-checks the claim's condition after the first commits), and the
   * session is appended to exactly once. A missed append is tried again on the new
   * version. If the transcript cannot be appended (the session would grow past its
   * limit), it is kept on the recording, which stays `failed` and names itself in
   * the error.
   */
  async #commit(row: RecordingsTable, text: string): Promise<VoiceResult> {
    const { db } = this.ctx;
    const now = nowIso(this.ctx);
    const recording = db.updateTable('pauz_recordings').where('id', '=', row.id);
    const keepFailed = () => recording.set({ status: 'failed', transcript: text, updated_at: now }).where('status', '!=', 'transcribed');
    let session: FreeJournalSession | undefined;
    try {
      if (text === '') {
        // Nothing to append: claiming it is the whole commit.
        await recording.set({ status: 'transcribed', transcript: text, updated_at: now }).where('status', '!=', 'transcribed').execute();
      } else {
        for (let attempt = 1; session === undefined; attempt++) {
          const plan = await this.sessions.planAppend(row.user_id, row.session_id, text);
          const stamp = claimStamp();
          const claiming = db.selectFrom('pauz_recordings').select('id').where('id', '=', row.id).where('status', '=', CLAIMING);
          const stamped = db.selectFrom('pauz_free_sessions').select('id').where('id', '=', row.session_id).where('updated_at', '=', stamp);
          const [claim, append] = await atomicBatch(db, [
            recording.set({ status: CLAIMING, transcript: text, updated_at: now }).where('status', '!=', 'transcribed'),
            plan.update(db, sql<SqlBool>`exists ${claiming}`, stamp),
            recording.set({ status: 'transcribed' }).where('status', '=', CLAIMING).where(sql<SqlBool>`exists ${stamped}`),
            // The transcript into the search index while the stamp marks this append, then the stamp becomes the time.
            ...plan.index(db, stamp),
            recording.set({ status: 'failed' }).where('status', '=', CLAIMING),
          ]);
          // Another attempt transcribed it first: its append is the one.
          if (changedRows(claim) === 0) break;
          if (changedRows(append) === 1) session = plan.next;
          else if (attempt >= MAX_COMMIT_ATTEMPTS) {
            throw new PauzError('VERSION_CONFLICT', `The session kept changing while the transcript was appended (${attempt} attempts)`, {
              details: { currentVersion: (await this.sessions.get(row.user_id, row.session_id)).version, attempts: attempt },
            });
          }
        }
      }
    } catch (error) {
      // Kept whatever went wrong (the limit, the database): a retry appends it without transcribing again.
      await keepFailed().execute();
      if (isPauzError(error)) {
        throw new PauzError(error.code, `${error.message} (the recording ${row.id} and its transcript are kept)`, {
          errors: error.errors,
          details: { ...error.details, recordingId: row.id },
          cause: error,
        });
      }
      throw error;
    }
    const current = await this.recordings.row(row.user_id, row.session_id, row.id);
    return { recording: toRecording(current), session: session ?? (await this.sessions.get(row.user_id, row.session_id)) };
  }
}

/** The status a recording has only inside the batch that claimed it (never committed). */
const CLAIMING = 'claiming';
/** Commit batches one transcript tries when the session keeps moving on under it. */
const MAX_COMMIT_ATTEMPTS = 16;

/** A marker no time stamp can equal (at most 32 characters, the column's size). */
function claimStamp(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `~claim-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
