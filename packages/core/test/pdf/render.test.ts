import { readFileSync } from 'node:fs';
import { PDFFont, PDFPage } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JournalPdfDocument } from '../../src/pdf/document.js';
import { formatJournalDate } from '../../src/pdf/builders/dates.js';
import { freeJournalPdfDocument } from '../../src/pdf/builders/free-journal.js';
import { renderJournalPdf } from '../../src/pdf/render.js';
import { CJK_FONT_PATH, cjkFontMissing, pdfinfo, pdftotext, pdfWords, popplerMissing } from './poppler.js';

const CREATED = '2026-06-15T12:00:00Z';

function doc(content: string, title = 'A day'): JournalPdfDocument {
  return freeJournalPdfDocument({ title, createdAt: CREATED, content });
}

/** Body lines of pdftotext output: no footers, no empty lines. */
function bodyLines(text: string): string[] {
  return text
    .split(/[\n\f]/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^Page \d+ of \d+$/.test(l));
}

describe.skipIf(popplerMissing)('renderJournalPdf, read back with poppler', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes the title, the date line and the text in reading order, keeping line breaks', async () => {
    const content = 'First paragraph, first line\nsame paragraph, second line\n\nSecond paragraph.\n\n\n\nThird one.';
    const text = await pdftotext(await renderJournalPdf(doc(content, 'Sunday by the lake')));
    expect(bodyLines(text)).toEqual([
      'Sunday by the lake',
      formatJournalDate(new Date(CREATED)),
      'First paragraph, first line',
      'same paragraph, second line',
      'Second paragraph.',
      'Third one.',
    ]);
    expect(text.trim().endsWith('Page 1 of 1')).toBe(true);
  });

  it('keeps <, &, (, ), \\ and other PDF syntax characters exactly as written', async () => {
    const nasty = 'a < b && c > d (unbalanced ( and \\ backslash \\n %comment ) ] [ /Name #23 <<dict>> endstream';
    const bytes = await renderJournalPdf({
      title: `Title <&> (x) \\ ${nasty.slice(0, 10)}`,
      metadata: { title: `Meta <&> (x) \\`, author: 'O\'Brien & "Sons" (\\)' },
      blocks: [
        { kind: 'paragraph', text: nasty },
        { kind: 'item', label: 'Q <1> & (2)?', text: 'A \\ (3)' },
        { kind: 'list', items: ['<li>', '&amp;', ')('] },
      ],
    });
    const lines = bodyLines(await pdftotext(bytes));
    expect(lines[0]).toBe('Title <&> (x) \\ a < b && c');
    expect(lines.join(' ')).toContain(nasty);
    expect(lines).toEqual(expect.arrayContaining(['Q <1> & (2)?', 'A \\ (3)', '• <li>', '• &amp;', '• )(']));
    const info = await pdfinfo(bytes);
    expect(info.Title).toBe('Meta <&> (x) \\');
    expect(info.Author).toBe('O\'Brien & "Sons" (\\)');
  });

  it('renders accents, typographic punctuation, Greek and Cyrillic, composing decomposed input', async () => {
    const samples = [
      'Grüße aus Köln — „Anführungszeichen“ … naïve café, Ærøskøbing, Łódź, Dvořák',
      '“Curly quotes” ‘single’ «guillemets» – en dash • bullet € 42 № 7 ™',
      'Ελληνικά: Καλημέρα κόσμε, ψυχή',
      'Русский: Съешь же ещё этих мягких французских булок',
      'Українська: ґанок, їжак, єнот',
      'Tiếng Việt: Xin chào thế giới',
    ];
    const decomposed = samples.map((s) => s.normalize('NFD')).join('\n');
    const lines = bodyLines(await pdftotext(await renderJournalPdf(doc(decomposed))));
    expect(lines.slice(2)).toEqual(samples);
  });

  it('replaces characters no font has with one visible box per emoji, never failing', async () => {
    const lines = bodyLines(await pdftotext(await renderJournalPdf(doc('Feeling 😀 today 👍🏽 with 👨‍👩‍👧 and 🇫🇷!\n𓀀 hieroglyph'))));
    expect(lines.slice(2)).toEqual(['Feeling □ today □ with □ and □!', '□ hieroglyph']);
  });

  it('replaces CJK with boxes when no CJK font is given', async () => {
    const lines = bodyLines(await pdftotext(await renderJournalPdf(doc('中文 ok'))));
    expect(lines[2]).toBe('□□ ok');
  });

  it.skipIf(cjkFontMissing)('renders Chinese, Japanese and Korean with a CJK fallback font from the host', async () => {
    const cjk = { bytes: readFileSync(CJK_FONT_PATH) };
    const content = '今天天气很好，我们去公园散步。\n日本語のテキスト：ひらがな、カタカナ。\n한국어 문장입니다.\nMixed: Pauz 日记 (diary) & Ελληνικά';
    const bytes = await renderJournalPdf(doc(content, '日记 — journal'), { fallbackFonts: [cjk] });
    const lines = bodyLines(await pdftotext(bytes));
    expect(lines[0]).toBe('日记 — journal');
    expect(lines.slice(2)).toEqual(content.split('\n'));
  });

  it('wraps within the margins, breaks pages, numbers them and loses no word over 100 pages', async () => {
    const vocabulary = ['morning', 'light', 'coffee', 'walked', 'the', 'river', 'quietly', 'grateful', 'for', 'small', 'things'];
    const words: string[] = [];
    const paragraphs: string[] = [];
    for (let p = 0; p < 440; p++) {
      const paragraph: string[] = [];
      for (let w = 0; w < 130; w++) {
        const word = w === 0 ? `§${p + 1}` : vocabulary[(p * 7 + w * 3) % vocabulary.length]!;
        paragraph.push(word);
        words.push(word);
      }
      paragraphs.push(paragraph.join(' '));
    }
    paragraphs.push('x'.repeat(300));
    words.push('x'.repeat(300));
    const bytes = await renderJournalPdf(doc(paragraphs.join('\n\n'), 'Long'));
    const info = await pdfinfo(bytes);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(100);
    const text = await pdftotext(bytes);
    const pageTexts = text.split('\f').filter((t) => t.trim() !== '');
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((page, i) => expect(page.trim().split('\n').at(-1)).toBe(`Page ${i + 1} of ${pages}`));
    // Every word, in order; the over-long word comes back in line-sized pieces.
    const read = bodyLines(text).slice(2).join(' ').split(' ');
    const longPieces = read.filter((w) => /^x+$/.test(w));
    expect(longPieces.length).toBeGreaterThan(2);
    expect(longPieces.join('')).toBe('x'.repeat(300));
    expect(read.filter((w) => !/^x+$/.test(w))).toEqual(words.slice(0, -1));
    for (const word of await pdfWords(bytes)) {
      expect(word.xMin).toBeGreaterThanOrEqual(63.5);
      expect(word.xMax).toBeLessThanOrEqual(595.28 - 63.5);
      if (!/^Page|^\d+$|^of$/.test(word.text)) expect(word.yMax).toBeLessThanOrEqual(841.89 - 63.5);
    }
  });

  it('writes document metadata', async () => {
    const bytes = await renderJournalPdf({
      title: 'Shown title',
      metadata: {
        title: 'Zoë’s journal – June',
        author: 'Zoë Ünal',
        subject: 'Free journal',
        keywords: ['calm', 'lake'],
        language: 'en',
        creationDate: new Date('2026-06-15T12:00:00Z'),
        modificationDate: new Date('2026-06-16T08:30:00Z'),
      },
      blocks: [],
    });
    const info = await pdfinfo(bytes);
    expect(info).toMatchObject({
      Title: 'Zoë’s journal – June',
      Author: 'Zoë Ünal',
      Subject: 'Free journal',
      Keywords: 'calm lake',
      Creator: 'Pauz',
      Producer: 'Pauz (pdf-lib)',
      CreationDate: '2026-06-15T12:00:00Z',
      ModDate: '2026-06-16T08:30:00Z',
      Pages: '1',
    });
  });

  it('honours page size, body size and the page label', async () => {
    const bytes = await renderJournalPdf(doc('Text '.repeat(2000)), {
      pageSize: 'Letter',
      fontSize: 14,
      margin: 48,
      pageLabel: (page, count) => `Seite ${page} von ${count}`,
    });
    const info = await pdfinfo(bytes);
    expect(info['Page size']).toMatch(/^612 x 792 pts/);
    const text = await pdftotext(bytes);
    expect(text).toContain(`Seite 1 von ${info.Pages}`);
    expect(text).not.toContain('Page 1');
  });

  it('encodes each distinct character once and never draws text through pdf-lib’s per-call API', async () => {
    const encode = vi.spyOn(PDFFont.prototype, 'encodeText');
    const measure = vi.spyOn(PDFFont.prototype, 'widthOfTextAtSize');
    const drawText = vi.spyOn(PDFPage.prototype, 'drawText');
    const content = Array.from({ length: 300 }, (_, i) => `Paragraph ${i}: the same few words again and again, journal.`).join('\n\n');
    await renderJournalPdf(doc(content));
    const distinct = new Set(`A day Monday 15 June 2026 Page of ${content}□?•`.replace(/\s/g, '')).size + 1;
    expect(encode.mock.calls.length).toBeLessThanOrEqual(distinct);
    expect(measure.mock.calls.length).toBeLessThanOrEqual(distinct);
    expect(drawText).not.toHaveBeenCalled();
  });
});
