import * as z from 'zod';
import { GUIDED_PROMPT_COUNT, guidedPromptsSchema, guidedTopicSchema } from './topics.js';
import { limitSchema } from '../paging.js';
import { storableText } from '../validation.js';

/**
 * One answer of a guided journal.
 *
 * @category Schemas
 */
export const guidedEntrySchema = z.strictObject({
  /** The prompt answered, 1 to 9. */
  promptId: z.number().int().min(1).max(GUIDED_PROMPT_COUNT),
  /** The answer, at most 20,000 characters; may be empty. */
  response: storableText().max(20_000),
});

/**
 * A journal's answers: at most one per prompt.
 *
 * @category Schemas
 */
export const guidedEntriesSchema = z
  .array(guidedEntrySchema)
  .max(GUIDED_PROMPT_COUNT)
  .superRefine((entries, ctx) => {
    const seen = new Set<number>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.promptId)) {
        ctx.addIssue({ code: 'custom', path: [index, 'promptId'], message: `prompt ${entry.promptId} is answered twice` });
      }
      seen.add(entry.promptId);
    });
  });

/**
 * Input of {@link GuidedJournals.create}; without `prompts` the Writer proposes them.
 *
 * @category Schemas
 */
export const createGuidedJournalInputSchema = z.strictObject({
  /** The journal's topic. */
  topic: guidedTopicSchema,
  /** Nine prompts, three per section; the Writer proposes them when absent. */
  prompts: guidedPromptsSchema.optional(),
  /** Answers to start with, at most one per prompt; none when absent. */
  entries: guidedEntriesSchema.optional(),
});

/**
 * Input of {@link GuidedJournals.update}: the given fields replace the stored ones.
 *
 * @category Schemas
 */
export const updateGuidedJournalInputSchema = z.strictObject({
  /** A new topic; kept when absent. */
  topic: guidedTopicSchema.optional(),
  /** New prompts (nine, three per section); kept when absent. */
  prompts: guidedPromptsSchema.optional(),
  /** The answers, replacing the stored ones as a whole; kept when absent. */
  entries: guidedEntriesSchema.optional(),
  /** The version the client edited; a newer stored one fails with `VERSION_CONFLICT`. Unchecked when absent. */
  baseVersion: z.number().int().min(1).optional(),
});

/**
 * Query of {@link GuidedJournals.list}.
 *
 * @category Schemas
 */
export const listGuidedJournalsQuerySchema = z.strictObject({
  /**
   * Items per page, 1 to 100.
   *
   * @defaultValue `20`
   */
  limit: limitSchema,
  /** The `nextCursor` of the previous page, to continue after it; the first page without it. */
  cursor: z.string().max(500).optional(),
  /** Only journals of this topic; every topic when absent. */
  topic: guidedTopicSchema.optional(),
});

/**
 * Input of {@link GuidedJournals.prompts}.
 *
 * @category Schemas
 */
export const guidedPromptsInputSchema = z.strictObject({
  /** The topic to write prompts for. */
  topic: guidedTopicSchema,
});

/**
 * Input of {@link GuidedJournals.create}.
 *
 * @category Schemas
 */
export type CreateGuidedJournalInput = z.input<typeof createGuidedJournalInputSchema>;
/**
 * Input of {@link GuidedJournals.update}.
 *
 * @category Schemas
 */
export type UpdateGuidedJournalInput = z.input<typeof updateGuidedJournalInputSchema>;
/**
 * Query of {@link GuidedJournals.list}.
 *
 * @category Schemas
 */
export type ListGuidedJournalsQuery = z.input<typeof listGuidedJournalsQuerySchema>;
/**
 * One answer.
 *
 * @category Domain
 */
export type GuidedEntry = z.output<typeof guidedEntrySchema>;
