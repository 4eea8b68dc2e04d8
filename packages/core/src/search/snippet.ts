import { searchWords } from './normalize.js';

/**
 * The longest snippet, in characters (the ellipses included).
 * @internal
 */
export const SNIPPET_CHARS = 240;
const BEFORE = 80;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function containsRun(tokens: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= tokens.length; i++) {
    if (run.every((token, j) => tokens[i + j] === token)) return true;
  }
  return false;
}

/** Where in `text` the first word holding one of `words` starts (folded as the index folds), or -1. */
function firstMatch(text: string, words: string[][]): number {
  for (const match of text.matchAll(WORD)) {
    const tokens = searchWords(match[0]).flat();
    if (words.some((word) => containsRun(tokens, word))) return match.index ?? 0;
  }
  return -1;
}

/**
 * Up to {@link SNIPPET_CHARS} characters of `text` around its first word that
 * matches the query (accent- and case-insensitively, as the index matches), white
 * space collapsed, cut at word boundaries with `…` where text was left out. Text
 * without a match (the title matched) answers its beginning.
 * @internal
 */
export function snippetOf(text: string, words: string[][]): string {
  const at = Math.max(0, firstMatch(text, words));
  let start = at <= BEFORE ? 0 : at - BEFORE;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < at) start = space + 1;
  }
  const window = SNIPPET_CHARS * 3;
  const flat = text.slice(start, start + window).replace(/\s+/gu, ' ').trim();
  const lead = start > 0 ? '…' : '';
  const room = SNIPPET_CHARS - lead.length;
  if (flat.length <= room && start + window >= text.length) return `${lead}${flat}`;
  let cut = flat.slice(0, room - 1);
  const space = cut.lastIndexOf(' ');
  if (space > room / 2) cut = cut.slice(0, space);
  // Never half a surrogate pair.
  if (/[\ud800-\udbff]$/u.test(cut)) cut = cut.slice(0, -1);
  return `${lead}${cut.trimEnd()}…`;
}
