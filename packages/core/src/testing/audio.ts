/**
 * Options of {@link makeWav}.
 *
 * @category Testing
 */
export interface MakeWavOptions {
  /**
   * Length in seconds.
   *
   * @defaultValue `0.5`
   */
  seconds?: number;
  /**
   * Samples per second (what speech models resample to).
   *
   * @defaultValue `16_000`
   */
  sampleRate?: number;
  /**
   * Pitch of the sine tone in Hz.
   *
   * @defaultValue `440`
   */
  frequency?: number;
}

/**
 * A real, playable WAV file (16-bit PCM, mono) holding a sine tone, for tests that
 * upload or transcribe audio.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/testing/audio.1.ts}
 */
export function makeWav(options: MakeWavOptions = {}): Uint8Array {
  const { seconds = 0.5, sampleRate = 16_000, frequency = 440 } = options;
  if (!(seconds >= 0) || !Number.isInteger(sampleRate) || sampleRate <= 0 || !(frequency >= 0)) {
    throw new RangeError('makeWav: seconds and frequency must be ≥ 0, sampleRate a positive integer');
  }
  const samples = Math.round(seconds * sampleRate);
  const dataBytes = samples * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples; i++) {
    const sample = Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 0.5;
    view.setInt16(44 + i * 2, Math.round(sample * 0x7fff), true);
  }
  return bytes;
}

/**
 * The formats {@link makeAudioSample} can make.
 *
 * @category Testing
 */
export type AudioSampleFormat = 'wav' | 'mp3' | 'aac' | 'm4a' | 'flac' | 'ogg' | 'opus' | 'webm' | 'matroska';

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417-byte frames (silent payload). */
const mp3Frame = (): number[] => [0xff, 0xfb, 0x90, 0x64, ...zeros(413)];
/** ADTS AAC-LC, 44.1 kHz, stereo: 100-byte frames. */
const adtsFrame = (): number[] => [0xff, 0xf1, 0x50, 0x80, 100 >> 3, ((100 & 7) << 5) | 0x1f, 0xfc, ...zeros(93)];

function ebmlHeader(docType: string): number[] {
  const element = (id: number[], data: number[]): number[] => [...id, 0x80 | data.length, ...data];
  const body = [...element([0x42, 0x86], [1]), ...element([0x42, 0x82], ascii(docType)), ...element([0x42, 0x87], [4])];
  return [0x1a, 0x45, 0xdf, 0xa3, 0x80 | body.length, ...body, 0x18, 0x53, 0x80, 0x67, 0x01, ...zeros(16)];
}

function oggPage(packet: number[]): number[] {
  return [...ascii('OggS'), 0, 0x02, ...zeros(20), 1, packet.length, ...packet];
}

const SAMPLES: Readonly<Record<AudioSampleFormat, () => number[]>> = {
  wav: () => Array.from(makeWav({ seconds: 0.05, sampleRate: 8000 })),
  mp3: () => [...ascii('ID3'), 4, 0, 0, 0, 0, 0, 10, ...zeros(10), ...mp3Frame(), ...mp3Frame()],
  aac: () => [...adtsFrame(), ...adtsFrame()],
  m4a: () => [0, 0, 0, 24, ...ascii('ftypM4A '), 0, 0, 0, 0, ...ascii('M4A isom'), 0, 0, 0, 16, ...ascii('mdat'), ...zeros(8)],
  flac: () => [...ascii('fLaC'), 0x80, 0, 0, 34, ...zeros(34)],
  ogg: () => oggPage([1, ...ascii('vorbis'), ...zeros(23)]),
  opus: () => oggPage([...ascii('OpusHead'), 1, 1, ...zeros(17)]),
  webm: () => ebmlHeader('webm'),
  matroska: () => ebmlHeader('matroska'),
};

/**
 * A small file whose bytes start the way real files of `format` do — the headers
 * sniffing reads, silent or empty payload — for tests of uploads and type checks.
 * Only `wav` is playable; use {@link makeWav} when real audio matters.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/testing/audio.2.ts}
 */
export function makeAudioSample(format: AudioSampleFormat): Uint8Array {
  return Uint8Array.from(SAMPLES[format]());
}
