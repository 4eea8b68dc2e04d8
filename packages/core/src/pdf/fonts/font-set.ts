import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { PauzError } from '../../errors.js';

/**
 * A font the host hands to the renderer: TrueType-outline bytes (`.ttf`, or a `.ttc`
 * collection with the face to use). Chinese, Japanese and Korean need such a font as
 * a fallback; on Debian `fonts-wqy-microhei` installs one (tested). OpenType fonts
 * with CID-keyed CFF outlines (Noto Sans CJK / Source Han `.otf`/`.ttc`) are refused:
 * pdf-lib's subsetter writes them broken. Pass the same `bytes` object on every
 * render and the parsed font is reused.
 *
 * @category PDF
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/pdf/fonts/font-set.ts}
 */
export interface PdfFontSource {
  /** The font file's bytes. */
  bytes: Uint8Array;
  /** For a collection: the PostScript name of the face; default its first face. */
  postscriptName?: string;
}

/** The part of a fontkit font the renderer reads. */
interface FontkitFace {
  postscriptName: string | null;
  hasGlyphForCodePoint(codePoint: number): boolean;
  createSubset(): unknown;
}

/** The internals of fontkit's TrueType subsetter that {@link padGlyphData} adjusts. */
interface TrueTypeSubsetInternals {
  _addGlyph(glyphId: number): number;
  glyf: Uint8Array[];
  offset: number;
}

/**
 * fontkit's TrueType subsetter (used by pdf-lib) picks 16-bit `loca` offsets for
 * small subsets but does not pad glyph data to even lengths, so a font whose glyphs
 * have odd lengths (common with long `loca` offsets) comes out with shifted, broken
 * outlines: text extracts fine but prints as blanks. Padding each glyph to an even
 * length as it is added keeps every offset exact. Only applied when the subsetter
 * has the expected shape (CFF subsets have no `glyf` and are left alone).
 */
function padGlyphData(face: FontkitFace): void {
  const createSubset = face.createSubset.bind(face);
  face.createSubset = () => {
    const subset = createSubset() as Partial<TrueTypeSubsetInternals>;
    const addGlyph = subset._addGlyph;
    if (typeof addGlyph !== 'function') return subset;
    subset._addGlyph = function (this: TrueTypeSubsetInternals, glyphId: number): number {
      const index = addGlyph.call(this, glyphId);
      const data = this.glyf[index];
      // The padded copy must be of the subsetter's own Buffer class: its streams refuse
      // plain Uint8Arrays.
      const BufferClass = data?.constructor as { alloc?: (size: number) => Uint8Array } | undefined;
      if (data !== undefined && data.length % 2 === 1 && typeof BufferClass?.alloc === 'function') {
        const padded = BufferClass.alloc(data.length + 1);
        padded.set(data);
        this.glyf[index] = padded;
        this.offset += 1;
      }
      return index;
    };
    return subset;
  };
}

interface FontkitCollection {
  fonts: FontkitFace[];
  getFont(postscriptName: string): FontkitFace | null;
}

/** One placed character: which font, its glyph id(s) as hex, its advance at 1 pt. */
export interface GlyphCell {
  font: number;
  hex: string;
  width: number;
}

// Parsing is lazy in fontkit but not free; a font's parsed form is immutable for our
// purposes (each document gets its own subset), so it is shared across renders.
const parsedFaces = new WeakMap<Uint8Array, Map<string, FontkitFace>>();

function parseFace(source: PdfFontSource, index: number): FontkitFace {
  const faceKey = source.postscriptName ?? '';
  let faces = parsedFaces.get(source.bytes);
  const cached = faces?.get(faceKey);
  if (cached !== undefined) return cached;
  let parsed: FontkitFace | FontkitCollection;
  try {
    parsed = fontkit.create(source.bytes) as unknown as FontkitFace | FontkitCollection;
  } catch (error) {
    throw new PauzError('VALIDATION_FAILED', `PDF font #${index + 1} is not a TrueType/OpenType font`, { cause: error });
  }
  let face: FontkitFace | null | undefined;
  if ('fonts' in parsed) {
    face = source.postscriptName === undefined ? parsed.fonts[0] : parsed.getFont(source.postscriptName);
    if (face === null || face === undefined) {
      const names = parsed.fonts.map((f) => f.postscriptName).join(', ');
      throw new PauzError('VALIDATION_FAILED', `PDF font #${index + 1} has no face "${source.postscriptName}" (faces: ${names})`);
    }
  } else {
    face = parsed;
  }
  // fontkit's CFF subsetter writes an invalid font for CID-keyed CFF (Noto Sans CJK,
  // Source Han as .otf/.ttc): text would extract but print blank. Refuse it up front.
  if ((face as { 'CFF '?: { isCIDFont?: boolean } })['CFF ']?.isCIDFont === true) {
    throw new PauzError(
      'VALIDATION_FAILED',
      `PDF font #${index + 1} (${face.postscriptName ?? 'unnamed'}) has CID-keyed CFF outlines, which the PDF font subsetter cannot embed; use a TrueType-outline font (.ttf/.ttc with glyf), for example WenQuanYi Micro Hei from fonts-wqy-microhei`,
    );
  }
  padGlyphData(face);
  if (faces === undefined) {
    faces = new Map();
    parsedFaces.set(source.bytes, faces);
  }
  faces.set(faceKey, face);
  return face;
}

/**
 * The fonts of one document, in priority order, with a per-document cache from code
 * point to placed glyph. Glyph ids in a subset are assigned on first use, so the
 * cache cannot outlive the document; widths come from the same call, so measuring
 * and drawing always agree.
 */
export class PdfFontSet {
  readonly fonts: readonly PDFFont[];
  private readonly faces: readonly FontkitFace[];
  private readonly cells = new Map<number, GlyphCell | null>();

  private constructor(fonts: PDFFont[], faces: FontkitFace[]) {
    this.fonts = fonts;
    this.faces = faces;
  }

  /** Embeds every source (as a subset) into `doc`, in priority order. */
  static async embed(doc: PDFDocument, sources: readonly PdfFontSource[]): Promise<PdfFontSet> {
    const fonts: PDFFont[] = [];
    const faces: FontkitFace[] = [];
    for (const [index, source] of sources.entries()) {
      const face = parseFace(source, index);
      // pdf-lib parses the bytes it is given with the registered fontkit; hand it the
      // face already parsed (this also selects the right face of a collection).
      doc.registerFontkit({ create: () => face as never });
      fonts.push(await doc.embedFont(source.bytes, { subset: true }));
      faces.push(face);
    }
    return new PdfFontSet(fonts, faces);
  }

  /** The glyph for `codePoint` from the first font that has one, or null. */
  cell(codePoint: number): GlyphCell | null {
    const known = this.cells.get(codePoint);
    if (known !== undefined) return known;
    let found: GlyphCell | null = null;
    for (let i = 0; i < this.faces.length; i++) {
      if (this.faces[i]!.hasGlyphForCodePoint(codePoint)) {
        const font = this.fonts[i]!;
        const char = String.fromCodePoint(codePoint);
        found = { font: i, hex: font.encodeText(char).asString(), width: font.widthOfTextAtSize(char, 1) };
        break;
      }
    }
    this.cells.set(codePoint, found);
    return found;
  }
}
