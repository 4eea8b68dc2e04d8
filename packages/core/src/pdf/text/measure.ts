import { PauzError } from '../../errors.js';
import type { GlyphCell, PdfFontSet } from '../fonts/font-set.js';

/** Consecutive glyphs of one font, ready to show with one `Tj`. */
export interface GlyphRun {
  font: number;
  hex: string;
}

/** A word (or piece of one) placed in the document's fonts; widths at 1 pt. */
export interface MeasuredWord {
  width: number;
  runs: GlyphRun[];
  cells: GlyphCell[];
}

const ZWJ = 0x200d;
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
// What may follow an emoji inside one user-perceived character: variation selectors,
// skin tones, tag characters, the keycap mark.
const EMOJI_COMPONENT = /^[\uFE0E\uFE0F\u20E3\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]$/u;
const isRegionalIndicator = (cp: number): boolean => cp >= 0x1f1e6 && cp <= 0x1f1ff;

type Placement = GlyphCell | 'ignore' | 'missing';

/** Joins cells into runs, one per change of font. */
export function runsOf(cells: readonly GlyphCell[]): GlyphRun[] {
  const runs: GlyphRun[] = [];
  let last: GlyphRun | undefined;
  for (const cell of cells) {
    if (last !== undefined && last.font === cell.font) last.hex += cell.hex;
    else runs.push((last = { font: cell.font, hex: cell.hex }));
  }
  return runs;
}

/** A word made of the given cells (used to cut over-long words). */
export function wordOfCells(cells: GlyphCell[]): MeasuredWord {
  let width = 0;
  for (const cell of cells) width += cell.width;
  return { width, runs: runsOf(cells), cells };
}

/**
 * Measures and encodes words once per document. Each distinct word is looked up in
 * the fonts character by character the first time it is seen; every later
 * occurrence costs one map lookup. Characters no font has are replaced by one
 * visible replacement glyph per user-perceived character (an emoji with skin tone
 * and joiners becomes a single `□`); invisible format characters are dropped.
 */
export class WordMeasurer {
  private readonly words = new Map<string, MeasuredWord>();
  private readonly placements = new Map<number, Placement>();
  private readonly replacement: GlyphCell | null;
  /** The inter-word space. */
  readonly space: MeasuredWord;

  constructor(
    private readonly fonts: PdfFontSet,
    replacementCharacters: readonly string[],
  ) {
    this.replacement = null;
    for (const char of replacementCharacters) {
      const cell = fonts.cell(char.codePointAt(0) ?? 0);
      if (cell !== null) {
        this.replacement = cell;
        break;
      }
    }
    const space = fonts.cell(0x20);
    if (space === null) throw new PauzError('VALIDATION_FAILED', 'none of the PDF fonts has a space glyph');
    this.space = wordOfCells([space]);
  }

  /** Width and glyph runs of `word` (which contains no spaces). */
  measure(word: string): MeasuredWord {
    let measured = this.words.get(word);
    if (measured === undefined) {
      measured = wordOfCells(this.place(word));
      this.words.set(word, measured);
    }
    return measured;
  }

  private placement(cp: number): Placement {
    let placement = this.placements.get(cp);
    if (placement === undefined) {
      const char = String.fromCodePoint(cp);
      placement = IGNORABLE.test(char) ? 'ignore' : (this.fonts.cell(cp) ?? 'missing');
      this.placements.set(cp, placement);
    }
    return placement;
  }

  private place(word: string): GlyphCell[] {
    const cells: GlyphCell[] = [];
    let inMissingCluster = false;
    let swallowNext = false;
    let loneRegionalIndicator = false;
    for (const char of word) {
      const cp = char.codePointAt(0) ?? 0;
      if (inMissingCluster) {
        if (swallowNext) {
          swallowNext = false;
          continue;
        }
        if (cp === ZWJ) {
          swallowNext = true;
          continue;
        }
        if (EMOJI_COMPONENT.test(char)) continue;
        if (loneRegionalIndicator && isRegionalIndicator(cp)) {
          loneRegionalIndicator = false;
          continue;
        }
      }
      const placement = this.placement(cp);
      if (placement === 'ignore') continue;
      if (placement === 'missing') {
        if (this.replacement !== null) cells.push(this.replacement);
        inMissingCluster = true;
        loneRegionalIndicator = isRegionalIndicator(cp);
        continue;
      }
      cells.push(placement);
      inMissingCluster = false;
      loneRegionalIndicator = false;
    }
    return cells;
  }
}
