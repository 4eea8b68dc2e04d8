import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

interface CheckedGlyph {
  id: number;
  cbox: { minX: number; minY: number; maxX: number; maxY: number };
  path: { commands: unknown[]; cbox: { minX: number; minY: number; maxX: number; maxY: number } };
}

/** Font programs embedded in a PDF (FontFile2 = TrueType), with their BaseFont names. */
export async function embeddedFonts(bytes: Uint8Array): Promise<Array<{ name: string; program: Uint8Array }>> {
  const pdf = await PDFDocument.load(bytes);
  const fonts = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const ref = object.get(PDFName.of('FontFile2'));
    if (!(ref instanceof PDFRef)) continue;
    const stream = pdf.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) throw new Error('FontFile2 is not a stream');
    const name = String(object.get(PDFName.of('FontName')));
    fonts.push({ name, program: decodePDFRawStream(stream).decode() });
  }
  return fonts;
}

/**
 * Glyphs of an embedded TrueType program whose outline does not match the bounding
 * box in its own header — what a corrupted subset (shifted `loca` offsets) looks
 * like. Text still extracts from such a PDF, but prints as blanks or garbage.
 */
export function brokenGlyphs(program: Uint8Array): number[] {
  const font = fontkit.create(program);
  const broken: number[] = [];
  for (let id = 0; id < font.numGlyphs; id++) {
    try {
      const glyph = font.getGlyph(id) as unknown as CheckedGlyph;
      if (glyph.path.commands.length === 0) continue;
      const a = glyph.cbox;
      const b = glyph.path.cbox;
      if (a.minX !== b.minX || a.minY !== b.minY || a.maxX !== b.maxX || a.maxY !== b.maxY) broken.push(id);
    } catch {
      broken.push(id);
    }
  }
  return broken;
}
