/*
 * The one normalizer of search: the same code turns stored text into index tokens
 * and a query into the tokens it looks for, on every dialect. The database only
 * splits at spaces (SQLite FTS5's `ascii` tokenizer, a PostgreSQL `tsvector` built
 * from the tokens as they are), so what matches is decided here, once.
 */

// Letters whose lower case is not their folded form, or that NFKD leaves alone but a
// reader takes for an accented letter: ß → ss, the Turkish dotless ı → i (so I, ı, i
// and İ all match), the Greek final sigma → σ, and Latin letters with a stroke.
const FOLDS: Readonly<Record<string, string>> = { ß: 'ss', ı: 'i', ς: 'σ', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', æ: 'ae', œ: 'oe' };
const FOLDABLE = /[ßıςłøđħæœ]/gu;
// Accents and the optional vowel marks of Hebrew and Arabic: dropped. Other marks
// (the vowel signs of Indic scripts, Thai) are part of the letters and kept; the
// Japanese voicing marks recombine with their kana (ガ stays ガ).
const DIACRITICS = /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/gu;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// Scripts written without spaces between words: each character (with its marks) is a
// token, and a query word of them is a phrase of adjacent characters, so 東京 finds
// 東京タワー but not 京東.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u30fc\u3005][\p{M}]*/gu;

/**
 * The longest token kept, in UTF-16 units: longer words are cut (on both sides of a
 * search, so they still match), well within PostgreSQL's 2 KB per lexeme.
 * @internal
 */
export const MAX_TOKEN_CHARS = 64;

/**
 * Text folded for search: NFKD (so `ﬁ` is `fi`, full-width letters are plain), lower
 * case, the {@link FOLDS} above, accents removed, then NFC (Hangul syllables and
 * voiced kana recombine). `Café`, `CAFE` and `café` all fold to `cafe`.
 * @internal
 */
export function searchFoldText(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(FOLDABLE, (c) => FOLDS[c] ?? c)
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .normalize('NFC');
}

/** The tokens of one folded word: unspaced-script characters one by one, the other runs whole. */
function wordTokens(word: string): string[] {
  const tokens: string[] = [];
  let last = 0;
  for (const match of word.matchAll(UNSPACED)) {
    const index = match.index ?? 0;
    if (index > last) tokens.push(word.slice(last, index));
    tokens.push(match[0]);
    last = index + match[0].length;
  }
  if (last < word.length) tokens.push(word.slice(last));
  return tokens.map((token) => (token.length > MAX_TOKEN_CHARS ? token.slice(0, MAX_TOKEN_CHARS) : token));
}

/**
 * The words of `text` as search sees them, each as its tokens (one token for a word
 * of a spaced script, one per character for Chinese, Japanese, Korean, Thai…).
 * @internal
 */
export function searchWords(text: string): string[][] {
  const words: string[][] = [];
  for (const match of searchFoldText(text).matchAll(WORD)) {
    const tokens = wordTokens(match[0]);
    if (tokens.length > 0) words.push(tokens);
  }
  return words;
}

/**
 * The index tokens of `text`, in order: what goes into the full-text column.
 * @internal
 */
export function searchTokens(text: string): string[] {
  return searchWords(text).flat();
}

/**
 * The most distinct words a query counts; the rest of a longer query is ignored
 * (a query is at most 200 characters).
 * @internal
 */
export const MAX_QUERY_WORDS = 12;

/**
 * The distinct words of a query, each the tokens of one phrase, in the order typed:
 * no query syntax survives (quotes, `AND`, `*`, `:` are letters or nothing), so a
 * query can never be an error of the database's query language.
 * @internal
 */
export function queryWords(q: string): string[][] {
  const seen = new Set<string>();
  const words: string[][] = [];
  for (const word of searchWords(q)) {
    const key = word.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    words.push(word);
    if (words.length === MAX_QUERY_WORDS) break;
  }
  return words;
}
