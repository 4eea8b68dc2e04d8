import {
  beginText,
  endText,
  lineTo,
  moveTo,
  type PDFDocument,
  PDFHexString,
  type PDFName,
  type PDFOperator,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  stroke,
  TextRenderingMode,
} from 'pdf-lib';
import type { PdfFontSet } from '../fonts/font-set.js';
import type { GlyphRun } from '../text/measure.js';
import type { PdfTheme, Rgb, TextStyle } from './theme.js';

// Stroke width of synthetic bold, as a fraction of the font size.
const BOLD_STROKE = 0.035;

/** Where {@link PageWriter.line} put a line: the page's index and the baseline. */
export interface LinePosition {
  page: number;
  baseline: number;
}

/**
 * Writes glyph runs onto pages, top to bottom, starting a new page when the next
 * line does not fit. Operators are buffered per page and each line is one text
 * object with one `Tj` per font run — no per-word or per-measurement drawing calls.
 * A flush compresses the buffered operators into a content stream of their own at
 * once and keeps only its bytes: a finished page costs its compressed size, not
 * thousands of operator objects, however long the document grows.
 */
export class PageWriter {
  readonly pages: PDFPage[] = [];
  /** Top edge of the next line box, in PDF coordinates (origin bottom left). */
  private top = 0;
  private page: PDFPage | undefined;
  /** Index of `page` in `pages`. */
  private index = -1;
  private ops: PDFOperator[] = [];
  private fontNames = new Map<number, PDFName>();
  /** Where new pages go (an index in `pages`); `undefined` appends. */
  private insertion: number | undefined;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: PdfFontSet,
    readonly theme: PdfTheme,
  ) {}

  /** Width available for text between the margins. */
  get contentWidth(): number {
    return this.theme.pageWidth - 2 * this.theme.margin;
  }

  /** Space left on the current page (0 before the first page). */
  get remaining(): number {
    return this.page === undefined ? 0 : this.top - this.theme.margin;
  }

  /** Starts a new page (at the end, or at the insertion point of {@link insertAt}). */
  newPage(): void {
    this.flush();
    this.fontNames = new Map();
    const size: [number, number] = [this.theme.pageWidth, this.theme.pageHeight];
    if (this.insertion === undefined) {
      this.page = this.doc.addPage(size);
      this.pages.push(this.page);
      this.index = this.pages.length - 1;
    } else {
      this.page = this.doc.insertPage(this.insertion, size);
      this.pages.splice(this.insertion, 0, this.page);
      this.index = this.insertion++;
    }
    this.top = this.theme.pageHeight - this.theme.margin;
  }

  /**
   * Makes the following pages go in before page `index` (in order), or at the end
   * again with `undefined`: front matter written after the body it describes.
   */
  insertAt(index: number | undefined): void {
    this.insertion = index;
  }

  /** Makes sure `height` points fit on the current page, else starts a new one. */
  ensure(height: number): void {
    if (this.page === undefined || this.remaining < height) this.newPage();
  }

  /** Moves the cursor down (never past the bottom margin; the next line breaks the page). */
  skip(height: number): void {
    this.top = Math.max(this.top - height, this.theme.margin);
  }

  /**
   * Draws one line of text at `x` (from the left margin) and moves below it;
   * `marker` (a bullet) is drawn on the same baseline at its own `x`.
   */
  line(runs: readonly GlyphRun[], x: number, style: TextStyle, marker?: { runs: readonly GlyphRun[]; x: number }): LinePosition {
    const height = style.size * style.leading;
    this.ensure(height);
    const baseline = this.top - (height - style.size) / 2 - style.size * 0.8;
    if (marker !== undefined) this.text(marker.runs, this.theme.margin + marker.x, baseline, style);
    this.text(runs, this.theme.margin + x, baseline, style);
    this.top -= height;
    return { page: this.index, baseline };
  }

  /** Draws runs at an absolute position without moving the cursor. */
  text(runs: readonly GlyphRun[], x: number, baseline: number, style: TextStyle): void {
    if (runs.length === 0) return;
    const ops = this.ops;
    // Bold changes text state that outlives the text object; q/Q scopes it.
    if (style.bold) ops.push(pushGraphicsState());
    ops.push(beginText(), setFillingRgbColor(...style.color));
    if (style.bold) {
      ops.push(
        setTextRenderingMode(TextRenderingMode.FillAndOutline),
        setStrokingRgbColor(...style.color),
        setLineWidth(style.size * BOLD_STROKE),
      );
    }
    ops.push(setTextMatrix(1, 0, 0, 1, round(x), round(baseline)));
    for (const run of runs) {
      ops.push(setFontAndSize(this.fontName(run.font), style.size), showText(PDFHexString.of(run.hex)));
    }
    ops.push(endText());
    if (style.bold) ops.push(popGraphicsState());
  }

  /** A thin horizontal rule across the text width, then moves below it. */
  rule(color: Rgb, gapAbove: number, gapBelow: number): void {
    this.ensure(gapAbove + gapBelow);
    const y = round(this.top - gapAbove);
    const left = this.theme.margin;
    this.ops.push(
      setStrokingRgbColor(...color),
      setLineWidth(0.6),
      moveTo(left, y),
      lineTo(round(left + this.contentWidth), y),
      stroke(),
    );
    this.top -= gapAbove + gapBelow;
  }

  /** Selects page `index` for absolute drawing (footers), after the body is done. */
  onPage(index: number): void {
    this.flush();
    this.page = this.pages[index];
    this.index = index;
    this.fontNames = new Map();
  }

  /**
   * Hands the buffered operators to the current page as a content stream of their
   * own, compressed now: pdf-lib keeps the bytes, not the operators.
   */
  flush(): void {
    if (this.page !== undefined && this.ops.length > 0) {
      const { context } = this.doc;
      const bytes = context.contentStream(this.ops).getContents();
      this.page.node.addContentStream(context.register(context.stream(bytes, { Filter: 'FlateDecode' })));
    }
    this.ops = [];
  }

  private fontName(index: number): PDFName {
    let name = this.fontNames.get(index);
    if (name === undefined) {
      const font = this.fonts.fonts[index]!;
      name = this.page!.node.newFontDictionary(font.name, font.ref);
      this.fontNames.set(index, name);
    }
    return name;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
