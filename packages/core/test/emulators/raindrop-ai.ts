/**
 * A fake Raindrop `env.AI` binding that checks inputs the way the real one needs
 * them (raindrop.md §3) and answers in either documented output shape. Test fixture only.
 */
import type { AiBinding } from '../../src/raindrop/ai-transcriber.js';
import { type ChatInput, defaultChatReply } from '../../src/testing/emulators/chat-replies.js';

export type FakeAiMode = 'ok' | 'fail' | 'hang' | 'malformed';

export interface FakeAiBinding extends AiBinding {
  mode: FakeAiMode;
  /** Chat output shape: `choices[0].message.content` (current docs) or `response` (older). */
  shape: 'choices' | 'response';
  /** The chat answer; a function gets the input. Default: a valid answer for Pauz's prompts. */
  reply: unknown;
  /** Every call, in order. */
  calls: { model: string; input: Record<string, unknown> }[];
}

export const SPEECH_MODELS = ['whisper-large-v3', 'whisper-large-v3-turbo', '@cf/openai/whisper'];
export const CHAT_MODELS = ['llama-3.3-70b', 'llama-3.1-8b-instruct', 'deepseek-r1'];

function checkSpeechInput(input: Record<string, unknown>): void {
  const keys = Object.keys(input);
  if (keys.length !== 1 || keys[0] !== 'audio') throw new TypeError(`AI binding: speech input takes only {audio}, got {${keys.join(', ')}}`);
  const audio = input['audio'];
  if (!Array.isArray(audio)) throw new TypeError('AI binding: audio must be a plain array of byte values');
  if (audio.length === 0) throw new TypeError('AI binding: audio is empty');
  for (const value of audio) {
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 255) {
      throw new TypeError('AI binding: audio must hold integers 0–255');
    }
  }
}

function checkChatInput(input: Record<string, unknown>): void {
  const messages = input['messages'];
  if (!Array.isArray(messages) || messages.length === 0) throw new TypeError('AI binding: messages must be a non-empty array');
  for (const m of messages as { role?: unknown; content?: unknown }[]) {
    if (!['system', 'user', 'assistant'].includes(m.role as string) || typeof m.content !== 'string') {
      throw new TypeError('AI binding: every message needs a role and string content');
    }
  }
  const maxTokens = input['max_tokens'];
  if (!Number.isInteger(maxTokens) || (maxTokens as number) <= 0) throw new TypeError('AI binding: max_tokens must be a positive integer');
  const temperature = input['temperature'];
  if (typeof temperature !== 'number' || temperature < 0 || temperature > 5) throw new TypeError('AI binding: temperature must be 0–5');
}

/** A fake `env.AI`. */
export function fakeAiBinding(init: Partial<Pick<FakeAiBinding, 'mode' | 'shape' | 'reply'>> = {}): FakeAiBinding {
  const binding: FakeAiBinding = {
    mode: init.mode ?? 'ok',
    shape: init.shape ?? 'choices',
    reply: init.reply ?? defaultChatReply,
    calls: [],
    async run(model, input) {
      binding.calls.push({ model, input });
      const speech = SPEECH_MODELS.includes(model);
      if (!speech && !CHAT_MODELS.includes(model)) throw new Error(`AI binding: unknown model ${model}`);
      if (speech) checkSpeechInput(input);
      else checkChatInput(input);
      if (binding.mode === 'fail') throw new Error('AI binding: InferenceUpstreamError 500');
      if (binding.mode === 'hang') return new Promise<never>(() => {});
      if (binding.mode === 'malformed') return speech ? { transcript: 1 } : { result: 'nothing useful' };
      if (speech) {
        const size = (input['audio'] as number[]).length;
        return { text: ` heard ${size} bytes `, word_count: 3 };
      }
      const content = typeof binding.reply === 'function' ? (binding.reply as (i: ChatInput) => unknown)(input as unknown as ChatInput) : binding.reply;
      return binding.shape === 'response'
        ? { response: content }
        : { choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
    },
  };
  return binding;
}
