import { audioFileExtension } from '../audio/formats.js';
import { isAcceptableAudio, sniffAudioType } from '../audio/sniff.js';
import { nowIso, type PauzContext } from '../context.js';
import type { RecordingsTable } from '../db/schema.js';
import { PauzError, notFound } from '../errors.js';
import type { FreeJournal } from '../free-journal/free-journal.js';
import { objectKeys } from '../storage/buckets.js';
import { putThenIndex, requireObject } from '../storage/write-rule.js';
import type { CallOptions } from '../upstream.js';
import { assertId } from '../validation.js';
import { holds, insertWhere, liveSession } from '../db/live-owner.js';

/**
 * Where a recording stands: stored with its transcription under way, transcribed, or
 * transcription failed (retryable). A recording left `pending` longer than
 * `limits.pendingRecordingSeconds` (the server stopped mid-transcription) is reported
 * `failed`, and can be retried like one.
 *
 * @category Domain
 */
export type RecordingStatus = 'pending' | 'transcribed' | 'failed';

/**
 * A voice recording of a free-journal session.
 *
 * @category Domain
 */
export interface Recording {
  /** The recording id (UUID). */
  id: string;
  /** The free-journal session the recording belongs to. */
  sessionId: string;
  /** The type recognised from the audio bytes, for example `audio/webm`. */
  contentType: string;
  /** Size of the audio in bytes. */
  size: number;
  /**
   * The transcript once there is one. A transcript that could not be appended to the
   * session (it would have grown past `limits.contentChars`) is kept here, with the
   * status `failed`: nothing said is lost.
   */
  transcript: string | null;
  /** Where the transcription stands. */
  status: RecordingStatus;
  /** When the recording was stored (ISO 8601 UTC instant). */
  createdAt: string;
}

/**
 * An upload to store as a recording.
 *
 * @category Services
 */
export interface RecordingUpload {
  /** The complete audio file, at most `limits.audioBytes` bytes; its format is sniffed from the bytes. */
  audio: Uint8Array;
  /** The content type the client declared; checked against the bytes. */
  contentType?: string | null;
}

/**
 * @internal Maps an index row to a {@link Recording}. With `staleBefore` (an ISO
 * instant), a `pending` row last touched before it is reported `failed`: whatever was
 * transcribing it is gone.
 */
export function toRecording(row: RecordingsTable, staleBefore?: string): Recording {
  const stale = row.status === 'pending' && staleBefore !== undefined && row.updated_at < staleBefore;
  return {
    id: row.id,
    sessionId: row.session_id,
    contentType: row.content_type,
    size: Number(row.size),
    transcript: row.transcript,
    status: stale ? 'failed' : (row.status as RecordingStatus),
    createdAt: row.created_at,
  };
}

/**
 * Voice recordings: one object per recording in the `audio-files` bucket (never
 * overwritten), an SQL row with type, size, transcript and status.
 *
 * @category Services
 */
export class Recordings {
  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext, sessions: FreeJournal): Recordings {
    return new Recordings(ctx, sessions);
  }

  private constructor(
    private readonly ctx: PauzContext,
    private readonly sessions: FreeJournal,
  ) {}

  /**
   * Stores an upload as a new `pending` recording of the session. Refuses empty or
   * oversized audio (`VALIDATION_FAILED`, `PAYLOAD_TOO_LARGE`) and anything whose bytes
   * are not an accepted audio format or disagree with the declared type
   * (`UNSUPPORTED_MEDIA_TYPE`) before anything is stored. `signal` reaches the put
   * of the audio (the write rule).
   */
  async store(userId: string, sessionId: string, upload: RecordingUpload, options: CallOptions = {}): Promise<Recording> {
    await this.sessions.get(userId, sessionId);
    const { audio } = upload;
    if (audio.byteLength === 0) {
      throw new PauzError('VALIDATION_FAILED', 'The recording is empty', { errors: [{ field: 'audio', message: 'must not be empty' }] });
    }
    if (audio.byteLength > this.ctx.limits.audioBytes) {
      throw new PauzError('PAYLOAD_TOO_LARGE', `The recording is larger than ${this.ctx.limits.audioBytes} bytes`);
    }
    const sniffed = sniffAudioType(audio);
    if (sniffed === null || !isAcceptableAudio(upload.contentType, sniffed)) {
      throw new PauzError(
        'UNSUPPORTED_MEDIA_TYPE',
        sniffed === null
          ? 'The upload is not a supported audio file (wav, mp3, m4a/mp4/aac, flac, ogg/opus, webm)'
          : `The upload is ${sniffed}, not ${upload.contentType ?? 'a declared type'}`,
      );
    }
    const now = nowIso(this.ctx);
    const row: RecordingsTable = {
      id: this.ctx.ids(),
      user_id: userId,
      session_id: sessionId,
      object_key: '',
      content_type: sniffed,
      size: audio.byteLength,
      transcript: null,
      status: 'pending',
      created_at: now,
      updated_at: now,
    };
    row.object_key = objectKeys.audio(userId, row.id, audioFileExtension(sniffed) ?? 'bin');
    // The row only while the session and its account are live: a store racing an account deletion leaves nothing.
    const { db } = this.ctx;
    const live = () => liveSession(db, userId, sessionId);
    await putThenIndex(
      this.ctx.buckets.audio,
      row.object_key,
      audio,
      { contentType: sniffed, signal: options.signal },
      async () => {
        if ((await insertWhere(db, 'pauz_recordings', row, live())) !== 1) throw notFound('Session');
      },
      this.ctx.logger,
      { what: 'Session', live: () => holds(db, live()) },
    );
    return toRecording(row);
  }

  /** One recording of the session; `NOT_FOUND` when missing or not the user's. */
  async get(userId: string, sessionId: string, recordingId: string): Promise<Recording> {
    return toRecording(await this.row(userId, sessionId, recordingId), this.staleBefore());
  }

  /**
   * The session's recordings, oldest first, each with its status and transcript — how
   * a client that stopped waiting for an upload's answer finds its recording again,
   * and reads a transcript too long to be appended. `NOT_FOUND` when the session is
   * missing or not the user's.
   *
   * @example
   * {@includeCode ../../../../docs/snippets/api/core/recordings/recordings.1.ts}
   */
  async list(userId: string, sessionId: string): Promise<{
    /** The session's recordings, oldest first. */
    items: Recording[];
  }> {
    await this.sessions.get(userId, sessionId);
    const rows = await this.ctx.db
      .selectFrom('pauz_recordings')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const staleBefore = this.staleBefore();
    return { items: rows.map((row) => toRecording(row, staleBefore)) };
  }

  /** @internal Pending recordings last touched before this instant are reported `failed`. */
  staleBefore(): string {
    return new Date(this.ctx.clock.now().getTime() - this.ctx.limits.pendingRecordingSeconds * 1000).toISOString();
  }

  /**
   * The audio bytes of a recording, from its bucket object, with the type recognised
   * when it was stored. `NOT_FOUND` when the session or the recording is missing or
   * not the user's; a bucket failure is `SMARTBUCKET_FAILED` (or `UPSTREAM_TIMEOUT`).
   *
   * @example
   * {@includeCode ../../../../docs/snippets/api/core/recordings/recordings.2.ts}
   */
  async audio(
    userId: string,
    sessionId: string,
    recordingId: string,
    options: CallOptions = {},
  ): Promise<{
    /** The audio file as uploaded. */
    bytes: Uint8Array;
    /** Its sniffed MIME type, for example `audio/webm`. */
    contentType: string;
  }> {
    const row = await this.row(userId, sessionId, recordingId);
    const object = await requireObject(this.ctx.buckets.audio, row.object_key, options);
    return { bytes: await object.bytes(), contentType: row.content_type };
  }

  /** @internal The index row, with ownership checked. */
  async row(userId: string, sessionId: string, recordingId: string): Promise<RecordingsTable> {
    assertId(sessionId, 'Session');
    assertId(recordingId, 'Recording');
    const row = await this.ctx.db
      .selectFrom('pauz_recordings')
      .selectAll()
      .where('id', '=', recordingId)
      .where('session_id', '=', sessionId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('Recording');
    return row;
  }
}
