import { describe, expect, it } from 'vitest';
import { queryWords, searchFoldText, searchTokens } from './normalize.js';
import { SNIPPET_CHARS, snippetOf } from './snippet.js';
import { tsvectorLiteral } from './index-rows.js';

describe('the search normalizer', () => {
  it('folds case, accents, ligatures and width the same way for every script', () => {
    expect(searchTokens('Café CAFÉ cafe\u0301')).toEqual(['cafe', 'cafe', 'cafe']);
    expect(searchTokens('Straße STRASSE ﬁne ＡＢＣ')).toEqual(['strasse', 'strasse', 'fine', 'abc']);
    expect(searchTokens('ΟΔΟΣ οδός')).toEqual(['οδοσ', 'οδοσ']);
    expect(searchTokens('İstanbul ISTANBUL ılık')).toEqual(['istanbul', 'istanbul', 'ilik']);
    expect(searchTokens('Ёлка ЁЛКА')).toEqual(['елка', 'елка']);
    expect(searchTokens('Łódź Øre')).toEqual(['lodz', 'ore']);
  });

  it('splits Chinese, Japanese, Korean and Thai into characters, keeping voiced kana and Hangul syllables whole', () => {
    expect(searchTokens('東京タワー')).toEqual(['東', '京', 'タ', 'ワ', 'ー']);
    expect(searchTokens('ガス ｶﾞｽ')).toEqual(['ガ', 'ス', 'ガ', 'ス']);
    expect(searchTokens('서울에서')).toEqual(['서', '울', '에', '서']);
    expect(searchTokens('東京tower')).toEqual(['東', '京', 'tower']);
  });

  it('keeps the marks of Indic scripts as part of their words', () => {
    expect(searchTokens('किताब पढ़ी')).toEqual(['किताब', 'पढ़ी'.normalize('NFC')]);
  });

  it('turns a query into distinct words of plain tokens, no syntax surviving', () => {
    expect(queryWords('"AND" OR * NEAR(a b) c:d \' \\ 東京')).toEqual([['and'], ['or'], ['near'], ['a'], ['b'], ['c'], ['d'], ['東', '京']]);
    expect(queryWords('" * ( ) : ^')).toEqual([]);
    expect(queryWords('cafe Café CAFE')).toEqual([['cafe']]);
    expect(searchFoldText('ÉTÉ')).toBe('ete');
  });

  it('writes tsvector literals of the tokens as they are, title weighted A', () => {
    expect(tsvectorLiteral(['a', 'b'], ['b', 'c'])).toBe("'a':1A 'b':2A,4B 'c':5B");
  });

  it('cuts snippets to 240 characters around the first match, accent-insensitively', () => {
    const long = `${'word '.repeat(100)}the Café is here ${'tail '.repeat(100)}`;
    const snippet = snippetOf(long, [['cafe']]);
    expect(snippet.length).toBeLessThanOrEqual(SNIPPET_CHARS);
    expect(snippet).toContain('Café');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippetOf('short text', [['absent']])).toBe('short text');
    expect(snippetOf('東京タワーに行きました', [['東', '京']])).toBe('東京タワーに行きました');
  });
});
