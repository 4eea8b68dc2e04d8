/**
 * The seven moods of the garden.
 *
 * @category Domain
 */
export const MOODS = ['happy', 'calm', 'sad', 'excited', 'reflective', 'anxious', 'grateful'] as const;

/**
 * One of {@link MOODS}.
 *
 * @category Domain
 */
export type Mood = (typeof MOODS)[number];

/**
 * How a mood's flower is drawn.
 *
 * @category Domain
 */
export interface FlowerStyle {
  /** The flower kind, as stored in `Flower.flowerType`. */
  flowerType: string;
  /** An emoji drawn for the mood, for text-only clients. */
  emoji: string;
  /** Main colour (hex). */
  color: string;
  /** Petal colour (hex). */
  petalColor: string;
}

/**
 * Every mood's flower, as the original Pauz client drew them, so every client can
 * draw the same garden.
 *
 * @category Domain
 */
export const FLOWERS: Readonly<Record<Mood, FlowerStyle>> = Object.freeze({
  happy: { flowerType: 'sunflower', emoji: '🌻', color: '#FFD166', petalColor: '#FFECB3' },
  calm: { flowerType: 'lotus', emoji: '🪷', color: '#06D6A0', petalColor: '#D0F6E9' },
  sad: { flowerType: 'bluebell', emoji: '🔔', color: '#6A4C93', petalColor: '#D6C7E6' },
  excited: { flowerType: 'hibiscus', emoji: '🌺', color: '#EF476F', petalColor: '#FFD3DF' },
  reflective: { flowerType: 'bouquet', emoji: '💐', color: '#B49FCC', petalColor: '#E9DFF6' },
  anxious: { flowerType: 'cherry-blossom', emoji: '🌸', color: '#5E8FA8', petalColor: '#DCEFF6' },
  grateful: { flowerType: 'daisy', emoji: '🌼', color: '#FCEFB4', petalColor: '#FFF6D6' },
});

/**
 * True when `value` is one of {@link MOODS}.
 *
 * @category Domain
 */
export function isMood(value: unknown): value is Mood {
  return typeof value === 'string' && (MOODS as readonly string[]).includes(value);
}
