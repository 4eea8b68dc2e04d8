import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPdfFont } from '../fonts/default-font.js';
import { PdfFontSet } from '../fonts/font-set.js';
import { breakLines, lineRuns, splitCjk } from './line-breaking.js';
import { WordMeasurer } from './measure.js';
import { normalizeText } from './normalize.js';

let measurer: WordMeasurer;
let fonts: PdfFontSet;
beforeAll(async () => {
  fonts = await PdfFontSet.embed(await PDFDocument.create(), [{ bytes: await defaultPdfFont() }]);
  measurer = new WordMeasurer(fonts, ['□', '?']);
});

const BOX = (): string => fonts.cell(0x25a1)!.hex;
const hexOf = (text: string): string => Array.from(text, (c) => fonts.cell(c.codePointAt(0)!)!.hex).join('');
const textOf = (line: { tokens: Array<{ word: { runs: Array<{ hex: string }> }; spaceBefore: boolean }> }): string =>
  line.tokens.map((t, i) => (i > 0 && t.spaceBefore ? hexOf(' ') : '') + t.word.runs.map((r) => r.hex).join('')).join('');

describe('normalizeText', () => {
  it('composes, unifies line breaks, turns tabs into spaces and drops control characters', () => {
    expect(normalizeText('Cafe\u0301\r\nline\rnext\u2028x\ty\u0000z\u0007')).toBe('Café\nline\nnext\nx yz');
    expect(normalizeText('<&>()\\ %')).toBe('<&>()\\ %');
  });
});

describe('WordMeasurer', () => {
  it('measures a word once and returns the same object after', () => {
    const first = measurer.measure('journal');
    expect(measurer.measure('journal')).toBe(first);
    expect(first.width).toBeCloseTo(Array.from('journal').reduce((w, c) => w + fonts.cell(c.codePointAt(0)!)!.width, 0), 6);
    expect(first.runs).toEqual([{ font: 0, hex: hexOf('journal') }]);
  });

  it('replaces each emoji, with its modifiers and joiners, by one box', () => {
    const cases: Array<[string, string]> = [
      ['a👍b', `a${'\u25a1'}b`],
      ['👍🏽', '\u25a1'],
      ['👨‍👩‍👧‍👦!', '\u25a1!'],
      ['🇫🇷🇩🇪', '\u25a1\u25a1'],
      ['❤️', '\u25a1'],
      ['☺️', '☺'],
      ['zero\u200bwidth\u00adsoft', 'zerowidthsoft'],
    ];
    for (const [input, expected] of cases) {
      const hex = measurer.measure(input).runs.map((r) => r.hex).join('');
      expect(hex, input).toBe(Array.from(expected, (c) => (c === '\u25a1' ? BOX() : hexOf(c))).join(''));
    }
  });
});

describe('splitCjk', () => {
  it('leaves other scripts whole and breaks between ideographs, keeping punctuation attached', () => {
    expect(splitCjk('hello-world')).toEqual(['hello-world']);
    expect(splitCjk('中文测试')).toEqual(['中', '文', '测', '试']);
    expect(splitCjk('你好，世界。')).toEqual(['你', '好，', '世', '界。']);
    expect(splitCjk('「日本」語')).toEqual(['「日', '本」', '語']);
    expect(splitCjk('Pauz是')).toEqual(['Pauz', '是']);
  });
});

describe('breakLines', () => {
  it('fills lines greedily, keeps hard breaks and blank lines', () => {
    const space = measurer.space.width;
    const w = (s: string): number => measurer.measure(s).width;
    const max = w('aaa') + space + w('bbb') + 0.001;
    const lines = breakLines('aaa bbb ccc\n\nddd', max, measurer);
    expect(lines.map(textOf)).toEqual([hexOf('aaa bbb'), hexOf('ccc'), '', hexOf('ddd')]);
    expect(lines[0]!.width).toBeCloseTo(max - 0.001, 6);
  });

  it('cuts a word longer than the line into pieces that fit', () => {
    const max = measurer.measure('x').width * 10;
    const lines = breakLines(`${'x'.repeat(25)} y`, max, measurer);
    expect(lines.map(textOf)).toEqual([hexOf('x'.repeat(10)), hexOf('x'.repeat(10)), hexOf('xxxxx y')]);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(max + 1e-9);
  });

  it('merges the runs of a line per font, spaces included', () => {
    const [line] = breakLines('two words', 1000, measurer);
    expect(lineRuns(line!, measurer.space)).toEqual([{ font: 0, hex: hexOf('two words') }]);
  });
});
