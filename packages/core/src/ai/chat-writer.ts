import * as z from 'zod';
import { guidedPromptsResultSchema, hintResultSchema, reflectionSchema } from './schemas.js';
import { readModelJson, validateModelOutput } from './model-output.js';
import type { GuidedPromptsResult, HintResult, Reflection, Writer, WriterOperation } from './types.js';
import { type AiCall, callAi } from './upstream-call.js';
import { type ChatMessage, guidedPromptMessages, hintMessages, reflectionMessages } from './writer-prompts.js';
import { guidedTopicSchema, sectionOfPrompt } from '../guided/topics.js';
import { parseInput } from '../validation.js';

/**
 * Default time a writer call may take.
 *
 * @category Adapters
 */
export const DEFAULT_WRITER_TIMEOUT_MS = 60_000;

/**
 * One request to a chat model, as {@link chatWriter} makes it.
 *
 * @category Adapters
 */
export interface ChatRequest {
  /** Which writer operation this is for. */
  operation: WriterOperation;
  /** The conversation to send, system prompt first. */
  messages: ChatMessage[];
  /** Upper bound on the answer's length, in tokens (200 to 1200, by operation). */
  maxTokens: number;
  /** Sampling temperature: 0.7 for hints and prompts, 0.3 for reflections. */
  temperature: number;
  /** Aborts on timeout or when the caller gives up; pass it to `fetch`. */
  signal: AbortSignal;
}

/**
 * Sends one chat request and returns the model's answer: its text (JSON, possibly in a
 * Markdown fence) or an already-parsed object. Throwing is fine: the error is reported
 * as `WRITER_FAILED` naming the service; its message reaches clients only when it is
 * an `UpstreamOutputError` (Pauz's own words), otherwise only a status
 * (`error.status`) or a system error code does.
 *
 * @category Adapters
 */
export type ChatCompletion = (request: ChatRequest) => Promise<unknown>;

/**
 * Options of {@link chatWriter}.
 *
 * @category Adapters
 */
export interface ChatWriterOptions {
  /**
   * Names the service in errors a client may see, for example `Ollama`. Never put a
   * host, a path or a credential here: those belong in `endpoint`.
   */
  service: string;
  /**
   * Where the service is (for example `gpu-box:11434/api/chat`): in the errors' `details`, for the log only.
   *
   * @remarks No default: without it the errors name only the `service`.
   */
  endpoint?: string;
  /** Reaches the model. */
  complete: ChatCompletion;
  /**
   * Time one call may take, in milliseconds; then `UPSTREAM_TIMEOUT`.
   *
   * @defaultValue `DEFAULT_WRITER_TIMEOUT_MS` (60 s)
   */
  timeoutMs?: number;
  /**
   * Values removed from every error message (API keys).
   *
   * @defaultValue `[]`
   */
  secrets?: readonly string[];
}

const TUNING: Record<WriterOperation, { maxTokens: number; temperature: number }> = {
  hint: { maxTokens: 200, temperature: 0.7 },
  guidedPrompts: { maxTokens: 1200, temperature: 0.7 },
  reflect: { maxTokens: 900, temperature: 0.3 },
};

const promptText = z.string().trim().min(1).max(1000);
const modelPromptsSchema = z.object({
  prompts: z.array(z.union([promptText, z.object({ text: promptText })])).length(9),
});

/**
 * A {@link Writer} on top of any chat model: builds the prompts, asks for JSON,
 * validates what comes back. `openAiWriter` and `raindropWriter` are built on it; use
 * it directly to reach another model API.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/ai/chat-writer.ts}
 */
export function chatWriter(options: ChatWriterOptions): Writer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WRITER_TIMEOUT_MS;

  async function ask(operation: WriterOperation, messages: ChatMessage[], signal?: AbortSignal): Promise<{ call: AiCall; json: unknown }> {
    const call: AiCall = {
      code: 'WRITER_FAILED',
      service: options.service,
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      operation,
      timeoutMs,
      signal,
      secrets: options.secrets ?? [],
    };
    const raw = await callAi(call, (s) => options.complete({ operation, messages, ...TUNING[operation], signal: s }));
    return { call, json: readModelJson(call, raw) };
  }

  return {
    async hint({ content, mood, signal }): Promise<HintResult> {
      const { call, json } = await ask('hint', hintMessages(content, mood), signal);
      return validateModelOutput(call, hintResultSchema, json);
    },

    async guidedPrompts({ topic, signal }): Promise<GuidedPromptsResult> {
      const checked = parseInput(guidedTopicSchema, topic, 'topic');
      const { call, json } = await ask('guidedPrompts', guidedPromptMessages(checked), signal);
      const { prompts } = validateModelOutput(call, modelPromptsSchema, json);
      const built = prompts.map((p, index) => ({
        id: index + 1,
        section: sectionOfPrompt(index + 1),
        text: typeof p === 'string' ? p : p.text,
      }));
      return validateModelOutput(call, guidedPromptsResultSchema, { topic: checked, prompts: built });
    },

    async reflect({ content, signal }): Promise<Reflection> {
      const { call, json } = await ask('reflect', reflectionMessages(content), signal);
      return validateModelOutput(call, reflectionSchema, normaliseReflection(json));
    },
  };
}

/**
 * Forgives what models commonly get slightly wrong and is unambiguous to fix: a
 * capitalised mood, more than five insights or more than two questions (the first
 * ones are kept). Anything else is validated as it came.
 */
function normaliseReflection(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (typeof out['mood'] === 'string') out['mood'] = out['mood'].trim().toLowerCase();
  if (Array.isArray(out['insights'])) out['insights'] = out['insights'].slice(0, 5);
  if (Array.isArray(out['nextQuestions'])) out['nextQuestions'] = out['nextQuestions'].slice(0, 2);
  return out;
}
