import * as z from 'zod';
import type { PauzContext } from '../context.js';
import { timeZoneSchema } from '../dates.js';
import type { Garden } from '../garden/garden.js';
import { parseInput } from '../validation.js';

/**
 * Counts across everything a user has written.
 *
 * @category Domain
 */
export interface StatsOverview {
  /** Free-journal sessions the user has. */
  freeJournals: number;
  /** Guided journals the user has. */
  guidedJournals: number;
  /** Flowers in the user's garden. */
  flowers: number;
  /** Words across all free-journal sessions. */
  words: number;
  /** Current garden streak, in days. */
  currentStreak: number;
}

/**
 * Query of {@link Stats.overview}.
 *
 * @category Schemas
 */
export const statsOverviewQuerySchema = z.strictObject({
  /**
   * IANA time zone that decides which day is "today" for the streak.
   *
   * @defaultValue `'UTC'`
   */
  tz: timeZoneSchema.default('UTC'),
});

/**
 * Query of {@link Stats.overview}.
 *
 * @category Schemas
 */
export type StatsOverviewQuery = z.input<typeof statsOverviewQuerySchema>;

/**
 * Overview statistics for one user.
 *
 * @category Services
 */
export class Stats {
  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext, garden: Garden): Stats {
    return new Stats(ctx, garden);
  }

  private constructor(
    private readonly ctx: PauzContext,
    private readonly garden: Garden,
  ) {}

  /** Counts of free journals, guided journals, flowers and words, and the current streak (today in `tz`). */
  async overview(userId: string, query: StatsOverviewQuery = {}): Promise<StatsOverview> {
    const { tz } = parseInput(statsOverviewQuerySchema, query, 'query');
    const { db } = this.ctx;
    const [sessions, flowers, guided, streaks] = await Promise.all([
      db
        .selectFrom('pauz_free_sessions')
        .select([(eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum<number | string | null>('word_count').as('words')])
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('pauz_flowers')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('pauz_guided_journals')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow(),
      this.garden.streaks(userId, tz),
    ]);
    return {
      freeJournals: Number(sessions.n),
      guidedJournals: Number(guided.n),
      flowers: Number(flowers.n),
      words: Number(sessions.words ?? 0),
      currentStreak: streaks.current,
    };
  }
}
