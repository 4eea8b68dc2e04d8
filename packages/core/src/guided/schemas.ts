import { z } from 'zod';
import { GUIDED_PROMPT_COUNT, guidedPromptsSchema, guidedTopicSchema } from './topics.js';
import { limitSchema } from '../paging.js';
import { storableText } from '../validation.js';

/**
 * One answer of a guided journal.
 *
 * @category Schemas
 */
export const guidedEntrySchema = z.strictObject({
  promptId: z.number().int().min(1).max(GUIDED_PROMPT_COUNT),
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
  topic: guidedTopicSchema,
  prompts: guidedPromptsSchema.optional(),
  entries: guidedEntriesSchema.optional(),
});

/**
 * Input of {@link GuidedJournals.update}: the given fields replace the stored ones.
 *
 * @category Schemas
 */
export const updateGuidedJournalInputSchema = z.strictObject({
  topic: guidedTopicSchema.optional(),
  prompts: guidedPromptsSchema.optional(),
  entries: guidedEntriesSchema.optional(),
  baseVersion: z.number().int().min(1).optional(),
});

/**
 * Query of {@link GuidedJournals.list}.
 *
 * @category Schemas
 */
export const listGuidedJournalsQuerySchema = z.strictObject({
  limit: limitSchema,
  cursor: z.string().max(500).optional(),
  topic: guidedTopicSchema.optional(),
});

/**
 * Input of {@link GuidedJournals.prompts}.
 *
 * @category Schemas
 */
export const guidedPromptsInputSchema = z.strictObject({ topic: guidedTopicSchema });

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
