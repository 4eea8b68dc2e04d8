import { describe, expect, it } from 'vitest';
import { ByteCollector, collectBytes } from './bytes.js';

async function* chunks(...sizes: number[]): AsyncIterable<Uint8Array> {
  let n = 0;
  for (const size of sizes) yield Uint8Array.from({ length: size }, () => n++ % 256);
}

function bytesOf(total: number, from = 0): Uint8Array {
  const out = new Uint8Array(total);
  for (let i = 0; i < total; i++) out[i] = (from + i) % 256;
  return out;
}
const expected = (total: number): Uint8Array => bytesOf(total);
/** Byte equality without a deep comparison of every element (slow for megabytes). */
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

describe('collectBytes', () => {
  it('joins chunks from async iterables and Web streams', async () => {
    expect(await collectBytes(chunks(3, 0, 5))).toEqual(expected(8));
    const stream = new Response(expected(10) as BodyInit).body as ReadableStream<Uint8Array>;
    expect(await collectBytes(stream)).toEqual(expected(10));
  });

  it('fills one buffer when the length is known, and copes when the length was wrong', async () => {
    expect(await collectBytes(chunks(4, 4), 100, undefined, 8)).toEqual(expected(8));
    expect(await collectBytes(chunks(4, 2), 100, undefined, 8)).toEqual(expected(6));
    expect(await collectBytes(chunks(4, 4, 4), 100, undefined, 8)).toEqual(expected(12));
  });

  it('stops at the limit with the given error', async () => {
    await expect(collectBytes(chunks(4, 4, 4), 10, () => new Error('too big'))).rejects.toThrow('too big');
    await expect(collectBytes(chunks(4, 4, 4), 10, () => new Error('too big'), 8)).rejects.toThrow('too big');
  });
});

describe('ByteCollector', () => {
  it('keeps a body that came as one chunk as it is, uncopied', () => {
    const chunk = bytesOf(1000);
    const collector = new ByteCollector(10_000, undefined, 1000);
    collector.push(chunk);
    expect(collector.bytes()).toBe(chunk);
  });

  it('fills one buffer of the announced length, copying each chunk once', () => {
    const collector = new ByteCollector(1_000_000, undefined, 300_000);
    for (let at = 0; at < 300_000; at += 65_536) collector.push(bytesOf(Math.min(65_536, 300_000 - at), at));
    const out = collector.bytes();
    expect(same(out, expected(300_000))).toBe(true);
    expect(out.buffer.byteLength).toBe(300_000);
  });

  it('keeps a little slack past a shorter body, and copies away a large one', () => {
    const close = new ByteCollector(Infinity, undefined, 100_200);
    close.push(bytesOf(50_000));
    close.push(bytesOf(50_000, 50_000));
    expect(same(close.bytes(), expected(100_000))).toBe(true);
    expect(close.bytes().buffer.byteLength).toBe(100_200);
    const far = new ByteCollector(Infinity, undefined, 1_000_000);
    far.push(bytesOf(5));
    far.push(bytesOf(5, 5));
    expect(far.bytes()).toEqual(expected(10));
    expect(far.bytes().buffer.byteLength).toBe(10);
  });

  it('collects a body of unknown length through slabs, one byte at a time or past the announced length', () => {
    const unknown = new ByteCollector();
    for (let i = 0; i < 70_000; i++) unknown.push(bytesOf(1, i));
    expect(same(unknown.bytes(), expected(70_000))).toBe(true);
    const longer = new ByteCollector(Infinity, undefined, 10);
    for (let at = 0; at < 3_000_000; at += 100_000) longer.push(bytesOf(100_000, at));
    expect(longer.size).toBe(3_000_000);
    expect(same(longer.bytes(), expected(3_000_000))).toBe(true);
  });

  it('fails as soon as the limit is passed, and refuses chunks that are not bytes', () => {
    const collector = new ByteCollector(10, () => new Error('too big'));
    collector.push(bytesOf(6));
    expect(() => collector.push(bytesOf(5))).toThrow('too big');
    expect(() => new ByteCollector().push('text' as unknown as Uint8Array)).toThrow(TypeError);
  });
});
