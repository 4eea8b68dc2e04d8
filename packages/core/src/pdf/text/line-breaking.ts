import { type GlyphRun, type MeasuredWord, type WordMeasurer, wordOfCells } from './measure.js';

/** A word on a line, and whether a space separates it from the previous one. */
export interface LineToken {
  word: MeasuredWord;
  spaceBefore: boolean;
}

/** One typeset line; `width` at 1 pt. An empty line is a blank line. */
export interface LineBox {
  tokens: LineToken[];
  width: number;
}

// Spaces that separate words; no-break spaces (U+00A0, U+2007, U+202F) are not among them.
const WORD_SEPARATORS = /[ \u1680\u2000-\u2006\u2008-\u200A\u205F\u3000]+/;
// Anything from CJK radicals upwards (and surrogates of the supplementary ideographs)
// takes the slow path that finds breaks between ideographs.
const MAYBE_CJK = /[\u2E80-\uD7FF\uF900-\uFFEF\uD840-\uD8BF]/;

function isBreakableCjk(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x2fdf) || // radicals
    (cp >= 0x3040 && cp <= 0x30ff) || // kana
    (cp >= 0x3100 && cp <= 0x31ff) || // bopomofo, hangul compatibility jamo, kana extensions
    (cp >= 0x3400 && cp <= 0x4dbf) || // extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // unified ideographs
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0x20000 && cp <= 0x3ffff) // supplementary ideographs
  );
}

// Characters that must not start a line (closing punctuation, small kana, prolonged
// sound mark) or end one (opening brackets): the usual kinsoku sets, abridged.
const NO_BREAK_BEFORE = new Set(
  Array.from('、。，．・：；？！）」』】〕〉》〗〙〛｝］ー’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻!),.:;?]}%', (c) => c.codePointAt(0)),
);
const NO_BREAK_AFTER = new Set(Array.from('（「『【〔〈《〖〘〚｛［‘“([{', (c) => c.codePointAt(0)));

/** Splits a space-free chunk at the break opportunities between CJK characters. */
export function splitCjk(chunk: string): string[] {
  if (!MAYBE_CJK.test(chunk)) return [chunk];
  const pieces: string[] = [];
  let current = '';
  let previous: number | undefined;
  for (const char of chunk) {
    const cp = char.codePointAt(0) ?? 0;
    if (
      previous !== undefined &&
      (isBreakableCjk(previous) || isBreakableCjk(cp)) &&
      !NO_BREAK_BEFORE.has(cp) &&
      !NO_BREAK_AFTER.has(previous)
    ) {
      pieces.push(current);
      current = '';
    }
    current += char;
    previous = cp;
  }
  pieces.push(current);
  return pieces;
}

/** Cuts a word wider than `maxWidth` into pieces that fit (at least one glyph each). */
function cutWord(word: MeasuredWord, maxWidth: number): MeasuredWord[] {
  const pieces: MeasuredWord[] = [];
  let cells = [];
  let width = 0;
  for (const cell of word.cells) {
    if (cells.length > 0 && width + cell.width > maxWidth) {
      pieces.push(wordOfCells(cells));
      cells = [];
      width = 0;
    }
    cells.push(cell);
    width += cell.width;
  }
  if (cells.length > 0) pieces.push(wordOfCells(cells));
  return pieces;
}

/**
 * Breaks text into lines no wider than `maxWidth` (in 1 pt units: the width in
 * points divided by the font size). `\n` forces a break; greedy filling; words
 * longer than a line are cut.
 */
export function breakLines(text: string, maxWidth: number, measurer: WordMeasurer): LineBox[] {
  return [...lineBoxes(text, maxWidth, measurer)];
}

/**
 * {@link breakLines} one line at a time: a caller can draw (and yield to the event
 * loop) before the rest of a long text is broken.
 */
export function* lineBoxes(text: string, maxWidth: number, measurer: WordMeasurer): Generator<LineBox, void, undefined> {
  const spaceWidth = measurer.space.width;
  for (const hardLine of text.split('\n')) {
    let tokens: LineToken[] = [];
    let width = 0;
    const take = (): LineBox => {
      const line = { tokens, width };
      tokens = [];
      width = 0;
      return line;
    };
    for (const chunk of hardLine.split(WORD_SEPARATORS)) {
      if (chunk === '') continue;
      let spaceBefore = true;
      for (const piece of splitCjk(chunk)) {
        const word = measurer.measure(piece);
        if (word.cells.length === 0) continue;
        const gap = tokens.length > 0 && spaceBefore ? spaceWidth : 0;
        if (tokens.length > 0 && width + gap + word.width > maxWidth) yield take();
        if (tokens.length === 0 && word.width > maxWidth) {
          const cut = cutWord(word, maxWidth);
          for (const [i, part] of cut.entries()) {
            tokens.push({ word: part, spaceBefore: false });
            width = part.width;
            if (i < cut.length - 1) yield take();
          }
        } else {
          tokens.push({ word, spaceBefore });
          width += (tokens.length > 1 ? gap : 0) + word.width;
        }
        spaceBefore = false;
      }
    }
    yield take();
  }
}

/** The glyph runs that draw `line`, spaces included, merged per font. */
export function lineRuns(line: LineBox, space: MeasuredWord): GlyphRun[] {
  const runs: GlyphRun[] = [];
  const append = (run: GlyphRun): void => {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.font === run.font) last.hex += run.hex;
    else runs.push({ font: run.font, hex: run.hex });
  };
  for (const [i, token] of line.tokens.entries()) {
    if (i > 0 && token.spaceBefore) for (const run of space.runs) append(run);
    for (const run of token.word.runs) append(run);
  }
  return runs;
}
