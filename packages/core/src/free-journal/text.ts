const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

// Scripts written without spaces between words: they need dictionary segmentation.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
// A word in a spaced script: letters, digits and marks, joined by apostrophes,
// hyphens or dots (l’homme, e-mail, 3.14).
const SPACED_WORD = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]+)*/gu;
// Intl.Segmenter slows down badly on long inputs (seconds for 200,000 characters on
// Node 20), so it only ever sees short runs.
const MAX_SEGMENT_RUN = 256;

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
 */
export function countWords(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    if (UNSPACED.test(token)) count += countUnspaced(token);
    else count += token.match(SPACED_WORD)?.length ?? 0;
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
