import { essenceOf } from '../audio/formats.js';
import { PauzError } from '../errors.js';
import type { RecordingUpload } from '../recordings/recordings.js';
import { declaredLength, rawBodySource, readBytes, tooLarge, unsupported } from './body.js';
import { limitedStream } from '../bytes.js';
import type { HttpRequest } from './types.js';

// Room for the multipart boundaries and part headers around the audio file.
const MULTIPART_OVERHEAD = 64 * 1024;

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
 * `audio/*` (or `video/webm`, `application/octet-stream`) body. Reading stops as soon
 * as the body passes the size cap (`PAYLOAD_TOO_LARGE`). The bytes are checked by
 * their magic numbers later, by the recording service.
 */
export async function readAudioUpload(request: HttpRequest, maxAudioBytes: number): Promise<RecordingUpload> {
  const contentType = request.headers.get('content-type');
  const media = essenceOf(contentType ?? '');
  if (media === 'multipart/form-data') {
    const limit = maxAudioBytes + MULTIPART_OVERHEAD;
    declaredLength(request, limit);
    let form: FormData;
    if (request.body.kind === 'form') {
      // A host form parser (multer, Hono's parseBody()) already read it.
      form = request.body.form;
    } else {
      // The form parser reads the body as it streams in, through a byte counter: no
      // whole copy of the request is made before parsing, and reading stops at the cap.
      const source = rawBodySource(request);
      const body = source === null ? null : limitedStream(source, limit);
      try {
        form = await new Response(body?.stream ?? null, { headers: { 'content-type': contentType ?? '' } }).formData();
      } catch {
        if (body?.exceeded() === true) throw tooLarge(limit);
        throw new PauzError('VALIDATION_FAILED', 'Malformed multipart body', { errors: [{ field: '(body)', message: 'must be multipart/form-data' }] });
      }
    }
    const file = form.get('audio');
    if (file === null || typeof file === 'string') {
      throw new PauzError('VALIDATION_FAILED', 'The form has no audio file', { errors: [{ field: 'audio', message: 'must be a file' }] });
    }
    if (file.size > maxAudioBytes) throw new PauzError('PAYLOAD_TOO_LARGE', `The recording is larger than ${maxAudioBytes} bytes`);
    return { audio: new Uint8Array(await file.arrayBuffer()), contentType: file.type === '' ? null : file.type };
  }
  if (!RAW_AUDIO.test(media)) throw unsupported(contentType);
  return { audio: await readBytes(request, maxAudioBytes), contentType };
}
