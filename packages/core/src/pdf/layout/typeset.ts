import type { JournalPdfBlock, JournalPdfDocument } from '../document.js';
import { breakLines, type LineBox, lineRuns } from '../text/line-breaking.js';
import type { WordMeasurer } from '../text/measure.js';
import { normalizeText } from '../text/normalize.js';
import type { PageWriter } from './page-writer.js';
import type { TextStyle } from './theme.js';

const BULLET = '•';

/** Lays out the title block and every body block of `doc` with `writer`. */
export function typesetDocument(doc: JournalPdfDocument, writer: PageWriter, measurer: WordMeasurer): void {
  const t = new Typesetter(writer, measurer);
  t.header(doc.title, doc.subtitle);
  for (const block of doc.blocks) t.block(block);
  writer.flush();
}

/** Trims blank lines at both ends; inner blank lines are kept. */
function clean(text: string): string {
  return normalizeText(text).replace(/^(?:[ ]*\n)+/, '').trimEnd();
}

class Typesetter {
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

  private draw(lines: readonly LineBox[], style: TextStyle, indent = 0): void {
    for (const line of lines) this.writer.line(lineRuns(line, this.measurer.space), indent, style);
  }

  private height(style: TextStyle, count = 1): number {
    return style.size * style.leading * count;
  }

  private gap(): void {
    this.writer.skip(this.theme.body.size * this.theme.blockGap);
  }

  header(title: string, subtitle: string | undefined): void {
    const { theme, writer } = this;
    writer.newPage();
    this.draw(this.lines(clean(title), theme.title), theme.title);
    if (subtitle !== undefined && subtitle.trim() !== '') {
      writer.skip(theme.subtitle.size * 0.3);
      this.draw(this.lines(clean(subtitle), theme.subtitle), theme.subtitle);
    }
    writer.rule(theme.ruleColor, theme.body.size * 0.6, theme.body.size * 1.4);
  }

  block(block: JournalPdfBlock): void {
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

  private heading(text: string, level: 1 | 2): void {
    const { theme, writer } = this;
    const style = level === 1 ? theme.heading1 : theme.heading2;
    const lines = this.lines(clean(text), style);
    const before = style.size * (level === 1 ? 0.9 : 0.6);
    // Keep the heading with the first two lines of what follows.
    writer.ensure(before + this.height(style, lines.length) + this.height(theme.body, 2));
    if (writer.remaining < writer.theme.pageHeight - 2 * theme.margin) writer.skip(before);
    this.draw(lines, style);
    writer.skip(style.size * 0.3);
  }

  private paragraph(text: string, style: TextStyle): void {
    const body = clean(text);
    if (body === '') return;
    this.draw(this.lines(body, style), style);
    this.gap();
  }

  private item(label: string, text: string, placeholder: string | undefined): void {
    const { theme, writer } = this;
    const labelLines = this.lines(clean(label), theme.label);
    const answer = clean(text);
    const style = answer === '' ? theme.muted : theme.body;
    const answerLines = this.lines(answer === '' ? clean(placeholder ?? '') : answer, style, theme.indent);
    // Keep the label with the first line of its answer.
    writer.ensure(this.height(theme.label, labelLines.length) + (answerLines.length > 0 ? this.height(style) : 0));
    this.draw(labelLines, theme.label);
    writer.skip(theme.body.size * 0.15);
    this.draw(answerLines, style, theme.indent);
    this.gap();
  }

  private list(items: readonly string[]): void {
    const { theme, writer, measurer } = this;
    const style = theme.body;
    const marker = { runs: measurer.measure(BULLET).runs, x: theme.indent * 0.35 };
    for (const item of items) {
      const lines = this.lines(clean(item), style, theme.indent);
      for (const [i, line] of lines.entries()) {
        writer.line(lineRuns(line, measurer.space), theme.indent, style, i === 0 ? marker : undefined);
      }
      if (lines.length > 0) writer.skip(style.size * 0.2);
    }
    this.gap();
  }
}
