import { describe, expect, it } from 'vitest';
import { collectBytes, limitedStream } from './bytes.js';

async function* chunks(...sizes: number[]): AsyncIterable<Uint8Array> {
  let n = 0;
  for (const size of sizes) yield Uint8Array.from({ length: size }, () => n++ % 256);
}

const expected = (total: number): Uint8Array => Uint8Array.from({ length: total }, (_, i) => i % 256);

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

describe('limitedStream', () => {
  it('passes bytes through up to the limit and errors past it', async () => {
    const ok = limitedStream(chunks(3, 3), 6);
    expect(new Uint8Array(await new Response(ok.stream).arrayBuffer())).toEqual(expected(6));
    expect(ok.exceeded()).toBe(false);
    const over = limitedStream(chunks(3, 3, 3), 6);
    await expect(new Response(over.stream).arrayBuffer()).rejects.toThrow();
    expect(over.exceeded()).toBe(true);
  });
});
