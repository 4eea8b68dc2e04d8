import { expect, it } from 'vitest';
import { expectPauzError } from '../expect-code.js';
import { everyByte, type SmartBucketHarness, streamOf } from './harness.js';

const UNICODE_TEXT = '\uFEFFJournal — día 1 🌱 日本語 Ελληνικά e\u0301 \u0000 end\n';
const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

export function objectsContract(h: () => SmartBucketHarness): void {
  it('stores Unicode text and reads it back as text, bytes and size', async () => {
    const { bucket, key } = h();
    await bucket.put(key('text.txt'), UNICODE_TEXT, { contentType: 'text/plain; charset=utf-8' });
    const object = await bucket.get(key('text.txt'));
    expect(object).not.toBeNull();
    expect(object?.key).toBe(key('text.txt'));
    expect(await object?.text()).toBe(UNICODE_TEXT);
    expect(object?.size).toBe(utf8Length(UNICODE_TEXT));
    expect(await object?.bytes()).toEqual(new TextEncoder().encode(UNICODE_TEXT));
    expect(await object?.text()).toBe(UNICODE_TEXT);
  });

  it('keeps every byte value 0–255 from a Uint8Array and from an ArrayBuffer', async () => {
    const { bucket, key } = h();
    const bytes = everyByte(2);
    await bucket.put(key('bytes.bin'), bytes);
    await bucket.put(key('buffer.bin'), bytes.slice().buffer);
    for (const name of ['bytes.bin', 'buffer.bin']) {
      const object = await bucket.get(key(name));
      expect(object?.size).toBe(512);
      expect(await object?.bytes()).toEqual(bytes);
      expect(new Uint8Array((await object?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(bytes);
    }
  });

  it('stores only the viewed range of a typed array', async () => {
    const { bucket, key } = h();
    const view = everyByte().subarray(10, 20);
    await bucket.put(key('view.bin'), view);
    expect(await (await bucket.get(key('view.bin')))?.bytes()).toEqual(Uint8Array.from({ length: 10 }, (_, i) => i + 10));
  });

  it('reads a ReadableStream body to its end', async () => {
    const { bucket, key } = h();
    const chunks = [everyByte(), new TextEncoder().encode('middle ✓'), everyByte().reverse()];
    await bucket.put(key('stream.bin'), streamOf(chunks), { contentType: 'application/octet-stream' });
    const expected = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      expected.set(chunk, offset);
      offset += chunk.length;
    }
    const object = await bucket.get(key('stream.bin'));
    expect(object?.size).toBe(expected.length);
    expect(await object?.bytes()).toEqual(expected);
  });

  it('round-trips a recording byte for byte, as a view into a larger buffer and as a stream', async () => {
    const { bucket, key } = h();
    // What an upload hands on: the audio is a view into the buffer it was collected in.
    const held = new Uint8Array(1_500_000 + 300);
    for (let i = 0; i < held.length; i++) held[i] = (i * 7919) % 251;
    const audio = held.subarray(100, 100 + 1_500_000);
    await bucket.put(key('rec.wav'), audio, { contentType: 'audio/wav' });
    const chunks = Array.from({ length: Math.ceil(audio.length / 65_536) }, (_, i) => audio.subarray(i * 65_536, (i + 1) * 65_536));
    await bucket.put(key('rec-streamed.wav'), streamOf(chunks), { contentType: 'audio/wav' });
    for (const name of ['rec.wav', 'rec-streamed.wav']) {
      const object = await bucket.get(key(name));
      expect(object?.size).toBe(audio.length);
      expect(object?.contentType).toBe('audio/wav');
      const stored = (await object?.bytes()) ?? new Uint8Array(0);
      expect(stored.length === audio.length && stored.every((byte, i) => byte === audio[i]), `${name} differs`).toBe(true);
    }
  });

  it('parses JSON, and refuses content that is not JSON with SMARTBUCKET_FAILED', async () => {
    const { bucket, key } = h();
    const document = { id: 'h1', text: 'What made you smile today? 😊', tags: ['calm'], n: 3 };
    await bucket.put(key('doc.json'), JSON.stringify(document), { contentType: 'application/json' });
    const object = await bucket.get(key('doc.json'));
    expect(await object?.json()).toEqual(document);
    expect(await object?.text()).toBe(JSON.stringify(document));
    await bucket.put(key('broken.json'), '{"not": json', { contentType: 'application/json' });
    const broken = await bucket.get(key('broken.json'));
    const error = await expectPauzError(broken?.json() ?? Promise.resolve(), 'SMARTBUCKET_FAILED');
    expect(error.message).toContain(bucket.name);
    expect(error.message).toContain(key('broken.json'));
  });

  it('keeps stored content apart from the caller’s arrays', async () => {
    const { bucket, key } = h();
    const input = everyByte();
    await bucket.put(key('copy.bin'), input);
    input.fill(7);
    const first = await bucket.get(key('copy.bin'));
    const read = await first?.bytes();
    read?.fill(9);
    expect(await (await bucket.get(key('copy.bin')))?.bytes()).toEqual(everyByte());
    expect(await first?.bytes()).toEqual(everyByte());
  });

  it('keeps the content type, and reports application/octet-stream when none was given', async () => {
    const { bucket, key } = h();
    await bucket.put(key('audio.webm'), everyByte(), { contentType: 'audio/webm;codecs=opus' });
    await bucket.put(key('plain'), 'no type');
    expect((await bucket.get(key('audio.webm')))?.contentType).toBe('audio/webm;codecs=opus');
    expect((await bucket.head(key('audio.webm')))?.contentType).toBe('audio/webm;codecs=opus');
    expect((await bucket.get(key('plain')))?.contentType).toBe('application/octet-stream');
  });

  it('keeps custom metadata, or refuses it where the backend cannot keep it', async () => {
    const { bucket, key, capabilities } = h();
    const customMetadata = { owner: 'user-1', 'session-id': 's-42', note: 'día 1 🌱' };
    const put = bucket.put(key('meta.json'), '{}', { contentType: 'application/json', customMetadata });
    if (!capabilities.customMetadata) {
      const error = await expectPauzError(put, 'SMARTBUCKET_FAILED');
      expect(error.message).toContain(key('meta.json'));
      return;
    }
    await put;
    expect((await bucket.get(key('meta.json')))?.customMetadata).toEqual(customMetadata);
    expect((await bucket.head(key('meta.json')))?.customMetadata).toEqual(customMetadata);
    await bucket.put(key('none.json'), '{}');
    expect((await bucket.head(key('none.json')))?.customMetadata).toEqual({});
  });

  it('replaces content, type and metadata as a whole on overwrite', async () => {
    const { bucket, key, capabilities } = h();
    const first = capabilities.customMetadata ? { customMetadata: { a: '1', b: '2' } } : {};
    const second = capabilities.customMetadata ? { customMetadata: { c: '3' } } : {};
    await bucket.put(key('o.txt'), 'first version, longer', { contentType: 'text/plain', ...first });
    await bucket.put(key('o.txt'), everyByte(), { contentType: 'application/x-test', ...second });
    const object = await bucket.get(key('o.txt'));
    expect(await object?.bytes()).toEqual(everyByte());
    expect(object?.size).toBe(256);
    expect(object?.contentType).toBe('application/x-test');
    expect(object?.customMetadata).toEqual(capabilities.customMetadata ? { c: '3' } : {});
  });

  it('heads an object without its content, and returns null for a missing one', async () => {
    const { bucket, key } = h();
    await bucket.put(key('h.txt'), 'héllo', { contentType: 'text/plain' });
    const info = await bucket.head(key('h.txt'));
    expect(info).toMatchObject({ key: key('h.txt'), size: 6, contentType: 'text/plain' });
    expect(info).not.toHaveProperty('text');
    if (info?.uploaded !== undefined) {
      expect(info.uploaded).toBeInstanceOf(Date);
      expect(Number.isNaN(info.uploaded.getTime())).toBe(false);
    }
    expect(await bucket.head(key('missing.txt'))).toBeNull();
  });

  it('returns null for a missing key, also next to an existing one', async () => {
    const { bucket, key } = h();
    await bucket.put(key('present'), 'x');
    expect(await bucket.get(key('absent'))).toBeNull();
    expect(await bucket.get(key('presen'))).toBeNull();
    expect(await bucket.get(key('present/child'))).toBeNull();
  });

  it('refuses keys no backend holds alike, naming the operation and the bucket', async () => {
    const { bucket, key } = h();
    const invalid = ['', `${key('lone')}\uD800`, key('x'.repeat(1100))];
    for (const bad of invalid) {
      const error = await expectPauzError(bucket.put(bad, 'x'), 'SMARTBUCKET_FAILED');
      expect(error.message).toContain(`put ${bucket.name}`);
      await expectPauzError(bucket.get(bad), 'SMARTBUCKET_FAILED');
    }
    const longest = key(`${'k'.repeat(99)}/`.repeat(9)).padEnd(1024, 'z');
    expect(new TextEncoder().encode(longest).length).toBe(1024);
    await bucket.put(longest, 'at the limit');
    expect(await (await bucket.get(longest))?.text()).toBe('at the limit');
  });

  it('lands every one of many concurrent writes', async () => {
    const { bucket, key } = h();
    const names = Array.from({ length: 24 }, (_, i) => `parallel/${i}`);
    await Promise.all(names.map((name) => bucket.put(key(name), `content ${name}`)));
    const texts = await Promise.all(names.map(async (name) => (await bucket.get(key(name)))?.text()));
    expect(texts).toEqual(names.map((name) => `content ${name}`));
  });
}
