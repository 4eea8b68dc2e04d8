import { existsSync, readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/runtime.js';
import { defaultPdfFont } from '../../src/pdf/fonts/default-font.js';
import { DEJAVU_SANS_SUBSET_SHA256 } from '../../src/pdf/fonts/dejavu-sans-subset.js';
import { freeJournalPdfDocument } from '../../src/pdf/builders/free-journal.js';
import { renderJournalPdf } from '../../src/pdf/render.js';
import { expectPauzError } from '../../src/testing/index.js';
import { brokenGlyphs, embeddedFonts } from './embedded-fonts.js';
import { CJK_FONT_PATH, cjkFontMissing } from './poppler.js';

// Optional (fonts-noto-cjk is a 56 MB package): a CID-keyed CFF collection.
const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** Samples of every script the default font promises. */
const PROMISED = {
  latin: 'The quick brown fox jumps over the lazy dog 0123456789',
  accents: 'Grüße, Ærøskøbing, façade, naïve, Łódź, Dvořák, İstanbul, Ağaoğlu, São Tomé, Tiếng Việt',
  punctuation: '“quotes” ‘single’ «guillemets» — – … • ‰ † ‡ € £ ¥ ₹ № ™ © ® ° ± × ÷ ≤ ≥ ≠ → ←',
  greek: 'Ελληνικά: αβγδεζηθικλμνξοπρστυφχψω ΑΒΓΔ ἀρχή',
  cyrillic: 'Русский, українська, српски, български: ЁЖЗИЙЫЭЮЯ ёжзийыэюя ґєії ђјљњћџ',
  symbols: '□ ■ ● ○ ★ ☆ ☺ ♥ ✓ ✔',
};

describe('the bundled default font', () => {
  it('is the generated DejaVu Sans subset, with its licence next to it', async () => {
    const bytes = await defaultPdfFont();
    expect(await defaultPdfFont()).toBe(bytes);
    expect(toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))))).toBe(DEJAVU_SANS_SUBSET_SHA256);
    expect(bytes.byteLength).toBeLessThan(200_000);
    const licence = readFileSync(new URL('../../src/pdf/fonts/LICENSE-DejaVu.txt', import.meta.url), 'utf8');
    expect(licence).toContain('Bitstream Vera Fonts Copyright');
    expect(licence).toContain('Arev Fonts Copyright');
  });

  it.each(Object.entries(PROMISED))('covers %s', async (_, sample) => {
    const font = fontkit.create(await defaultPdfFont());
    const missing = Array.from(sample.replace(/\s/g, '')).filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
    expect(missing).toEqual([]);
  });
});

describe('embedded font subsets', () => {
  const render = (fonts: Parameters<typeof renderJournalPdf>[1]): Promise<Uint8Array> =>
    renderJournalPdf(
      freeJournalPdfDocument({
        title: 'Glyphs',
        createdAt: '2026-06-15T12:00:00Z',
        content: `${Object.values(PROMISED).join('\n')}\n中文 日本語 한국어`,
      }),
      fonts,
    );

  it('keep every glyph of the default font intact', async () => {
    const fonts = await embeddedFonts(await render({}));
    expect(fonts).toHaveLength(1);
    expect(fonts[0]!.name).toMatch(/DejaVuSans/);
    expect(brokenGlyphs(fonts[0]!.program)).toEqual([]);
  });

  it('keep glyphs intact for a host font with odd-length glyph data', async () => {
    const fixture = readFileSync(new URL('./fixtures/odd-glyphs.ttf', import.meta.url));
    const fonts = await embeddedFonts(await render({ font: { bytes: fixture } }));
    expect(fonts.map((f) => f.name)).toEqual([expect.stringMatching(/DejaVuSans/)]);
    expect(brokenGlyphs(fonts[0]!.program)).toEqual([]);
  });

  it.skipIf(cjkFontMissing)('keep glyphs intact for a CJK collection face', async () => {
    const cjk = { bytes: readFileSync(CJK_FONT_PATH) };
    const fonts = await embeddedFonts(await render({ fallbackFonts: [cjk] }));
    expect(fonts).toHaveLength(2);
    for (const font of fonts) expect(brokenGlyphs(font.program)).toEqual([]);
  });

  it('refuses bytes that are not a font, and an unknown collection face', async () => {
    await expectPauzError(render({ font: { bytes: new TextEncoder().encode('not a font at all') } }), 'VALIDATION_FAILED');
    if (cjkFontMissing) return;
    const error = await expectPauzError(render({ fallbackFonts: [{ bytes: readFileSync(CJK_FONT_PATH), postscriptName: 'NoSuchFace' }] }), 'VALIDATION_FAILED');
    expect(error.message).toMatch(/no face "NoSuchFace" \(faces: .+\)/);
  });

  it.skipIf(!existsSync(NOTO_CJK))('refuses CID-keyed CFF fonts, whose subsets would print blank', async () => {
    const error = await expectPauzError(render({ fallbackFonts: [{ bytes: readFileSync(NOTO_CJK) }] }), 'VALIDATION_FAILED');
    expect(error.message).toMatch(/CID-keyed CFF outlines.*TrueType-outline font/);
  });
});
