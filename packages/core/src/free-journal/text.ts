const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

// Scripts written without spaces between words: they need dictionary segmentation.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
// Letters, digits and marks: what words in spaced scripts are made of.
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const WHITE_SPACE = /\s/u;
// Intl.Segmenter slows down badly on long inputs (seconds for 200,000 characters on
// Node 20), so it only ever sees short runs.
const MAX_SEGMENT_RUN = 256;

// What a code point is to the word counter.
const OTHER = 1; // punctuation, symbols, emoji: ends a word, counts nothing
const WORD = 2; // a letter, digit or mark of a spaced script
const JOINER = 3; // ' ’ . - : joins two word runs into one word (l’homme, e-mail, 3.14)
const SPACE = 4; // white space: ends a token
const UNSPACED_CHAR = 5; // a letter of a script written without spaces

function classify(char: string): number {
  if (WHITE_SPACE.test(char)) return SPACE;
  if (UNSPACED.test(char)) return UNSPACED_CHAR;
  if (WORD_CHAR.test(char)) return WORD;
  return char === "'" || char === '’' || char === '.' || char === '-' ? JOINER : OTHER;
}

// Classes of the Basic Multilingual Plane, filled in as code units are first seen
// (0: not yet); the rare code points above it are classified each time.
const BMP_CLASSES = new Uint8Array(0x10000);

function countUnspaced(run: string): number {
  let count = 0;
  for (const piece of run.split(/(?<=[\p{P}\p{S}])/u)) {
    for (let start = 0; start < piece.length; start += MAX_SEGMENT_RUN) {
      for (const segment of segmenter.segment(piece.slice(start, start + MAX_SEGMENT_RUN))) {
        if (segment.isWordLike === true) count++;
      }
    }
  }
  return count;
}

/**
 * Counts words the way a reader would, in any script: `naïve café` is 2, `l’homme`
 * and `e-mail` are 1 each, Chinese, Japanese and Thai are segmented by dictionary,
 * punctuation and emoji count 0. Linear in the length of the text.
 *
 * Text is split at white space into tokens. A token with a letter of a script
 * written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) is
 * segmented by `Intl.Segmenter`; in any other, a word is a run of letters, digits and
 * marks, runs joined by one apostrophe, hyphen or dot counting as one. One pass over
 * the code points, without building the tokens of spaced scripts.
 *
 * @category Domain
 */
export function countWords(text: string): number {
  let count = 0;
  // Words counted in the current token, where it starts, and whether it needs the segmenter.
  let tokenWords = 0;
  let tokenStart = 0;
  let unspaced = false;
  // 0: outside a word; 1: in a word; 2: just after a joiner that followed a word.
  let state = 0;
  const length = text.length;
  for (let i = 0; i <= length; i++) {
    let kind = SPACE;
    let width = 1;
    if (i < length) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) width = 2;
      }
      if (width === 2) {
        kind = classify(text.slice(i, i + 2));
      } else {
        kind = BMP_CLASSES[unit] as number;
        if (kind === 0) {
          kind = classify(text[i] as string);
          BMP_CLASSES[unit] = kind;
        }
      }
    }
    if (kind === SPACE) {
      // End of a token (or of the text).
      if (unspaced) count += countUnspaced(text.slice(tokenStart, i));
      else count += tokenWords;
      tokenWords = 0;
      tokenStart = i + 1;
      unspaced = false;
      state = 0;
      continue;
    }
    if (kind === UNSPACED_CHAR) {
      unspaced = true;
      // Treated as a letter while the token is scanned; the segmenter recounts it.
      kind = WORD;
    }
    if (kind === WORD) {
      if (state === 0) tokenWords++;
      state = 1;
    } else if (kind === JOINER && state === 1) {
      state = 2;
    } else {
      state = 0;
    }
    i += width - 1;
  }
  return count;
}

/** Collapses white space and cuts `text` to at most `max` characters at a word boundary. */
export function previewOf(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The form text is searched in: NFC, lower-cased with Unicode rules. */
export function searchFold(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** What a session is searched by: its title and content, folded. */
export function searchTextOf(title: string, content: string): string {
  return searchFold(`${title}\n${content}`);
}
