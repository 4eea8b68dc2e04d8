import { DEJAVU_SANS_SUBSET_BASE64 } from './dejavu-sans-subset.js';

let decoded: Uint8Array | undefined;

/**
 * The font the renderer uses unless the host passes its own: a DejaVu Sans subset
 * (about 170 kB) covering Latin with its extensions (Vietnamese included), Greek,
 * Cyrillic, typographic punctuation, currency, arrows, common symbols and `□`.
 * Shipped as data inside the bundle so it works on every runtime; decoded once.
 * Licence: Bitstream Vera / Arev (`LICENSE-DejaVu.txt` next to the font module).
 *
 * @category PDF
 */
export function defaultPdfFont(): Uint8Array {
  if (decoded === undefined) {
    const binary = atob(DEJAVU_SANS_SUBSET_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    decoded = bytes;
  }
  return decoded;
}
