import * as z from 'zod';
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
 * Failures are `TRANSCRIPTION_FAILED` (or `UPSTREAM_TIMEOUT`) naming the model.
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

  return {
    async transcribe(request: TranscriptionRequest): Promise<Transcription> {
      assertTranscribable(request);
      const call = transcriptionCall(service, request, timeoutMs);
      const output = await callAi(call, () => ai.run(model, { audio: Array.from(request.audio) }));
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
