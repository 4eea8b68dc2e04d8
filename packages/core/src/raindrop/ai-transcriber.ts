import * as z from 'zod';
import { PauzError } from '../errors.js';
import { validateModelOutput } from '../ai/model-output.js';
import { transcriptionSchema } from '../ai/schemas.js';
import { assertTranscribable, DEFAULT_TRANSCRIBER_TIMEOUT_MS, transcriptionCall } from '../ai/transcription.js';
import type { Transcriber, Transcription, TranscriptionRequest } from '../ai/types.js';
import { callAi } from '../ai/upstream-call.js';

/**
 * The part of Raindrop's AI binding (`env.AI` inside a Raindrop service) Pauz uses,
 * typed structurally so core depends on no framework package.
 *
 * @category Adapters
 */
export interface AiBinding {
  /** Runs `model` on `input` (the model's own input shape) and resolves to its raw output. */
  run(model: string, input: Record<string, unknown>): Promise<unknown>;
}

/**
 * Options of {@link raindropTranscriber}.
 *
 * @category Adapters
 */
export interface RaindropTranscriberOptions {
  /**
   * A speech-to-text model of the Raindrop AI catalogue.
   *
   * @defaultValue `'whisper-large-v3'`
   */
  model?: string;
  /**
   * Time one transcription may take, in milliseconds.
   *
   * @defaultValue `DEFAULT_TRANSCRIBER_TIMEOUT_MS` (120 s)
   */
  timeoutMs?: number;
  /**
   * Largest recording sent to the model, in bytes; a larger one is refused with
   * `PAYLOAD_TOO_LARGE` before anything is allocated for it. The binding takes the
   * audio as a plain array of numbers and serialises it as JSON text, so a run holds
   * about 14 bytes of the isolate's memory per audio byte (measured in workerd,
   * `bench/workerd-memory.mjs`); the default keeps a run inside the 128 MB of a
   * Workers-runtime isolate with room for the rest of the request.
   *
   * @defaultValue `DEFAULT_RAINDROP_MAX_AUDIO_BYTES` (4 MiB)
   */
  maxAudioBytes?: number;
}

/**
 * Default {@link RaindropTranscriberOptions.maxAudioBytes}: 4 MiB, about four minutes
 * of 128 kbit/s audio (Opus voice notes are several times smaller).
 *
 * @category Adapters
 */
export const DEFAULT_RAINDROP_MAX_AUDIO_BYTES = 4 * 1024 * 1024;

/**
 * The audio as the binding wants it: a plain array of byte values, built in one pass
 * into an array that grows by pushes (`new Array(n)` past V8's preallocation limit
 * would be a slow dictionary array; `Array.from` goes through the iterator).
 */
function byteValues(audio: Uint8Array): number[] {
  const values: number[] = [];
  for (let i = 0; i < audio.length; i++) values.push(audio[i] as number);
  return values;
}

/** The Whisper output Pauz reads; newer models add `transcription_info`. */
const wireSchema = z.object({
  text: z.string(),
  transcription_info: z
    .object({ language: z.string().nullish(), duration: z.number().nullish() })
    .nullish(),
});

/**
 * A {@link Transcriber} on Raindrop's AI binding: `ai.run(model, {audio})`, the audio
 * passed as a plain array of byte values (not base64), as the binding expects.
 * Failures are `TRANSCRIPTION_FAILED` (or `UPSTREAM_TIMEOUT`) naming the model; a
 * recording over `maxAudioBytes` is `PAYLOAD_TOO_LARGE` (413) before any call —
 * through voice journaling (`pauz.voice`) the recording is kept, as for any failed transcription.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/raindrop/ai-transcriber.ts}
 */
export function raindropTranscriber(ai: AiBinding, options: RaindropTranscriberOptions = {}): Transcriber {
  const model = options.model ?? 'whisper-large-v3';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TRANSCRIBER_TIMEOUT_MS;
  const service = `Raindrop AI ${model}`;
  const maxAudioBytes = options.maxAudioBytes ?? DEFAULT_RAINDROP_MAX_AUDIO_BYTES;

  return {
    async transcribe(request: TranscriptionRequest): Promise<Transcription> {
      assertTranscribable(request);
      const size = request.audio.byteLength;
      if (size > maxAudioBytes) {
        throw new PauzError(
          'PAYLOAD_TOO_LARGE',
          `${service} takes recordings of at most ${maxAudioBytes} bytes (maxAudioBytes); this one is ${size} bytes`,
          { details: { service, maxAudioBytes, size } },
        );
      }
      const call = transcriptionCall(service, request, timeoutMs);
      const output = await callAi(call, () => ai.run(model, { audio: byteValues(request.audio) }));
      const wire = validateModelOutput(call, wireSchema, output);
      const info = wire.transcription_info;
      return validateModelOutput(call, transcriptionSchema, {
        text: wire.text.trim(),
        ...(typeof info?.language === 'string' && info.language !== '' ? { language: info.language } : {}),
        ...(typeof info?.duration === 'number' ? { durationSeconds: info.duration } : {}),
      });
    },
  };
}
