import { ebmlDocType } from './ebml.js';
import { ACCEPTED_AUDIO_FAMILIES, audioFamilyOf, essenceOf, type SniffedAudioType } from './formats.js';
import { adtsFrameLength, isFrameRun, mpegFrameLength, startsWithAscii } from './frames.js';

/** How far past an ID3 tag to look for the first MP3 frame (encoders pad with zeros). */
const ID3_PADDING_SCAN = 4096;

/**
 * Recognises an audio file by its leading bytes: WAV (`RIFF…WAVE`), MP3 (ID3 tag or
 * MPEG frames), MP4/M4A (`ftyp` box), AAC (ADTS frames), FLAC (`fLaC`), Ogg
 * (`OggS`; Opus when the first packet is `OpusHead`) and WebM/Matroska (EBML header
 * DocType). Returns the canonical content type, or `null` for anything else —
 * including truncated headers.
 *
 * @category Domain
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/audio/sniff.ts}
 */
export function sniffAudioType(bytes: Uint8Array): SniffedAudioType | null {
  if (startsWithAscii(bytes, 0, 'ID3')) return sniffAfterId3(bytes);
  if (isWav(bytes)) return 'audio/wav';
  if (isFlac(bytes)) return 'audio/flac';
  if (startsWithAscii(bytes, 0, 'OggS')) return oggType(bytes);
  if (startsWithAscii(bytes, 4, 'ftyp')) return isAudioMp4(bytes) ? 'audio/mp4' : null;
  if (bytes[0] === 0x1a) {
    const docType = ebmlDocType(bytes);
    if (docType === 'webm') return 'audio/webm';
    if (docType === 'matroska') return 'audio/x-matroska';
    return null;
  }
  if (bytes[0] === 0xff) {
    if (isFrameRun(bytes, 0, adtsFrameLength)) return 'audio/aac';
    if (isFrameRun(bytes, 0, mpegFrameLength)) return 'audio/mpeg';
  }
  return null;
}

/**
 * Whether an upload may be stored as a recording: its bytes must be a format Pauz
 * accepts (wav, mp3, mp4/m4a/aac, flac, ogg/opus, webm), and the declared type must
 * agree with them — any type of the same family (`audio/x-m4a` for MP4 bytes,
 * `video/webm` for WebM), or `application/octet-stream` / none when the client
 * did not know.
 *
 * @category Domain
 *
 * @param declared - the content type the client sent, parameters allowed.
 * @param sniffed - the result of {@link sniffAudioType}.
 */
export function isAcceptableAudio(declared: string | null | undefined, sniffed: string | null): boolean {
  const family = audioFamilyOf(sniffed);
  if (family === null || !ACCEPTED_AUDIO_FAMILIES.includes(family)) return false;
  const essence = declared === null || declared === undefined ? '' : essenceOf(declared);
  if (essence === '' || essence === 'application/octet-stream') return true;
  return audioFamilyOf(essence) === family;
}

function sniffAfterId3(bytes: Uint8Array): SniffedAudioType | null {
  // ID3v2: "ID3", major version 2–4, revision, flags, 4-byte syncsafe size.
  const major = bytes[3] ?? 0;
  if (bytes.length < 10 || major < 2 || major > 4 || bytes[4] === 0xff) return null;
  let size = 0;
  for (let i = 6; i < 10; i++) {
    const b = bytes[i] ?? 0xff;
    if (b >= 0x80) return null;
    size = size * 128 + b;
  }
  const footer = ((bytes[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  const end = 10 + size + footer;
  if (end >= bytes.length) return null;
  const rest = bytes.subarray(end);
  const inner = sniffAudioType(rest);
  if (inner !== null) return inner;
  const limit = Math.min(rest.length, ID3_PADDING_SCAN);
  for (let i = 0; i < limit; i++) {
    if (rest[i] === 0xff && isFrameRun(rest, i, mpegFrameLength)) return 'audio/mpeg';
  }
  return null;
}

function readUint32(bytes: Uint8Array, offset: number, littleEndian: boolean): number | null {
  if (offset + 4 > bytes.length) return null;
  return new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0, littleEndian);
}

/** RIFF/RF64/BW64 + WAVE with a complete `fmt ` chunk among the first chunks. */
function isWav(bytes: Uint8Array): boolean {
  const riff = ['RIFF', 'RF64', 'BW64'].some((magic) => startsWithAscii(bytes, 0, magic));
  if (!riff || !startsWithAscii(bytes, 8, 'WAVE')) return false;
  let offset = 12;
  for (let chunk = 0; chunk < 16; chunk++) {
    const size = readUint32(bytes, offset + 4, true);
    if (size === null) return false;
    if (startsWithAscii(bytes, offset, 'fmt ')) return size >= 16 && offset + 8 + size <= bytes.length;
    offset += 8 + size + (size % 2);
  }
  return false;
}

/** `fLaC` followed by a complete STREAMINFO block (type 0, 34 bytes). */
function isFlac(bytes: Uint8Array): boolean {
  if (!startsWithAscii(bytes, 0, 'fLaC') || bytes.length < 42) return false;
  const blockType = (bytes[4] ?? 0) & 0x7f;
  const length = ((bytes[5] ?? 0) << 16) | ((bytes[6] ?? 0) << 8) | (bytes[7] ?? 0);
  return blockType === 0 && length === 34;
}

/** The first Ogg page's first packet says which codec the stream holds. */
function oggType(bytes: Uint8Array): SniffedAudioType | null {
  if (bytes[4] !== 0 || bytes.length < 27) return null;
  const packet = 27 + (bytes[26] ?? 0);
  if (startsWithAscii(bytes, packet, 'OpusHead')) return 'audio/opus';
  const audioCodecs = ['\x01vorbis', '\x7fFLAC', 'Speex   '];
  return audioCodecs.some((magic) => startsWithAscii(bytes, packet, magic)) ? 'audio/ogg' : null;
}

const IMAGE_BRANDS = /^(?:heic|heix|hevc|hevx|heim|heis|mif1|msf1|miaf|avif|avis|crx )$/;
const MEDIA_BRANDS = /^(?:iso[\d\w]|mp4[12]|mp71|M4[ABPV] |3g[p2g][\w\d]|avc1|dash|qt {2}|f4[av] |MSNV|XAVC|mmp4|isml|piff)$/;

/** An ISO-BMFF `ftyp` box naming an MP4/M4A/3GP/QuickTime brand, followed by another box. */
function isAudioMp4(bytes: Uint8Array): boolean {
  const size = readUint32(bytes, 0, false);
  if (size === null || size < 16 || size % 4 !== 0 || size + 8 > bytes.length) return false;
  const brands: string[] = [];
  for (let offset = 8; offset + 4 <= size; offset += 4) {
    if (offset === 12) continue; // minor version, not a brand
    brands.push(String.fromCharCode(...bytes.subarray(offset, offset + 4)));
  }
  if (brands.some((brand) => IMAGE_BRANDS.test(brand))) return false;
  return brands.some((brand) => MEDIA_BRANDS.test(brand));
}
