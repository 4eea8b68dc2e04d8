import { PauzError } from '../errors.js';
import { audioFileExtension } from '../audio/formats.js';
import { sniffAudioType } from '../audio/sniff.js';
import type { TranscriptionRequest } from './types.js';
import type { AiCall } from './upstream-call.js';

/**
 * Default time a transcription may take (long recordings take a while).
 *
 * @category Adapters
 */
export const DEFAULT_TRANSCRIBER_TIMEOUT_MS = 120_000;

/** The {@link AiCall} of one transcription. */
export function transcriptionCall(
  service: string,
  request: TranscriptionRequest,
  timeoutMs: number,
  secrets: readonly string[] = [],
): AiCall {
  return { code: 'TRANSCRIPTION_FAILED', service, operation: 'transcribe', timeoutMs, signal: request.signal, secrets };
}

/**
 * Refuses, before anything is sent, audio that cannot be transcribed: empty, or
 * neither declared nor sniffed as a supported type. Returns the file extension
 * services expect for it.
 */
export function assertTranscribable(request: TranscriptionRequest): string {
  if (!(request.audio instanceof Uint8Array) || request.audio.byteLength === 0) {
    throw new PauzError('VALIDATION_FAILED', 'The recording is empty', { errors: [{ field: 'audio', message: 'must not be empty' }] });
  }
  const sniffed = sniffAudioType(request.audio);
  const extension = audioFileExtension(request.contentType) ?? (sniffed === null ? null : audioFileExtension(sniffed));
  if (extension === null) {
    throw new PauzError('UNSUPPORTED_MEDIA_TYPE', `Cannot transcribe ${request.contentType}: not a supported audio type`);
  }
  return extension;
}

/**
 * Names the file the way transcription services expect (`audio.webm`): they choose
 * the decoder by the extension. An unknown declared type falls back to what the bytes
 * say.
 */
export function audioFileName(request: TranscriptionRequest): string {
  return `audio.${assertTranscribable(request)}`;
}
