import { guidedTopicSchema } from '../guided/topics.js';
import { throwIfAborted } from '../upstream.js';
import { parseInput } from '../validation.js';
import { templatePrompts } from './guided-templates.js';
import { localHint } from './local-hints.js';
import { localReflection } from './local-reflection.js';
import type { GuidedPromptsResult, HintResult, Reflection, Writer } from './types.js';

/**
 * The offline {@link Writer}: rule-based, deterministic (the same input always gives
 * the same output), no network. The embedded default.
 *
 * - `hint`: a warm opening prompt for an empty page (by mood when given); otherwise
 *   the question of the keyword group the text matches most (sad, anxious, angry,
 *   love and relationships, family and friends, work, happy), else a "keep going" line.
 * - `guidedPrompts`: nine fixed prompts per topic, written around its aspects.
 * - `reflect`: the mood whose keywords occur most ("reflective" when none), a
 *   summary, a few insights and two next questions.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/ai/local-writer.ts}
 */
export function localWriter(): Writer {
  return {
    async hint({ content, mood, signal }): Promise<HintResult> {
      throwIfAborted(signal, 'local writer: hint');
      return { text: localHint(content, mood) };
    },
    async guidedPrompts({ topic, signal }): Promise<GuidedPromptsResult> {
      throwIfAborted(signal, 'local writer: guidedPrompts');
      const checked = parseInput(guidedTopicSchema, topic, 'topic');
      return { topic: checked, prompts: templatePrompts(checked) };
    },
    async reflect({ content, signal }): Promise<Reflection> {
      throwIfAborted(signal, 'local writer: reflect');
      return localReflection(content);
    },
  };
}
