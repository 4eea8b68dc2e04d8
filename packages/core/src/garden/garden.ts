import type { Flower, FlowerSource, GardenDay, GardenStats } from './types.js';
import { FLOWERS, MOODS, type Mood } from './moods.js';
import {
  type AddFlowerInput,
  addFlowerInputSchema,
  type GardenRangeQuery,
  gardenRangeQuerySchema,
  type GardenStatsQuery,
  gardenStatsQuerySchema,
} from './schemas.js';
import { computeStreaks, type Streaks } from './streaks.js';
import type { PauzContext } from '../context.js';
import type { FlowersTable } from '../db/schema.js';
import { localDate, timeZoneSchema } from '../dates.js';
import { PauzError, notFound } from '../errors.js';
import { assertId, parseInput } from '../validation.js';

/** The latest calendar date anywhere on Earth (UTC+14) at `now`. */
function latestDateOnEarth(now: Date): string {
  return localDate(now, 'Etc/GMT-14');
}

/** @internal Maps a row to the flower the API returns. */
export function toFlower(row: FlowersTable): Flower {
  const mood = row.mood as Mood;
  return {
    id: row.id,
    mood,
    flowerType: FLOWERS[mood]?.flowerType ?? FLOWERS.calm.flowerType,
    note: row.note,
    date: row.date,
    sessionId: row.session_id,
    source: row.source as FlowerSource,
    createdAt: row.created_at,
  };
}

function checkRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from > to) {
    throw new PauzError('VALIDATION_FAILED', '`from` is after `to`', {
      errors: [{ field: 'from', message: 'must not be after `to`' }],
    });
  }
}

/**
 * The mood garden: one flower per mood entry, with statistics and streaks.
 *
 * @category Services
 */
export class Garden {
  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext): Garden {
    return new Garden(ctx);
  }

  private constructor(private readonly ctx: PauzContext) {}

  /**
   * Plants a flower. `date` is the user's local date; without it, today in
   * `timeZone` (default UTC). A date later than today anywhere on Earth is refused.
   * `sessionId` must name one of the user's sessions (else `NOT_FOUND`).
   */
  async add(userId: string, input: AddFlowerInput): Promise<Flower> {
    const { mood, note, date, timeZone, sessionId } = parseInput(addFlowerInputSchema, input, 'flower');
    const now = this.ctx.clock.now();
    if (date !== undefined && date > latestDateOnEarth(now)) {
      throw new PauzError('VALIDATION_FAILED', 'The date is in the future', {
        errors: [{ field: 'date', message: 'must not be in the future' }],
      });
    }
    if (sessionId !== undefined) await this.#assertSession(userId, sessionId);
    const row: FlowersTable = {
      id: this.ctx.ids(),
      user_id: userId,
      mood,
      note: note === undefined || note === '' ? null : note,
      date: date ?? localDate(now, timeZone ?? 'UTC'),
      session_id: sessionId ?? null,
      source: 'manual',
      created_at: now.toISOString(),
    };
    await this.ctx.db.insertInto('pauz_flowers').values(row).execute();
    return toFlower(row);
  }

  /** The user's flowers with `from <= date <= to`, newest first. */
  async list(userId: string, query: GardenRangeQuery = {}): Promise<{
    /** The flowers, newest first. */
    items: Flower[];
  }> {
    const { from, to } = parseInput(gardenRangeQuerySchema, query, 'query');
    checkRange(from, to);
    let select = this.ctx.db.selectFrom('pauz_flowers').selectAll().where('user_id', '=', userId);
    if (from !== undefined) select = select.where('date', '>=', from);
    if (to !== undefined) select = select.where('date', '<=', to);
    const rows = await select.orderBy('date', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return { items: rows.map(toFlower) };
  }

  /**
   * Plants the session's reflection flower, or updates its mood and note when it
   * exists (keeping its date): one reflection flower per session, enforced by a
   * unique index, so concurrent calls cannot plant two. The caller has checked the
   * session belongs to `userId`.
   * @internal
   */
  async plantReflection(userId: string, sessionId: string, flower: { mood: Mood; note: string; date: string }): Promise<Flower> {
    const note = flower.note.slice(0, 2000);
    for (let attempt = 1; ; attempt++) {
      const existing = await this.ctx.db
        .selectFrom('pauz_flowers')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('user_id', '=', userId)
        .where('source', '=', 'reflection')
        .executeTakeFirst();
      if (existing !== undefined) {
        await this.ctx.db.updateTable('pauz_flowers').set({ mood: flower.mood, note }).where('id', '=', existing.id).execute();
        return toFlower({ ...existing, mood: flower.mood, note });
      }
      const row: FlowersTable = {
        id: this.ctx.ids(),
        user_id: userId,
        mood: flower.mood,
        note,
        date: flower.date,
        session_id: sessionId,
        source: 'reflection',
        created_at: this.ctx.clock.now().toISOString(),
      };
      try {
        await this.ctx.db.insertInto('pauz_flowers').values(row).execute();
        return toFlower(row);
      } catch (error) {
        // The session went away meanwhile: that is a missing session, not a crash.
        await this.#assertSession(userId, sessionId);
        // Otherwise a concurrent reflection planted it first: update that one instead.
        if (attempt >= 3) throw error;
      }
    }
  }

  /** Removes one flower; `NOT_FOUND` when it does not exist or is not the user's. */
  async delete(userId: string, flowerId: string): Promise<void> {
    assertId(flowerId, 'Flower');
    const result = await this.ctx.db
      .deleteFrom('pauz_flowers')
      .where('id', '=', flowerId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('Flower');
  }

  /**
   * Totals, mood distribution and calendar over `from..to` (inclusive dates; all
   * time when absent), and the current and longest streak over all time. "Today"
   * is today in `tz` (IANA name, default UTC).
   */
  async stats(userId: string, query: GardenStatsQuery = {}): Promise<GardenStats> {
    const { tz, from, to } = parseInput(gardenStatsQuerySchema, query, 'query');
    checkRange(from, to);
    const { db } = this.ctx;
    let counts = db
      .selectFrom('pauz_flowers')
      .select(['date', 'mood', (eb) => eb.fn.countAll().as('n')])
      .where('user_id', '=', userId);
    if (from !== undefined) counts = counts.where('date', '>=', from);
    if (to !== undefined) counts = counts.where('date', '<=', to);
    const rows = await counts.groupBy(['date', 'mood']).orderBy('date').execute();

    const byMood = Object.fromEntries(MOODS.map((m) => [m, 0])) as Record<Mood, number>;
    const days = new Map<string, GardenDay>();
    let total = 0;
    for (const row of rows) {
      const n = Number(row.n);
      const mood = row.mood as Mood;
      total += n;
      byMood[mood] = (byMood[mood] ?? 0) + n;
      let day = days.get(row.date);
      if (day === undefined) {
        day = { date: row.date, count: 0, moods: {} };
        days.set(row.date, day);
      }
      day.count += n;
      day.moods[mood] = (day.moods[mood] ?? 0) + n;
    }

    const streaks = await this.streaks(userId, tz);
    return {
      total,
      byMood,
      currentStreak: streaks.current,
      longestStreak: streaks.longest,
      days: [...days.values()],
    };
  }

  /** Current and longest streak, with "today" taken in time zone `tz`. */
  async streaks(userId: string, tz: string): Promise<Streaks> {
    const zone = parseInput(timeZoneSchema, tz, 'time zone');
    const rows = await this.ctx.db
      .selectFrom('pauz_flowers')
      .select('date')
      .distinct()
      .where('user_id', '=', userId)
      .execute();
    return computeStreaks(
      rows.map((r) => r.date),
      localDate(this.ctx.clock.now(), zone),
    );
  }

  /** `NOT_FOUND` unless the session exists and is the user's. */
  async #assertSession(userId: string, sessionId: string): Promise<void> {
    assertId(sessionId, 'Session');
    const session = await this.ctx.db
      .selectFrom('pauz_free_sessions')
      .select('id')
      .where('id', '=', sessionId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (session === undefined) throw notFound('Session');
  }
}
