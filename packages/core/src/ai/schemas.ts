import { z } from 'zod';
import { MOODS } from '../garden/moods.js';
import { guidedPromptsSchema, guidedTopicSchema } from '../guided/topics.js';
import { storableText } from '../validation.js';
import type { GuidedPromptsResult, HintResult, Reflection, Transcription } from './types.js';

/**
 * Longest hint text Pauz accepts from a writer.
 *
 * @category Domain
 */
export const MAX_HINT_CHARS = 600;

/**
 * Validates a {@link Transcriber}'s result.
 *
 * @category Schemas
 */
export const transcriptionSchema = z.object({
  text: storableText(),
  language: z.string().trim().min(1).max(64).optional(),
  durationSeconds: z.number().finite().nonnegative().optional(),
}) satisfies z.ZodType<Transcription>;

/**
 * Validates {@link Writer.hint}'s result.
 *
 * @category Schemas
 */
export const hintResultSchema = z.object({
  text: storableText().trim().min(1).max(MAX_HINT_CHARS),
}) satisfies z.ZodType<HintResult>;

/**
 * Validates {@link Writer.guidedPrompts}'s result.
 *
 * @category Schemas
 */
export const guidedPromptsResultSchema = z.object({
  topic: guidedTopicSchema,
  prompts: guidedPromptsSchema,
}) satisfies z.ZodType<GuidedPromptsResult>;

const sentence = storableText().trim().min(1).max(500);

/**
 * Validates {@link Writer.reflect}'s result.
 *
 * @category Schemas
 */
export const reflectionSchema = z.object({
  mood: z.enum(MOODS),
  summary: storableText().trim().min(1).max(2000),
  insights: z.array(sentence).min(1).max(5),
  nextQuestions: z.array(sentence).length(2),
}) satisfies z.ZodType<Reflection>;
