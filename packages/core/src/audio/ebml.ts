/**
 * Just enough EBML (the format under WebM and Matroska) to read the DocType of a
 * file's EBML header.
 */

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3] as const;
const DOCTYPE_ID = 0x4282;

interface Vint {
  /** Bytes the number occupies. */
  length: number;
  /** The value; with `keepMarker` the raw bytes as a number (how element ids are written). */
  value: number;
  /** All value bits set: "unknown size". */
  unknown: boolean;
}

function readVint(bytes: Uint8Array, offset: number, keepMarker: boolean): Vint | null {
  const first = bytes[offset];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23; // 1 for 0b1xxxxxxx … 8 for 0b00000001
  if (offset + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let i = 1; i < length; i++) {
    const byte = bytes[offset + i] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { length, value, unknown: !keepMarker && allOnes };
}

/**
 * The DocType (`webm`, `matroska`, …) of an EBML file, or `null` when `bytes` do not
 * start with a complete EBML header that names one.
 */
export function ebmlDocType(bytes: Uint8Array): string | null {
  if (!EBML_MAGIC.every((b, i) => bytes[i] === b)) return null;
  const headerSize = readVint(bytes, EBML_MAGIC.length, false);
  if (headerSize === null || headerSize.unknown) return null;
  let offset = EBML_MAGIC.length + headerSize.length;
  const end = offset + headerSize.value;
  if (end > bytes.length) return null;
  while (offset < end) {
    const id = readVint(bytes, offset, true);
    if (id === null) return null;
    const size = readVint(bytes, offset + id.length, false);
    if (size === null || size.unknown) return null;
    const dataStart = offset + id.length + size.length;
    const dataEnd = dataStart + size.value;
    if (dataEnd > end) return null;
    if (id.value === DOCTYPE_ID) {
      let text = '';
      for (let i = dataStart; i < dataEnd; i++) {
        const byte = bytes[i] ?? 0;
        if (byte === 0) break;
        text += String.fromCharCode(byte);
      }
      return text;
    }
    offset = dataEnd;
  }
  return null;
}
