/**
 * Keyword counting for the offline writer: whole words, case-insensitive. A feeling
 * right after a negation ("not happy", "wasn't really worried") does not count; a
 * topic does ("no friends" is still about friends).
 */

/** Words that turn the keyword after them (at most one word later) around. */
const NEGATED = /(?:\b(?:not|never|no|hardly|without)|n['’]t)\s+(?:[\p{L}'’]+\s+)?$/iu;

/** How far back a negation is looked for. */
const NEGATION_WINDOW = 24;

/**
 * A case-insensitive, whole-word pattern matching any of `words` (a word may be a
 * phrase). Built when first used: parsing the offline writer's big Unicode patterns
 * was over a millisecond of every server's start, for servers that may never use them.
 */
export class KeywordPattern {
  #regex: RegExp | undefined;

  constructor(readonly words: readonly string[]) {}

  get regex(): RegExp {
    if (this.#regex === undefined) {
      const alternatives = this.words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
      this.#regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu');
    }
    return this.#regex;
  }
}

/** A {@link KeywordPattern} of `words`. */
export function keywordPattern(words: readonly string[]): KeywordPattern {
  return new KeywordPattern(words);
}

/** How often `pattern` matches in `text`; with `negatable`, negated matches do not count. */
export function countKeywords(text: string, pattern: KeywordPattern, negatable = true): number {
  let count = 0;
  for (const match of text.matchAll(pattern.regex)) {
    if (!negatable) {
      count++;
      continue;
    }
    const before = text.slice(Math.max(0, match.index - NEGATION_WINDOW), match.index);
    if (!NEGATED.test(before)) count++;
  }
  return count;
}

/** Counts every group's keywords in `text`; `topics` are groups a negation does not cancel. */
export function countGroups<K extends string>(
  text: string,
  groups: Readonly<Record<K, KeywordPattern>>,
  topics: readonly K[] = [],
): Record<K, number> {
  const counts = {} as Record<K, number>;
  for (const key of Object.keys(groups) as K[]) counts[key] = countKeywords(text, groups[key], !topics.includes(key));
  return counts;
}

/**
 * The key with the highest count (above zero), ties going to the one listed first in
 * `order`; `null` when nothing matched.
 */
export function strongest<K extends string>(counts: Readonly<Record<K, number>>, order: readonly K[]): K | null {
  let best: K | null = null;
  for (const key of order) {
    if (counts[key] > 0 && (best === null || counts[key] > counts[best])) best = key;
  }
  return best;
}

/** FNV-1a: a stable 32-bit hash, so the same text always picks the same variant. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** One of `items`, chosen by `seed`. */
export function pick<T>(items: readonly [T, ...T[]], seed: number): T {
  return items[seed % items.length] ?? items[0];
}
