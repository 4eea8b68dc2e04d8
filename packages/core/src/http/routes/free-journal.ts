import type * as z from 'zod';
import { createSessionInputSchema, listSessionsQuerySchema, onThisDayQuerySchema, saveSessionInputSchema } from '../../free-journal/schemas.js';
import { defineRoute, Reply } from '../route.js';
import { SNIFFED_AUDIO_TYPES } from '../../audio/formats.js';
import {
  hintListSchema,
  hintSchema,
  onThisDaySchema,
  pageSchema,
  recordingListSchema,
  reflectionResultSchema,
  sessionPreviewSchema,
  sessionSchema,
  pdfExportSchema,
  voiceResultSchema,
} from '../schemas.js';
import { exportInputSchema } from '../../export/exports.js';
import { AUDIO_UPLOAD_BODY, readAudioUpload } from '../upload.js';
import { reflectInputSchema } from '../../reflection/reflect.js';
import { generateHintInputSchema } from '../../hints/hints.js';

const sessionPage = pageSchema(sessionPreviewSchema, 'FreeJournalPage');

/** `/freejournal/*`: free-journal sessions. */
/**
 * Call options whose `signal` is the request's, taken only when read. A class, not
 * an object literal with a getter: V8 keeps those until a full collection.
 */
class SignalWhenAsked {
  constructor(readonly call: { readonly signal: AbortSignal }) {}
  get signal(): AbortSignal {
    return this.call.signal;
  }
}

export const freeJournalRoutes = [
  defineRoute({
    operation: 'freeJournal.create',
    method: 'POST',
    path: '/freejournal/',
    summary: 'Start a free-journal session',
    tag: 'free journal',
    auth: true,
    body: createSessionInputSchema,
    success: { status: 201, description: 'The new session', schema: sessionSchema },
    handle: ({ pauz, user, body }) => pauz.freeJournal.create(user.id, body),
  }),
  defineRoute({
    operation: 'freeJournal.list',
    method: 'GET',
    path: '/freejournal/',
    summary: 'List sessions, newest first',
    tag: 'free journal',
    auth: true,
    query: listSessionsQuerySchema,
    success: { status: 200, description: 'A page of session previews', schema: sessionPage },
    handle: ({ pauz, user, query }) => pauz.freeJournal.list(user.id, query),
  }),
  defineRoute({
    operation: 'freeJournal.onThisDay',
    method: 'GET',
    path: '/freejournal/on-this-day',
    summary: 'Sessions written on this day in earlier years',
    tag: 'free journal',
    auth: true,
    query: onThisDayQuerySchema,
    success: { status: 200, description: 'Sessions of this day in earlier years', schema: onThisDaySchema },
    handle: ({ pauz, user, query }) => pauz.freeJournal.onThisDay(user.id, query),
  }),
  defineRoute({
    operation: 'freeJournal.get',
    method: 'GET',
    path: '/freejournal/:id',
    summary: 'One session',
    tag: 'free journal',
    auth: true,
    success: { status: 200, description: 'The session', schema: sessionSchema },
    handle: ({ pauz, user, params }) => pauz.freeJournal.get(user.id, params.id),
  }),
  defineRoute({
    operation: 'freeJournal.save',
    method: 'POST',
    path: '/freejournal/:id/save',
    summary: "Replace the session's content (to SQL) and store the hints it carries (to the SmartBucket)",
    tag: 'free journal',
    auth: true,
    body: saveSessionInputSchema,
    success: { status: 200, description: 'The saved session, version bumped', schema: sessionSchema },
    errors: ['VERSION_CONFLICT', 'SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    // The signal only when the save uses it (to store hints): a server may make it
    // only when asked, and on @hono/node-server asking costs an AbortController a save.
    handle: (call) => call.pauz.freeJournal.save(call.user.id, call.params.id, call.body, new SignalWhenAsked(call)),
  }),
  defineRoute({
    operation: 'freeJournal.generateHint',
    method: 'POST',
    path: '/freejournal/:id/hints',
    summary: 'Ask the Writer for a hint on the session (or on `content`) and store it',
    tag: 'free journal',
    auth: true,
    body: generateHintInputSchema,
    success: { status: 201, description: 'The new hint', schema: hintSchema },
    errors: ['WRITER_FAILED', 'SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, params, body, signal }) => pauz.hints.generate(user.id, params.id, body, { signal }),
  }),
  defineRoute({
    operation: 'freeJournal.listHints',
    method: 'GET',
    path: '/freejournal/:id/hints',
    summary: "The session's hints, oldest first",
    tag: 'free journal',
    auth: true,
    success: { status: 200, description: 'The hints', schema: hintListSchema },
    errors: ['SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, params, signal }) => pauz.hints.list(user.id, params.id, { signal }),
  }),
  defineRoute({
    operation: 'freeJournal.uploadVoice',
    method: 'POST',
    path: '/freejournal/:id/voice',
    summary: 'Upload a recording (multipart field `audio` or a raw audio body): stored, transcribed, appended to the session',
    tag: 'free journal',
    auth: true,
    rawBody: AUDIO_UPLOAD_BODY,
    success: { status: 201, description: 'The recording and the session with the transcript appended', schema: voiceResultSchema },
    errors: ['NOT_CONFIGURED', 'TRANSCRIPTION_FAILED', 'SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: async ({ pauz, user, params, request, signal }) => {
      pauz.voice.assertConfigured();
      const upload = await readAudioUpload(request, pauz.limits.audioBytes);
      return pauz.voice.record(user.id, params.id, upload, { signal });
    },
  }),
  defineRoute({
    operation: 'freeJournal.listRecordings',
    method: 'GET',
    path: '/freejournal/:id/recordings',
    summary: "The session's recordings, oldest first, with their status and transcript",
    tag: 'free journal',
    auth: true,
    success: { status: 200, description: 'The recordings', schema: recordingListSchema },
    handle: ({ pauz, user, params }) => pauz.recordings.list(user.id, params.id),
  }),
  defineRoute({
    operation: 'freeJournal.recordingAudio',
    method: 'GET',
    path: '/freejournal/:id/recordings/:recordingId/audio',
    summary: 'The audio of a recording, as it was uploaded',
    tag: 'free journal',
    auth: true,
    success: { status: 200, description: 'The audio bytes, with the type recognised at upload', contentType: SNIFFED_AUDIO_TYPES },
    errors: ['SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: async ({ pauz, user, params, signal }) => {
      const { bytes, contentType } = await pauz.recordings.audio(user.id, params.id, params.recordingId, { signal });
      return new Reply(200, bytes, {
        'content-type': contentType,
        'content-length': String(bytes.byteLength),
        'content-disposition': 'attachment',
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
    },
  }),
  defineRoute({
    operation: 'freeJournal.retryTranscription',
    method: 'POST',
    path: '/freejournal/:id/voice/:recordingId/transcribe',
    summary: 'Retry the transcription of a kept recording (appends the transcript once)',
    tag: 'free journal',
    auth: true,
    success: { status: 200, description: 'The recording and the session', schema: voiceResultSchema },
    // VALIDATION_FAILED: the transcript would take the session past its content limit.
    // PAYLOAD_TOO_LARGE: the recording is larger than the transcriber takes (kept all the same).
    errors: ['NOT_CONFIGURED', 'TRANSCRIPTION_FAILED', 'SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE'],
    handle: ({ pauz, user, params, signal }) => pauz.voice.retry(user.id, params.id, params.recordingId, { signal }),
  }),
  defineRoute({
    operation: 'freeJournal.reflect',
    method: 'POST',
    path: '/freejournal/:id/reflect',
    summary: "Reflect on the session: mood, summary, insights, next questions; plants the session's flower",
    tag: 'free journal',
    auth: true,
    body: reflectInputSchema,
    success: { status: 200, description: 'The reflection and the flower', schema: reflectionResultSchema },
    errors: ['WRITER_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, params, body, signal }) => pauz.reflections.reflect(user.id, params.id, body, { signal }),
  }),
  defineRoute({
    operation: 'freeJournal.export',
    method: 'POST',
    path: '/freejournal/:id/export',
    summary: 'Export the session (title, date, mood, content, hints) as a PDF to the PdfStore',
    tag: 'export',
    auth: true,
    body: exportInputSchema,
    success: { status: 201, description: 'Where to download the PDF', schema: pdfExportSchema },
    errors: ['S3_FAILED', 'SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, params, body, signal }) => pauz.exports.freeJournal(user.id, params.id, body, { signal }),
  }),
  defineRoute({
    operation: 'freeJournal.delete',
    method: 'DELETE',
    path: '/freejournal/:id',
    summary: 'Delete a session with everything attached to it',
    tag: 'free journal',
    auth: true,
    success: { status: 204, description: 'Deleted' },
    // Its hints and recordings are bucket objects, its PDF is in the PdfStore.
    errors: ['SMARTBUCKET_FAILED', 'S3_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, params, signal }) => pauz.freeJournal.delete(user.id, params.id, { signal }),
  }),
];
