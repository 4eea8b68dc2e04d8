import * as z from 'zod';
import { validateModelOutput } from '../ai/model-output.js';
import { transcriptionSchema } from '../ai/schemas.js';
import { audioFileName, DEFAULT_TRANSCRIBER_TIMEOUT_MS, transcriptionCall } from '../ai/transcription.js';
import type { Transcriber, Transcription, TranscriptionRequest } from '../ai/types.js';
import { callAi } from '../ai/upstream-call.js';
import { formBody } from './form-body.js';
import { callFetch, type OpenAiConnection, openAiEndpoint, openAiHeaders, readJson, upstreamHttpError } from './endpoint.js';

/**
 * Options of {@link openAiTranscriber}.
 *
 * @category Adapters
 */
export interface OpenAiTranscriberOptions extends OpenAiConnection {
  /**
   * Time one transcription may take, in milliseconds.
   *
   * @defaultValue `DEFAULT_TRANSCRIBER_TIMEOUT_MS` (120 s)
   */
  timeoutMs?: number;
}

/** 8 MiB: a `verbose_json` transcript of the longest recording is well under it. */
const DEFAULT_TRANSCRIBER_RESPONSE_BYTES = 8 * 1024 * 1024;

/** The JSON body `/audio/transcriptions` answers with (`json`, or `verbose_json` from some servers). */
const wireSchema = z.object({
  text: z.string(),
  language: z.string().nullish(),
  duration: z.number().nullish(),
});

/**
 * A {@link Transcriber} for any OpenAI-compatible `/audio/transcriptions` endpoint:
 * OpenAI, Groq, or a self-hosted Whisper server. Uses `fetch` only. Failures are
 * `TRANSCRIPTION_FAILED` (or `UPSTREAM_TIMEOUT`) naming the service, operation and
 * status (host, path and the upstream's words are in `details` and `cause`, for the
 * log), never the key; an answer longer than `maxResponseBytes` is one.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/openai/transcriber.ts}
 */
export function openAiTranscriber(options: OpenAiTranscriberOptions): Transcriber {
  const endpoint = openAiEndpoint('openAiTranscriber', options, 'audio/transcriptions');
  const service = 'OpenAI-compatible transcription';
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_TRANSCRIBER_RESPONSE_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TRANSCRIBER_TIMEOUT_MS;
  const secrets = options.apiKey === undefined ? [] : [options.apiKey];

  return {
    async transcribe(request: TranscriptionRequest): Promise<Transcription> {
      const fileName = audioFileName(request);
      const call = { ...transcriptionCall(service, request, timeoutMs, secrets), endpoint: endpoint.label };
      const wire = await callAi(call, async (signal) => {
        const form = formBody(
          { name: 'file', filename: fileName, type: request.contentType, bytes: request.audio },
          [['model', options.model], ...(request.language === undefined ? [] : [['language', request.language] as const])],
        );
        const headers = openAiHeaders(options, form.contentType);
        headers.set('content-length', String(form.length));
        const init: RequestInit & { duplex: 'half' } = { method: 'POST', headers, body: form.body, duplex: 'half', signal };
        const response = await callFetch(options, endpoint.url, init);
        if (!response.ok) throw await upstreamHttpError(response, secrets);
        return readJson(response, maxResponseBytes);
      });
      const parsed = validateModelOutput(call, wireSchema, wire);
      return validateModelOutput(call, transcriptionSchema, {
        text: parsed.text.trim(),
        ...(typeof parsed.language === 'string' && parsed.language !== '' ? { language: parsed.language } : {}),
        ...(typeof parsed.duration === 'number' ? { durationSeconds: parsed.duration } : {}),
      });
    },
  };
}
