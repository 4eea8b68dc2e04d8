import type { Recording } from './recordings.js';
import { toRecording, type RecordingUpload, type Recordings } from './recordings.js';
import type { Transcriber } from '../ai/types.js';
import { nowIso, type PauzContext } from '../context.js';
import type { RecordingsTable } from '../db/schema.js';
import { isPauzError, PauzError } from '../errors.js';
import type { FreeJournal } from '../free-journal/free-journal.js';
import type { FreeJournalSession } from '../free-journal/types.js';
import { type CallOptions, safeReason } from '../upstream.js';

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
      throw new PauzError('NOT_CONFIGURED', 'Voice journaling needs a transcriber: set PAUZ_TRANSCRIBE_URL or pass `transcriber` to createPauz()');
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
   * Marks the recording transcribed and appends the transcript in one transaction:
   * of concurrent attempts only one appends, and a failure leaves neither half. If the
   * transcript cannot be appended (the session would grow past its limit), it is kept
   * on the recording, which stays `failed` and names itself in the error.
   */
  async #commit(row: RecordingsTable, text: string): Promise<VoiceResult> {
    const { db } = this.ctx;
    const now = nowIso(this.ctx);
    let session: FreeJournalSession | null;
    try {
      session = await db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable('pauz_recordings')
          .set({ status: 'transcribed', transcript: text, updated_at: now })
          .where('id', '=', row.id)
          .where('status', '!=', 'transcribed')
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return null;
        if (text === '') return null;
        return this.sessions.appendWithin(trx, row.user_id, row.session_id, text);
      });
    } catch (error) {
      await db.updateTable('pauz_recordings').set({ status: 'failed', transcript: text, updated_at: now }).where('id', '=', row.id).execute();
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
