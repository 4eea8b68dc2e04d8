import * as z from 'zod';
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
  /** The transcript. */
  text: storableText(),
  /** The spoken language the service detected, when it reports one. */
  language: z.string().trim().min(1).max(64).optional(),
  /** Length of the audio in seconds, when the service reports it. */
  durationSeconds: z.number().finite().nonnegative().optional(),
}) satisfies z.ZodType<Transcription>;

/**
 * Validates {@link Writer.hint}'s result.
 *
 * @category Schemas
 */
export const hintResultSchema = z.object({
  /** The hint, 1 to `MAX_HINT_CHARS` characters after trimming. */
  text: storableText().trim().min(1).max(MAX_HINT_CHARS),
}) satisfies z.ZodType<HintResult>;

/**
 * Validates {@link Writer.guidedPrompts}'s result.
 *
 * @category Schemas
 */
export const guidedPromptsResultSchema = z.object({
  /** The topic asked for. */
  topic: guidedTopicSchema,
  /** Nine prompts, three per section. */
  prompts: guidedPromptsSchema,
}) satisfies z.ZodType<GuidedPromptsResult>;

const sentence = storableText().trim().min(1).max(500);

/**
 * Validates {@link Writer.reflect}'s result.
 *
 * @category Schemas
 */
export const reflectionSchema = z.object({
  /** The mood the text expresses, one of `MOODS`. */
  mood: z.enum(MOODS),
  /** A short summary of the entry, at most 2000 characters. */
  summary: storableText().trim().min(1).max(2000),
  /** One to five observations, each at most 500 characters. */
  insights: z.array(sentence).min(1).max(5),
  /** Exactly two questions to write about next, each at most 500 characters. */
  nextQuestions: z.array(sentence).length(2),
}) satisfies z.ZodType<Reflection>;
