import { describe, expect, it } from 'vitest';
import { countWords, previewOf } from './text.js';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['I slept well, and woke early.', 6],
    ['Café naïve — “quotes” l’homme e-mail 3.14 don\'t', 7],
    ['👩🏽‍💻 🌻 — … !!!', 0],
    ['Ελληνικά Кириллица', 2],
    ['e\u0301te\u0301', 1],
  ])('counts %j as %i', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it('segments scripts written without spaces', () => {
    expect(countWords('日本語の文章')).toBeGreaterThan(1);
    expect(countWords('我喜欢写日记。今天很好。')).toBeGreaterThan(3);
    expect(countWords('ภาษาไทยง่ายนิดเดียว')).toBeGreaterThan(1);
  });

  it('counts long texts in every script', () => {
    expect(countWords('word '.repeat(40_000))).toBe(40_000);
    const cjk = countWords('日本語の文章'.repeat(30_000));
    expect(cjk).toBeGreaterThan(30_000);
  });
});

describe('previewOf', () => {
  it('keeps short text, collapsing white space', () => {
    expect(previewOf('  one\n\n two\tthree ')).toBe('one two three');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    const preview = previewOf('lorem ipsum '.repeat(50));
    expect(preview.length).toBeLessThanOrEqual(160);
    expect(preview.endsWith('ipsum…') || preview.endsWith('lorem…')).toBe(true);
  });
});

/** The regex formulation countWords is specified by: split at white space, then match words per token. */
function referenceCountWords(text: string): number {
  const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
  const word = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]+)*/gu;
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
  let count = 0;
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    if (!unspaced.test(token)) {
      count += token.match(word)?.length ?? 0;
      continue;
    }
    for (const piece of token.split(/(?<=[\p{P}\p{S}])/u)) {
      for (let start = 0; start < piece.length; start += 256) {
        for (const segment of segmenter.segment(piece.slice(start, start + 256))) if (segment.isWordLike === true) count++;
      }
    }
  }
  return count;
}

describe('countWords against its regex formulation', () => {
  // Pieces that meet at every kind of boundary: joiners, marks, surrogate pairs (and
  // lone halves), every white space, scripts with and without spaces.
  const pieces = [
    'a', 'Z', '7', 'é', 'e\u0301', 'ß', 'Ω', 'ж', 'ع', 'क्', '한', '𝒜', '𐐷', '😀', '👩🏽‍💻', '\uD800', '\uDC00',
    "'", '’', '.', '-', '--', ',', '!', '…', '—', '“', '”', '#', '_', '@', '%',
    ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u2028',
    '日本', 'の', 'カタ', '中文。', 'ไทย', 'ລາວ', 'ខ្មែរ', 'မြန်', '𠀀', '〇',
  ];
  // Deterministic pseudo-random numbers (mulberry32), so a failure reproduces.
  let seed = 20_261_201;
  const next = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  it('agrees on 3,000 random texts', () => {
    for (let n = 0; n < 3_000; n++) {
      let text = '';
      const length = 1 + Math.floor(next() * 24);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
      expect(countWords(text), JSON.stringify(text)).toBe(referenceCountWords(text));
    }
  });

  it('agrees on journal prose and on the edge cases above', () => {
    const prose = 'Woke early — made coffee; the café (downstairs) was still closed. l’homme e-mail 3.14 a..b a.-b -x- ';
    for (const text of [prose.repeat(40), 'word '.repeat(500), '日本語の文章 and English. '.repeat(50), 'x', ' x ', '.x.', "x''y"]) {
      expect(countWords(text)).toBe(referenceCountWords(text));
    }
  });
});
