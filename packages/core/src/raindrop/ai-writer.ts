import { chatWriter, DEFAULT_WRITER_TIMEOUT_MS } from '../ai/chat-writer.js';
import type { Writer } from '../ai/types.js';
import type { AiBinding } from './ai-transcriber.js';
import { UpstreamOutputError } from '../upstream.js';

/**
 * Options of {@link raindropWriter}.
 *
 * @category Adapters
 */
export interface RaindropWriterOptions {
  /**
   * A chat model of the Raindrop AI catalogue.
   *
   * @defaultValue `'llama-3.3-70b'`
   */
  model?: string;
  /**
   * Time one call may take, in milliseconds.
   *
   * @defaultValue `DEFAULT_WRITER_TIMEOUT_MS` (60 s)
   */
  timeoutMs?: number;
}

/**
 * The answer text of a chat model run: `choices[0].message.content` (current) or
 * `response` (older). `response` may already be a parsed object when the model
 * produced JSON.
 */
function answerOf(output: unknown): unknown {
  if (output === null || typeof output !== 'object') {
    throw new UpstreamOutputError(`returned malformed output: ${output === null ? 'null' : typeof output} instead of an object`);
  }
  const { choices, response } = output as { choices?: unknown; response?: unknown };
  if (Array.isArray(choices)) {
    const first: unknown = choices[0];
    const content = (first as { message?: { content?: unknown } } | undefined)?.message?.content;
    if (content !== undefined) return content;
  }
  if (response !== undefined) return response;
  throw new UpstreamOutputError('returned malformed output: neither choices[0].message.content nor response');
}

/**
 * A {@link Writer} on Raindrop's AI binding: `ai.run(model, {messages, max_tokens,
 * temperature})`. Accepts both output shapes; the model's JSON answer is validated and
 * anything malformed is a `WRITER_FAILED` error naming the model.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/raindrop/ai-writer.ts}
 */
export function raindropWriter(ai: AiBinding, options: RaindropWriterOptions = {}): Writer {
  const model = options.model ?? 'llama-3.3-70b';
  return chatWriter({
    service: `Raindrop AI ${model}`,
    timeoutMs: options.timeoutMs ?? DEFAULT_WRITER_TIMEOUT_MS,
    async complete({ messages, maxTokens, temperature }) {
      return answerOf(await ai.run(model, { messages, max_tokens: maxTokens, temperature }));
    },
  });
}
