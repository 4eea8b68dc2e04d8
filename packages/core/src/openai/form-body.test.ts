import { describe, expect, it } from 'vitest';
import { formBody } from './form-body.js';

describe('formBody', () => {
  it('encodes a form a standard parser reads back, at its declared length, the file sent as views of its bytes', async () => {
    const held = new Uint8Array(700_000 + 20);
    for (let i = 0; i < held.length; i++) held[i] = (i * 31) % 256;
    const bytes = held.subarray(10, 10 + 700_000);
    const form = formBody({ name: 'file', filename: 'audio.wav', type: 'audio/wav', bytes }, [
      ['model', 'whisper-1'],
      ['language', 'en\nUS'],
    ]);
    const chunks: Uint8Array[] = [];
    const reader = form.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(chunks.some((chunk) => chunk.buffer === held.buffer)).toBe(true);
    const encoded = new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
    expect(encoded.byteLength).toBe(form.length);
    const parsed = await new Response(encoded, { headers: { 'content-type': form.contentType } }).formData();
    const file = parsed.get('file') as File;
    expect(file.name).toBe('audio.wav');
    expect(file.type).toBe('audio/wav');
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    expect(parsed.get('model')).toBe('whisper-1');
    expect(parsed.get('language')).toBe('en\r\nUS');
  });
});
