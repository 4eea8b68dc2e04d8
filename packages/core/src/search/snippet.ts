import { MAX_TOKEN_CHARS, searchFoldText, searchWords } from './normalize.js';

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

// A word of ASCII letters and digits folds to its lower case: no Unicode normalization needed.
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/** The start of the first word of `text[from, to)` holding one of `words` (folded as the index folds), or -1. */
function scan(text: string, words: string[][], from: number, to: number): number {
  const pattern = new RegExp(WORD.source, 'gu');
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match !== null && match.index < to; match = pattern.exec(text)) {
    const raw = match[0];
    const tokens = ASCII_WORD.test(raw) ? [raw.slice(0, MAX_TOKEN_CHARS).toLowerCase()] : searchWords(raw).flat();
    if (words.some((word) => containsRun(tokens, word))) return match.index;
  }
  return -1;
}

/**
 * Where in `text` the first word holding one of `words` starts, or -1. The whole text
 * is folded once to find about where to look (folding keeps lengths nearly the
 * same), then the words there are folded one by one; only when that misses is the
 * text scanned from its start. Long entries cost one fold, not one per word.
 */
function firstMatch(text: string, words: string[][]): number {
  const folded = searchFoldText(text);
  let first = -1;
  for (const word of words) {
    const at = folded.indexOf(word[0] as string);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  if (first === -1) return -1;
  const from = Math.max(0, Math.floor((first * text.length) / Math.max(1, folded.length)) - 64);
  const near = scan(text, words, from, from + 4096);
  return near !== -1 ? near : scan(text, words, 0, text.length);
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
