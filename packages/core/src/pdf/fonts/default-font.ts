let decoded: Promise<Uint8Array> | undefined;

/**
 * The font the renderer uses unless the host passes its own: a DejaVu Sans subset
 * (about 170 kB) covering Latin with its extensions (Vietnamese included), Greek,
 * Cyrillic, typographic punctuation, currency, arrows, common symbols and `□`.
 * Shipped as data inside the bundle so it works on every runtime, and loaded (a
 * 230 kB module) and decoded on the first call only: a server that never renders a
 * PDF never reads it. Later calls return the same bytes.
 * Licence: Bitstream Vera / Arev (`LICENSE-DejaVu.txt` next to the font module).
 *
 * @category PDF
 */
export function defaultPdfFont(): Promise<Uint8Array> {
  decoded ??= import('./dejavu-sans-subset.js').then(({ DEJAVU_SANS_SUBSET_BASE64 }) => {
    const binary = atob(DEJAVU_SANS_SUBSET_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  });
  return decoded;
}
