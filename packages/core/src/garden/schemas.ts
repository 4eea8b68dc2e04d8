import * as z from 'zod';
import { MOODS } from './moods.js';
import { calendarDateSchema, timeZoneSchema } from '../dates.js';
import { storableText } from '../validation.js';

/**
 * Input of {@link Garden.add}.
 *
 * @category Schemas
 */
export const addFlowerInputSchema = z.strictObject({
  /** The mood, one of `MOODS`. */
  mood: z.enum(MOODS),
  /** A note, trimmed, at most 2000 characters; none when absent. */
  note: storableText().trim().max(2000).optional(),
  /** Local date; defaults to today in `timeZone`. */
  date: calendarDateSchema.optional(),
  /** IANA time zone used for today's date when `date` is missing. Default `UTC`. */
  timeZone: timeZoneSchema.optional(),
  /** Links the flower to one of the user's free-journal sessions. */
  sessionId: z.string().max(64).optional(),
});

/**
 * Query of {@link Garden.list}.
 *
 * @category Schemas
 */
export const gardenRangeQuerySchema = z.strictObject({
  /** First local date included, `YYYY-MM-DD`; unbounded when absent. */
  from: calendarDateSchema.optional(),
  /** Last local date included, `YYYY-MM-DD`; unbounded when absent. */
  to: calendarDateSchema.optional(),
});

/**
 * Query of {@link Garden.stats}.
 *
 * @category Schemas
 */
export const gardenStatsQuerySchema = z.strictObject({
  /**
   * IANA time zone that decides which day is "today" for the streaks.
   *
   * @defaultValue `'UTC'`
   */
  tz: timeZoneSchema.default('UTC'),
  /** First local date included, `YYYY-MM-DD`; all time when absent. */
  from: calendarDateSchema.optional(),
  /** Last local date included, `YYYY-MM-DD`; all time when absent. */
  to: calendarDateSchema.optional(),
});

/**
 * Input of {@link Garden.add}.
 *
 * @category Schemas
 */
export type AddFlowerInput = z.input<typeof addFlowerInputSchema>;
/**
 * Query of {@link Garden.list}.
 *
 * @category Schemas
 */
export type GardenRangeQuery = z.input<typeof gardenRangeQuerySchema>;
/**
 * Query of {@link Garden.stats}.
 *
 * @category Schemas
 */
export type GardenStatsQuery = z.input<typeof gardenStatsQuerySchema>;
