import * as z from 'zod';
import { chatWriter, DEFAULT_WRITER_TIMEOUT_MS } from '../ai/chat-writer.js';
import type { Writer } from '../ai/types.js';
import { UpstreamOutputError } from '../upstream.js';
import { callFetch, type OpenAiConnection, openAiEndpoint, openAiHeaders, readJson, upstreamHttpError } from './endpoint.js';

/**
 * Options of {@link openAiWriter}.
 *
 * @category Adapters
 */
export interface OpenAiWriterOptions extends OpenAiConnection {
  /**
   * Time one call may take, in milliseconds.
   *
   * @defaultValue `DEFAULT_WRITER_TIMEOUT_MS` (60 s)
   */
  timeoutMs?: number;
  /**
   * Ask for `response_format: {type: 'json_object'}`; turn it off for servers that
   * reject the field (the prompt asks for JSON either way).
   *
   * @defaultValue `true`
   */
  jsonMode?: boolean;
}

/** 1 MiB: a chat answer of the longest operation (nine prompts) is a few KiB. */
const DEFAULT_WRITER_RESPONSE_BYTES = 1024 * 1024;

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
});

/**
 * A {@link Writer} on any OpenAI-compatible `/chat/completions` endpoint (OpenAI,
 * Groq, OpenRouter, vLLM, llama.cpp, Ollama…). Uses `fetch` only. The model's JSON
 * answer (Markdown fences tolerated) is validated; anything malformed, or longer
 * than `maxResponseBytes`, is a `WRITER_FAILED` error naming the service, operation
 * and status (the host, path and the upstream's own words are in its `details` and
 * `cause`, for the log), never the key.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/openai/writer.ts}
 */
export function openAiWriter(options: OpenAiWriterOptions): Writer {
  const endpoint = openAiEndpoint('openAiWriter', options, 'chat/completions');
  const jsonMode = options.jsonMode ?? true;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_WRITER_RESPONSE_BYTES;
  const secrets = options.apiKey === undefined ? [] : [options.apiKey];
  return chatWriter({
    service: 'OpenAI-compatible writer',
    endpoint: endpoint.label,
    timeoutMs: options.timeoutMs ?? DEFAULT_WRITER_TIMEOUT_MS,
    secrets,
    async complete({ messages, maxTokens, temperature, signal }) {
      const body = {
        model: options.model,
        messages,
        temperature,
        max_tokens: maxTokens,
        ...(jsonMode ? { response_format: { type: 'json_object' } } : {}),
      };
      const response = await callFetch(options, endpoint.url, {
        method: 'POST',
        headers: openAiHeaders(options, 'application/json'),
        body: JSON.stringify(body),
        signal,
      });
      if (!response.ok) throw await upstreamHttpError(response, secrets);
      const parsed = completionSchema.safeParse(await readJson(response, maxResponseBytes));
      if (!parsed.success) throw new UpstreamOutputError('returned malformed output: no choices[0].message');
      const choice = parsed.data.choices[0];
      if (choice?.finish_reason === 'length') throw new UpstreamOutputError('returned an answer cut off at max_tokens');
      return choice?.message.content;
    },
  });
}
