import type { Mood } from './moods.js';

/**
 * Where a flower came from.
 *
 * @category Domain
 */
export type FlowerSource = 'manual' | 'reflection';

/**
 * One mood entry in the garden.
 *
 * @category Domain
 */
export interface Flower {
  /** The flower id (UUID). */
  id: string;
  /** The mood the flower stands for. */
  mood: Mood;
  /** The flower kind drawn for the mood (see {@link FLOWERS}). */
  flowerType: string;
  /** The user's note, `null` when none. */
  note: string | null;
  /** The user's local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** The free-journal session it grew from, if any. */
  sessionId: string | null;
  /** `manual` (added by the user) or `reflection` (planted by a reflection). */
  source: FlowerSource;
  /** When the flower was added (ISO 8601 UTC instant). */
  createdAt: string;
}

/**
 * One day of the garden calendar.
 *
 * @category Domain
 */
export interface GardenDay {
  /** The local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Flowers of that day. */
  count: number;
  /** Flowers of that day per mood (moods without flowers left out). */
  moods: Partial<Record<Mood, number>>;
}

/**
 * Garden statistics.
 *
 * @category Domain
 */
export interface GardenStats {
  /** Flowers in the range. */
  total: number;
  /** Flowers in the range per mood, every mood present. */
  byMood: Record<Mood, number>;
  /** Consecutive days with a flower ending today, or yesterday if today has none yet. */
  currentStreak: number;
  /** Longest run of consecutive days with a flower, ever. */
  longestStreak: number;
  /** Days of the range that have flowers, oldest first. */
  days: GardenDay[];
}
