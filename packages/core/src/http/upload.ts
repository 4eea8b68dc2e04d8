import { essenceOf } from '../audio/formats.js';
import { PauzError } from '../errors.js';
import type { RecordingUpload } from '../recordings/recordings.js';
import { declaredLength, rawBodySource, readBytes, unsupported } from './body.js';
import { malformedMultipart, readMultipartAudio, recordingTooLarge } from './multipart-audio.js';
import type { HttpRequest } from './types.js';

// Room for the multipart boundaries, part headers and small fields around the audio file.
const MULTIPART_OVERHEAD = 64 * 1024;
// A recording form has one file and perhaps a few fields.
const MAX_PARTS = 32;

const RAW_AUDIO = /^(audio\/[\w.+-]+|video\/(webm|mp4|ogg)|application\/octet-stream)$/;

/** The OpenAPI `requestBody` of an audio upload. */
export const AUDIO_UPLOAD_BODY: Record<string, unknown> = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: { type: 'object', properties: { audio: { type: 'string', format: 'binary' } }, required: ['audio'] },
    },
    'audio/*': { schema: { type: 'string', format: 'binary' } },
    // What browsers' MediaRecorder and plain uploads send besides audio/*.
    'video/webm': { schema: { type: 'string', format: 'binary' } },
    'video/mp4': { schema: { type: 'string', format: 'binary' } },
    'video/ogg': { schema: { type: 'string', format: 'binary' } },
    'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
  },
};

/**
 * Reads an audio upload: a multipart form with a file field `audio`, or a raw
 * `audio/*` (or `video/webm`, `application/octet-stream`) body. Either way the audio
 * is held once, in one buffer; a form is parsed as it streams in (other parts are
 * read past, never kept). Reading stops as soon as the body passes the size cap
 * (`PAYLOAD_TOO_LARGE`). The bytes are checked by their magic numbers later, by the
 * recording service.
 */
export async function readAudioUpload(request: HttpRequest, maxAudioBytes: number): Promise<RecordingUpload> {
  const contentType = request.headers.get('content-type');
  const media = essenceOf(contentType ?? '');
  if (media === 'multipart/form-data') {
    const maxBodyBytes = maxAudioBytes + MULTIPART_OVERHEAD;
    const expectedLength = declaredLength(request, maxBodyBytes, () => recordingTooLarge(maxAudioBytes));
    const { body } = request;
    // A host form parser (multer, Hono's parseBody()) already read it.
    if (body.kind === 'form') return audioOfForm(body.form, maxAudioBytes);
    // Whoever read it first: the stream itself, or the bytes (or text) a host read.
    const source = rawBodySource(request);
    if (source === null) throw malformedMultipart();
    return readMultipartAudio(source, contentType ?? '', { maxAudioBytes, maxBodyBytes, maxParts: MAX_PARTS, expectedLength });
  }
  if (!RAW_AUDIO.test(media)) throw unsupported(contentType, 'a multipart/form-data body with an `audio` file, or an audio/* body');
  return { audio: await readBytes(request, maxAudioBytes), contentType };
}

async function audioOfForm(form: FormData, maxAudioBytes: number): Promise<RecordingUpload> {
  const file = form.get('audio');
  if (file === null || typeof file === 'string') {
    throw new PauzError('VALIDATION_FAILED', 'The form has no audio file', { errors: [{ field: 'audio', message: 'must be a file' }] });
  }
  if (file.size > maxAudioBytes) throw recordingTooLarge(maxAudioBytes);
  return { audio: new Uint8Array(await file.arrayBuffer()), contentType: file.type === '' ? null : file.type };
}
