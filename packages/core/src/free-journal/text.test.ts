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
