import * as z from 'zod';
import { calendarDateSchema, rangeBoundSchema, timeZoneSchema } from '../dates.js';
import { limitSchema } from '../paging.js';
import { storableText } from '../validation.js';

/**
 * Input of {@link FreeJournal.create}.
 *
 * @category Schemas
 */
export const createSessionInputSchema = z.strictObject({
  /** The title, trimmed, at most 500 characters; empty when absent. */
  title: storableText().trim().max(500).optional(),
});

/**
 * Input of {@link FreeJournal.save}. The content length limit is configurable
 * (`limits.contentChars`) and checked by the service.
 *
 * @category Schemas
 */
export const saveSessionInputSchema = z.strictObject({
  /** The whole text, replacing the stored one; at most `limits.contentChars` characters. */
  content: storableText(),
  /** Hint texts the client showed while writing, stored in the `hints` bucket (at most `limits.hintsPerSave`). */
  hints: z.array(storableText().trim().min(1).max(1000)).optional(),
  /** The version the client edited; a newer stored one fails with `VERSION_CONFLICT`. Unchecked when absent. */
  baseVersion: z.number().int().min(1).optional(),
});

/**
 * Query of {@link FreeJournal.list}.
 *
 * @category Schemas
 */
export const listSessionsQuerySchema = z.strictObject({
  /**
   * Items per page, 1 to 100.
   *
   * @defaultValue `20`
   */
  limit: limitSchema,
  /** The `nextCursor` of the previous page, to continue after it; the first page without it. */
  cursor: z.string().max(500).optional(),
  /** Only sessions whose title or content contains this text (case-insensitive), 1 to 200 characters. */
  q: storableText().trim().min(1).max(200).optional(),
  /** Only sessions created at or after this date (UTC day) or instant. */
  from: rangeBoundSchema.optional(),
  /** Only sessions created at or before this date (UTC day, inclusive) or instant. */
  to: rangeBoundSchema.optional(),
});

/**
 * Query of {@link FreeJournal.onThisDay}.
 *
 * @category Schemas
 */
export const onThisDayQuerySchema = z.strictObject({
  /**
   * The user's IANA time zone: "the same day" is the same calendar day there.
   *
   * @defaultValue `UTC`
   */
  tz: timeZoneSchema.optional(),
  /**
   * The day to look back from, `YYYY-MM-DD`.
   *
   * @defaultValue today in `tz`
   */
  date: calendarDateSchema.optional(),
});

/**
 * Query of {@link FreeJournal.onThisDay}.
 *
 * @category Schemas
 */
export type OnThisDayQuery = z.input<typeof onThisDayQuerySchema>;

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
