/**
 * Frame headers of the two frame-based audio streams without a container: MPEG audio
 * (MP3) and AAC in ADTS. A header alone is a weak signature (two bytes of sync), so
 * a stream is only recognised when its first frame is complete and what follows it is
 * another frame or a trailing tag.
 */

const BITRATES_KBPS = {
  v1l1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2l23: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
} as const;

/** Sample rates by version bits (0 = MPEG 2.5, 2 = MPEG 2, 3 = MPEG 1) and rate index. */
const SAMPLE_RATES: Readonly<Record<number, readonly number[]>> = {
  0: [11025, 12000, 8000],
  2: [22050, 24000, 16000],
  3: [44100, 48000, 32000],
};

/** A function giving the length of the frame at `offset`, or `null` when there is no valid header there. */
export type FrameLength = (bytes: Uint8Array, offset: number) => number | null;

/** Length in bytes of the MPEG audio frame (Layer I, II or III) whose header is at `offset`. */
export const mpegFrameLength: FrameLength = (bytes, offset) => {
  if (offset + 4 > bytes.length) return null;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 0x03; // 1 is reserved
  const layer = (b1 >> 1) & 0x03; // 0 is reserved (and is ADTS's), 1 = III, 2 = II, 3 = I
  const bitrateIndex = b2 >> 4; // 0 is free format, 15 is invalid
  const rateIndex = (b2 >> 2) & 0x03; // 3 is reserved
  const padding = (b2 >> 1) & 0x01;
  if (version === 1 || layer === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  if ((b3 & 0x03) === 2) return null; // reserved emphasis
  const sampleRate = SAMPLE_RATES[version]?.[rateIndex];
  if (sampleRate === undefined) return null;
  const mpeg1 = version === 3;
  const table = layer === 3 ? (mpeg1 ? BITRATES_KBPS.v1l1 : BITRATES_KBPS.v2l1) : layer === 2 ? (mpeg1 ? BITRATES_KBPS.v1l2 : BITRATES_KBPS.v2l23) : mpeg1 ? BITRATES_KBPS.v1l3 : BITRATES_KBPS.v2l23;
  const bitrate = (table[bitrateIndex] ?? 0) * 1000;
  if (layer === 3) return (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
  const coefficient = layer === 1 && !mpeg1 ? 72 : 144;
  return Math.floor((coefficient * bitrate) / sampleRate) + padding;
};

/** Length in bytes of the ADTS (AAC) frame whose header is at `offset`. */
export const adtsFrameLength: FrameLength = (bytes, offset) => {
  if (offset + 7 > bytes.length) return null;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xf6) !== 0xf0) return null;
  if (((b2 >> 2) & 0x0f) > 12) return null; // sampling frequency index 13–15 is reserved
  const headerLength = (b1 & 0x01) === 1 ? 7 : 9;
  const frameLength = (((bytes[offset + 3] ?? 0) & 0x03) << 11) | ((bytes[offset + 4] ?? 0) << 3) | ((bytes[offset + 5] ?? 0) >> 5);
  return frameLength > headerLength ? frameLength : null;
};

const TRAILING_TAGS = ['TAG', 'APETAGEX', 'LYRICSBEGIN'];

/** True when `text` (ASCII) is at `offset` in `bytes`. */
export function startsWithAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * True when a run of frames starts at `offset`: the first frame is complete and is
 * followed by another frame header, a trailing tag (ID3v1, APE, Lyrics3) or the end
 * of the data.
 */
export function isFrameRun(bytes: Uint8Array, offset: number, frameLength: FrameLength): boolean {
  const first = frameLength(bytes, offset);
  if (first === null) return false;
  const next = offset + first;
  if (next > bytes.length) return false;
  if (bytes.length - next < 4) return true;
  return frameLength(bytes, next) !== null || TRAILING_TAGS.some((tag) => startsWithAscii(bytes, next, tag));
}
