import { describe, expect, it } from 'vitest';
import { type AudioSampleFormat, makeAudioSample, makeWav } from '../testing/audio.js';
import { audioFileExtension, audioFamilyOf } from './formats.js';
import { isAcceptableAudio, sniffAudioType } from './sniff.js';

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
const bytes = (...parts: (number[] | Uint8Array)[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames. */
const MP3_HEADER = [0xff, 0xfb, 0x90, 0x64];
const mp3Frame = (): number[] => [...MP3_HEADER, ...zeros(417 - 4)];

/** ADTS AAC-LC, 44.1 kHz, stereo, 100-byte frames; `id` 0xf1 (MPEG-4) or 0xf9 (MPEG-2). */
const adtsFrame = (id: number): number[] => [0xff, id, 0x50, 0x80, 100 >> 3, ((100 & 7) << 5) | 0x1f, 0xfc, ...zeros(93)];

const id3 = (tagBytes: number): number[] => [...ascii('ID3'), 3, 0, 0, 0, 0, (tagBytes >> 7) & 0x7f, tagBytes & 0x7f, ...zeros(tagBytes)];

function ftyp(major: string, compatible: string[]): number[] {
  const size = 16 + 4 * compatible.length;
  return [0, 0, 0, size, ...ascii('ftyp'), ...ascii(major), 0, 0, 0, 0, ...compatible.flatMap(ascii), 0, 0, 0, 8, ...ascii('mdat')];
}

function oggPage(packet: number[]): number[] {
  const header = [...ascii('OggS'), 0, 0x02, ...zeros(8), 1, 0, 0, 0, ...zeros(4), ...zeros(4)];
  return [...header, 1, packet.length, ...packet];
}

function ebml(docType: string): number[] {
  const element = (id: number[], data: number[]): number[] => [...id, 0x80 | data.length, ...data];
  const body = [
    ...element([0x42, 0x86], [1]),
    ...element([0x42, 0xf7], [1]),
    ...element([0x42, 0xf2], [4]),
    ...element([0x42, 0xf3], [8]),
    ...element([0x42, 0x82], ascii(docType)),
    ...element([0x42, 0x87], [4]),
    ...element([0x42, 0x85], [2]),
  ];
  return [0x1a, 0x45, 0xdf, 0xa3, 0x80 | body.length, ...body, 0x18, 0x53, 0x80, 0x67, 0x01, ...zeros(20)];
}

describe('sniffAudioType', () => {
  it.each([
    ['wav', 'audio/wav'],
    ['mp3', 'audio/mpeg'],
    ['aac', 'audio/aac'],
    ['m4a', 'audio/mp4'],
    ['flac', 'audio/flac'],
    ['ogg', 'audio/ogg'],
    ['opus', 'audio/opus'],
    ['webm', 'audio/webm'],
    ['matroska', 'audio/x-matroska'],
  ] as [AudioSampleFormat, string][])('recognises the %s test sample as %s', (format, type) => {
    expect(sniffAudioType(makeAudioSample(format))).toBe(type);
  });

  it.each([
    ['a generated WAV', makeWav({ seconds: 0.25, sampleRate: 8000 }), 'audio/wav'],
    ['a WAV with a chunk before fmt', bytes(ascii('RIFF'), [0, 0, 0, 0], ascii('WAVEJUNK'), [4, 0, 0, 0], zeros(4), makeWav().subarray(12)), 'audio/wav'],
    ['MP3 frames', bytes(mp3Frame(), mp3Frame()), 'audio/mpeg'],
    ['MP3 behind an ID3v2 tag', bytes(id3(300), mp3Frame(), mp3Frame()), 'audio/mpeg'],
    ['MP3 after zero padding behind an ID3 tag', bytes(id3(20), zeros(700), mp3Frame(), mp3Frame()), 'audio/mpeg'],
    ['one MP3 frame and an ID3v1 tag', bytes(mp3Frame(), ascii('TAG'), zeros(125)), 'audio/mpeg'],
    ['ADTS AAC (MPEG-4)', bytes(adtsFrame(0xf1), adtsFrame(0xf1)), 'audio/aac'],
    ['ADTS AAC (MPEG-2)', bytes(adtsFrame(0xf9), adtsFrame(0xf9)), 'audio/aac'],
    ['M4A', bytes(ftyp('M4A ', ['M4A ', 'mp42', 'isom'])), 'audio/mp4'],
    ['MP4', bytes(ftyp('isom', ['isom', 'iso2', 'avc1', 'mp41'])), 'audio/mp4'],
    ['FLAC', bytes(ascii('fLaC'), [0x80, 0, 0, 34], zeros(34)), 'audio/flac'],
    ['FLAC behind an ID3 tag', bytes(id3(10), ascii('fLaC'), [0x80, 0, 0, 34], zeros(34)), 'audio/flac'],
    ['Ogg Opus', bytes(oggPage([...ascii('OpusHead'), 1, 2, ...zeros(17)])), 'audio/opus'],
    ['Ogg Vorbis', bytes(oggPage([1, ...ascii('vorbis'), ...zeros(23)])), 'audio/ogg'],
    ['WebM', bytes(ebml('webm')), 'audio/webm'],
    ['Matroska', bytes(ebml('matroska')), 'audio/x-matroska'],
  ])('recognises %s', (_, data, type) => {
    expect(sniffAudioType(data)).toBe(type);
  });

  const wav = makeWav({ seconds: 0.1 });
  it.each([
    ['nothing', new Uint8Array(0)],
    ['a truncated WAV header', wav.subarray(0, 30)],
    ['RIFF that is not WAVE', bytes(ascii('RIFF'), [0, 0, 0, 0], ascii('AVI LIST'), zeros(40))],
    ['a single truncated MP3 frame', bytes(mp3Frame().slice(0, 200))],
    ['an MP3 header followed by garbage', bytes(mp3Frame(), ascii('garbage that is not a frame'))],
    ['a reserved MPEG version', bytes([0xff, 0xeb, 0x90, 0x64], zeros(413), mp3Frame())],
    ['an ID3 tag with nothing after it', bytes(id3(40))],
    ['an ID3 tag followed by text', bytes(id3(10), ascii('just some text, no audio at all'))],
    ['a truncated ADTS frame', bytes(adtsFrame(0xf1).slice(0, 50))],
    ['a truncated ftyp box', bytes(ftyp('M4A ', ['M4A ']).slice(0, 14))],
    ['a HEIC image', bytes(ftyp('heic', ['mif1', 'heic']))],
    ['an AVIF image', bytes(ftyp('avif', ['avif', 'mif1', 'miaf', 'iso8']))],
    ['fLaC without STREAMINFO', bytes(ascii('fLaC'), [0x80, 0, 0])],
    ['an Ogg page header only', bytes(ascii('OggS'), [0, 2])],
    ['Ogg Theora video', bytes(oggPage([0x80, ...ascii('theora'), ...zeros(20)]))],
    ['a truncated EBML header', bytes(ebml('webm').slice(0, 12))],
    ['EBML of another DocType', bytes(ebml('xyz'))],
    ['plain text', bytes(ascii('Dear diary, today was long.'))],
    ['a PNG', bytes([0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a], zeros(40))],
    ['pseudo-random garbage', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)],
    ['garbage after an MP3 frame sync', bytes(MP3_HEADER, Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 251))],
    ['garbage after an ADTS sync', bytes([0xff, 0xf1], Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 251))],
  ])('returns null for %s', (_, data) => {
    expect(sniffAudioType(data)).toBeNull();
  });

  it('reads a view into a larger buffer at its own offset', () => {
    const buffer = bytes(ascii('padding!'), makeWav({ seconds: 0.1 }));
    expect(sniffAudioType(buffer.subarray(8))).toBe('audio/wav');
  });
});

describe('isAcceptableAudio', () => {
  it.each([
    ['audio/wav', 'audio/wav'],
    ['audio/x-wav', 'audio/wav'],
    ['Audio/WebM; codecs=opus', 'audio/webm'],
    ['video/webm', 'audio/webm'],
    ['audio/x-m4a', 'audio/mp4'],
    ['audio/aac', 'audio/mp4'],
    ['audio/mp4', 'audio/aac'],
    ['audio/mp3', 'audio/mpeg'],
    ['audio/ogg', 'audio/opus'],
    ['audio/ogg; codecs=opus', 'audio/opus'],
    ['audio/opus', 'audio/ogg'],
    ['audio/x-flac', 'audio/flac'],
    ['application/octet-stream', 'audio/mpeg'],
    [undefined, 'audio/flac'],
    ['', 'audio/wav'],
  ])('accepts %s declared for %s bytes', (declared, sniffed) => {
    expect(isAcceptableAudio(declared, sniffed)).toBe(true);
  });

  it.each([
    ['audio/mpeg', 'audio/wav'],
    ['audio/webm', 'audio/ogg'],
    ['audio/wav', null],
    ['application/octet-stream', null],
    [undefined, null],
    ['text/plain', 'audio/wav'],
    ['image/png', 'audio/wav'],
    ['audio/x-caf', 'audio/wav'],
    ['audio/x-matroska', 'audio/x-matroska'],
    ['audio/webm', 'audio/x-matroska'],
    ['application/octet-stream', 'audio/x-matroska'],
  ])('refuses %s declared for %s bytes', (declared, sniffed) => {
    expect(isAcceptableAudio(declared, sniffed)).toBe(false);
  });
});

describe('audio formats', () => {
  it.each([
    ['audio/wav', 'wav'],
    ['audio/mpeg', 'mp3'],
    ['audio/mp4', 'm4a'],
    ['audio/x-m4a', 'm4a'],
    ['audio/aac', 'aac'],
    ['audio/flac', 'flac'],
    ['audio/ogg', 'ogg'],
    ['audio/opus', 'ogg'],
    ['audio/webm;codecs=opus', 'webm'],
    ['text/plain', null],
  ])('names a %s file with the extension %s', (type, extension) => {
    expect(audioFileExtension(type)).toBe(extension);
  });

  it('groups types into families, ignoring case and parameters', () => {
    expect(audioFamilyOf('AUDIO/X-WAV ; foo=bar')).toBe('wav');
    expect(audioFamilyOf('audio/unknown')).toBeNull();
    expect(audioFamilyOf(null)).toBeNull();
  });
});
