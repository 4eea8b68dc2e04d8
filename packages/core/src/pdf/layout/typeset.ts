import type { JournalPdfBlock, JournalPdfDocument } from '../document.js';
import { breakLines, type LineBox, lineBoxes, lineRuns } from '../text/line-breaking.js';
import type { WordMeasurer } from '../text/measure.js';
import { normalizeText } from '../text/normalize.js';
import { yieldToEventLoop } from './pacer.js';
import type { PageWriter } from './page-writer.js';
import type { TextStyle } from './theme.js';

const BULLET = '•';

/**
 * Lays out the title block and every body block of `doc` with `writer`, yielding to
 * the event loop each time a page is full (about a millisecond of work per page).
 */
export async function typesetDocument(doc: JournalPdfDocument, writer: PageWriter, measurer: WordMeasurer): Promise<void> {
  const t = new Typesetter(writer, measurer);
  await t.header(doc.title, doc.subtitle);
  for (const block of doc.blocks) await t.block(block);
  writer.flush();
}

function* startingWith<T>(first: T, rest: Iterator<T>): Generator<T, void, undefined> {
  yield first;
  for (let next = rest.next(); next.done !== true; next = rest.next()) yield next.value;
}

/** Trims blank lines at both ends; inner blank lines are kept. */
function clean(text: string): string {
  return normalizeText(text).replace(/^(?:[ ]*\n)+/, '').trimEnd();
}

class Typesetter {
  /** Pages started when the typesetter last yielded. */
  private pagesSeen = 0;

  constructor(
    private readonly writer: PageWriter,
    private readonly measurer: WordMeasurer,
  ) {}

  private get theme(): PageWriter['theme'] {
    return this.writer.theme;
  }

  private lines(text: string, style: TextStyle, indent = 0): LineBox[] {
    return breakLines(text, (this.writer.contentWidth - indent) / style.size, this.measurer);
  }

  /** The lines of `text` one at a time (long texts are broken while they are drawn). */
  private lazyLines(text: string, style: TextStyle, indent = 0): Generator<LineBox, void, undefined> {
    return lineBoxes(text, (this.writer.contentWidth - indent) / style.size, this.measurer);
  }

  private async draw(lines: Iterable<LineBox>, style: TextStyle, indent = 0): Promise<void> {
    for (const line of lines) {
      this.writer.line(lineRuns(line, this.measurer.space), indent, style);
      await this.pageDone();
    }
  }

  /** Yields once per page started since the last call (a no-op without a new page). */
  private async pageDone(): Promise<void> {
    if (this.writer.pages.length === this.pagesSeen) return;
    this.pagesSeen = this.writer.pages.length;
    await yieldToEventLoop();
  }

  private height(style: TextStyle, count = 1): number {
    return style.size * style.leading * count;
  }

  private gap(): void {
    this.writer.skip(this.theme.body.size * this.theme.blockGap);
  }

  async header(title: string, subtitle: string | undefined): Promise<void> {
    const { theme, writer } = this;
    writer.newPage();
    await this.draw(this.lines(clean(title), theme.title), theme.title);
    if (subtitle !== undefined && subtitle.trim() !== '') {
      writer.skip(theme.subtitle.size * 0.3);
      await this.draw(this.lines(clean(subtitle), theme.subtitle), theme.subtitle);
    }
    writer.rule(theme.ruleColor, theme.body.size * 0.6, theme.body.size * 1.4);
  }

  block(block: JournalPdfBlock): Promise<void> {
    switch (block.kind) {
      case 'heading':
        return this.heading(block.text, block.level ?? 1);
      case 'paragraph':
        return this.paragraph(block.text, block.tone === 'muted' ? this.theme.muted : this.theme.body);
      case 'item':
        return this.item(block.label, block.text, block.placeholder);
      case 'list':
        return this.list(block.items);
    }
  }

  private async heading(text: string, level: 1 | 2): Promise<void> {
    const { theme, writer } = this;
    const style = level === 1 ? theme.heading1 : theme.heading2;
    const lines = this.lines(clean(text), style);
    const before = style.size * (level === 1 ? 0.9 : 0.6);
    // Keep the heading with the first two lines of what follows.
    writer.ensure(before + this.height(style, lines.length) + this.height(theme.body, 2));
    if (writer.remaining < writer.theme.pageHeight - 2 * theme.margin) writer.skip(before);
    await this.draw(lines, style);
    writer.skip(style.size * 0.3);
  }

  private async paragraph(text: string, style: TextStyle): Promise<void> {
    const body = clean(text);
    if (body === '') return;
    await this.draw(this.lazyLines(body, style), style);
    this.gap();
  }

  private async item(label: string, text: string, placeholder: string | undefined): Promise<void> {
    const { theme, writer } = this;
    const labelLines = this.lines(clean(label), theme.label);
    const answer = clean(text);
    const style = answer === '' ? theme.muted : theme.body;
    const answerLines = this.lazyLines(answer === '' ? clean(placeholder ?? '') : answer, style, theme.indent);
    const first = answerLines.next();
    // Keep the label with the first line of its answer.
    writer.ensure(this.height(theme.label, labelLines.length) + (first.done === true ? 0 : this.height(style)));
    await this.draw(labelLines, theme.label);
    writer.skip(theme.body.size * 0.15);
    if (first.done !== true) await this.draw(startingWith(first.value, answerLines), style, theme.indent);
    this.gap();
  }

  private async list(items: readonly string[]): Promise<void> {
    const { theme, writer, measurer } = this;
    const style = theme.body;
    const marker = { runs: measurer.measure(BULLET).runs, x: theme.indent * 0.35 };
    for (const item of items) {
      const lines = this.lines(clean(item), style, theme.indent);
      for (const [i, line] of lines.entries()) {
        writer.line(lineRuns(line, measurer.space), theme.indent, style, i === 0 ? marker : undefined);
        await this.pageDone();
      }
      if (lines.length > 0) writer.skip(style.size * 0.2);
    }
    this.gap();
  }
}
