import { z } from 'zod';
import { MOODS } from './moods.js';
import { calendarDateSchema, timeZoneSchema } from '../dates.js';
import { storableText } from '../validation.js';

/**
 * Input of {@link Garden.add}.
 *
 * @category Schemas
 */
export const addFlowerInputSchema = z.strictObject({
  mood: z.enum(MOODS),
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
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
});

/**
 * Query of {@link Garden.stats}.
 *
 * @category Schemas
 */
export const gardenStatsQuerySchema = z.strictObject({
  tz: timeZoneSchema.default('UTC'),
  from: calendarDateSchema.optional(),
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
