import { describe, expect, it } from 'vitest';
import { makeWav } from './audio.js';

describe('makeWav', () => {
  it('writes a 16-bit mono PCM header that matches its data', () => {
    const wav = makeWav({ seconds: 0.5, sampleRate: 8000, frequency: 440 });
    const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
    const text = (at: number): string => String.fromCharCode(...wav.subarray(at, at + 4));
    expect([text(0), text(8), text(12), text(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint32(28, true)).toBe(16000);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(4000 * 2);
    expect(wav.length).toBe(44 + 8000);
  });

  it('holds a sine tone of the given frequency', () => {
    const wav = makeWav({ seconds: 1, sampleRate: 8000, frequency: 100 });
    const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
    const samples = Array.from({ length: 8000 }, (_, i) => view.getInt16(44 + i * 2, true));
    expect(samples[0]).toBe(0);
    expect(samples[20]).toBe(Math.round(0.5 * 0x7fff)); // a quarter period of 100 Hz at 8 kHz
    const upward = samples.filter((s, i) => i > 0 && (samples[i - 1] ?? 0) < 0 && s >= 0).length;
    expect(upward).toBe(99); // 100 periods, the first starting at sample 0
  });

  it('refuses impossible parameters', () => {
    expect(() => makeWav({ sampleRate: 0 })).toThrow(RangeError);
    expect(() => makeWav({ seconds: -1 })).toThrow(RangeError);
  });
});
