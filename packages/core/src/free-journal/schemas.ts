import { z } from 'zod';
import { rangeBoundSchema } from '../dates.js';
import { limitSchema } from '../paging.js';
import { storableText } from '../validation.js';

/**
 * Input of {@link FreeJournal.create}.
 *
 * @category Schemas
 */
export const createSessionInputSchema = z.strictObject({
  title: storableText().trim().max(500).optional(),
});

/**
 * Input of {@link FreeJournal.save}. The content length limit is configurable
 * (`limits.contentChars`) and checked by the service.
 *
 * @category Schemas
 */
export const saveSessionInputSchema = z.strictObject({
  content: storableText(),
  /** Hint texts the client showed while writing, stored in the `hints` bucket (at most `limits.hintsPerSave`). */
  hints: z.array(storableText().trim().min(1).max(1000)).optional(),
  baseVersion: z.number().int().min(1).optional(),
});

/**
 * Query of {@link FreeJournal.list}.
 *
 * @category Schemas
 */
export const listSessionsQuerySchema = z.strictObject({
  limit: limitSchema,
  cursor: z.string().max(500).optional(),
  q: storableText().trim().min(1).max(200).optional(),
  from: rangeBoundSchema.optional(),
  to: rangeBoundSchema.optional(),
});

/**
 * Input of {@link FreeJournal.create}.
 *
 * @category Schemas
 */
export type CreateSessionInput = z.input<typeof createSessionInputSchema>;
/**
 * Input of {@link FreeJournal.save}.
 *
 * @category Schemas
 */
export type SaveSessionInput = z.input<typeof saveSessionInputSchema>;
/**
 * Query of {@link FreeJournal.list}.
 *
 * @category Schemas
 */
export type ListSessionsQuery = z.input<typeof listSessionsQuerySchema>;
