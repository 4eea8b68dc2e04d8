import { PauzError } from '../errors.js';
import type { JournalPdfBook, RenderedJournalPdfBook, RenderJournalPdfBookOptions } from './book.js';
import { yieldToEventLoop } from './layout/pacer.js';
import type { LinePosition } from './layout/page-writer.js';
import { typesetDocument } from './layout/typeset.js';
import { closePdf, type OpenPdf, openPdf } from './render-pdf.js';
import { type LineBox, lineBoxes, lineRuns } from './text/line-breaking.js';
import { normalizeText } from './text/normalize.js';

const ELLIPSIS = '…';
const LEADER = '.';
/** Table-of-contents lines typeset between two turns of the event loop. */
const CONTENTS_SLICE = 64;

interface ContentsLine {
  title: string;
  date: string;
  /** Index of the entry's first page among the body pages. */
  start: number;
}

/** `text` on one line no wider than `width` (at 1 pt), ending in `…` when cut. */
function oneLine(open: OpenPdf, text: string, width: number): LineBox {
  const flat = normalizeText(text).replace(/\s+/g, ' ').trim();
  const whole = lineBoxes(flat, width, open.measurer);
  const first = whole.next();
  if (first.done === true) return { tokens: [], width: 0 };
  if (whole.next().done === true) return first.value;
  const ellipsis = open.measurer.measure(ELLIPSIS);
  const cut = lineBoxes(flat, Math.max(width - ellipsis.width, 0), open.measurer).next();
  const line = cut.done === true ? { tokens: [], width: 0 } : cut.value;
  return { tokens: [...line.tokens, { word: ellipsis, spaceBefore: false }], width: line.width + ellipsis.width };
}

function tooLong(maxPages: number): PauzError {
  return new PauzError('PAYLOAD_TOO_LARGE', `The book would have more than ${maxPages} pages`);
}

/**
 * The implementation of {@link renderJournalPdfBook}, loaded on its first call.
 * @internal
 */
export async function renderBook(book: JournalPdfBook, options: RenderJournalPdfBookOptions): Promise<RenderedJournalPdfBook> {
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  const open = await openPdf(options);
  const { writer, measurer } = open;
  const contents: ContentsLine[] = [];
  for await (const entry of book.entries) {
    contents.push({ title: entry.title, date: entry.date, start: writer.pages.length });
    await typesetDocument(entry.document, writer, measurer);
    if (writer.pages.length > maxPages) throw tooLong(maxPages);
  }
  const bodyPages = writer.pages.length;

  // The front matter goes before the body, once the body's page numbers are known.
  writer.insertAt(0);
  const cover = book.cover(contents.length);
  await typesetDocument({ title: cover.title, subtitle: cover.subtitle, metadata: book.metadata, blocks: cover.blocks }, writer, measurer);
  if (contents.length > 0) await typesetContents(open, book.contentsTitle ?? 'Contents', contents, bodyPages);
  writer.insertAt(undefined);
  if (writer.pages.length > maxPages) throw tooLong(maxPages);
  const pages = writer.pages.length;
  return { bytes: await closePdf(open, book.metadata, options), pages, entries: contents.length };
}

/**
 * One line per entry: date, title (cut to fit), leader dots, page number. The lines
 * are laid out first; the numbers are drawn once the front matter's own length, and
 * so every entry's page, is known.
 */
async function typesetContents(open: OpenPdf, heading: string, contents: readonly ContentsLine[], bodyPages: number): Promise<void> {
  const { writer, measurer, theme } = open;
  const style = theme.body;
  await typesetDocument({ title: heading, metadata: { title: heading }, blocks: [] }, writer, measurer);
  // Widths at 1 pt, like the measurer's.
  const width = writer.contentWidth / style.size;
  const gap = 2 * measurer.space.width;
  // Room for the widest page number the book can have (front matter: a cover, then at most a page per entry).
  const numberWidth = measurer.measure('0'.repeat(String(bodyPages + contents.length + 10).length)).width;
  const dates = contents.map((line) => oneLine(open, line.date, width * 0.4));
  const dateWidth = dates.reduce((widest, d) => Math.max(widest, d.width), 0);
  const titleX = dateWidth === 0 ? 0 : dateWidth + gap;
  const titleWidth = Math.max(width - titleX - numberWidth - 2 * gap, width * 0.2);
  const leader = measurer.measure(LEADER);
  const placed: Array<LinePosition & { start: number }> = [];
  for (const [i, line] of contents.entries()) {
    const title = oneLine(open, line.title, titleWidth);
    const dots = Math.floor((width - titleX - title.width - numberWidth - 2 * gap) / leader.width);
    const tokens = dots < 2 ? title.tokens : [...title.tokens, { word: measurer.measure(LEADER.repeat(dots)), spaceBefore: true }];
    const date = { runs: lineRuns(dates[i]!, measurer.space), x: 0 };
    placed.push({ ...writer.line(lineRuns({ tokens, width: 0 }, measurer.space), titleX * style.size, style, date), start: line.start });
    if (i % CONTENTS_SLICE === CONTENTS_SLICE - 1) await yieldToEventLoop();
  }
  writer.flush();
  // Every front page exists now: the body starts right after them.
  const front = writer.pages.length - bodyPages;
  let page = -1;
  for (const at of placed) {
    if (at.page !== page) writer.onPage((page = at.page));
    const number = measurer.measure(String(front + at.start + 1));
    writer.text(number.runs, theme.margin + writer.contentWidth - number.width * style.size, at.baseline, style);
  }
  writer.flush();
}
