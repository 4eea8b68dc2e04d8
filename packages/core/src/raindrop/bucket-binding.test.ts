import { describe, expect, it } from 'vitest';
import { createBindingEmulator } from '../../test/emulators/raindrop-binding.js';
import { PauzConfigError } from '../errors.js';
import { expectPauzError } from '../testing/expect-code.js';
import { type RaindropBucketBinding, raindropBindingBucket } from './bucket-binding.js';

describe('raindropBindingBucket', () => {
  it('hands the binding bytes with httpMetadata and customMetadata, reading streams first', async () => {
    const emulator = createBindingEmulator();
    const hints = raindropBindingBucket(emulator.binding, { name: 'hints' });
    const stream = new Blob(['streamed ✓']).stream();
    await hints.put('u1/a', stream, { contentType: 'text/plain', customMetadata: { owner: 'u1' } });
    expect(emulator.puts[0]?.value).toBeInstanceOf(Uint8Array);
    expect(emulator.puts[0]?.options).toEqual({ httpMetadata: { contentType: 'text/plain' }, customMetadata: { owner: 'u1' } });
    expect(await (await hints.get('u1/a'))?.text()).toBe('streamed ✓');
  });

  it('reads older search results naming the object as {object}, skipping results without one', async () => {
    const emulator = createBindingEmulator({ sourceShape: 'object' });
    const hints = raindropBindingBucket(emulator.binding, { name: 'hints' });
    await hints.put('u1/h', 'a quiet lake at dawn', { contentType: 'text/plain' });
    expect((await hints.search?.({ input: 'lake' }))?.results).toEqual([{ key: 'u1/h', text: 'a quiet lake at dawn', score: 1 }]);
    const odd: RaindropBucketBinding = {
      ...emulator.binding,
      search: async () => ({ results: [{ text: 'no source' }, { source: {} }, { source: 'k', score: 0.5 }] }),
    };
    expect(await raindropBindingBucket(odd, { name: 'hints' }).search?.({ input: 'x', requestId: 'r' })).toEqual({ results: [{ key: 'k', score: 0.5 }] });
  });

  it('gives up on a binding call at once when the caller aborts, though the binding takes no signal', async () => {
    const emulator = createBindingEmulator();
    let started = 0;
    const stuck: RaindropBucketBinding = { ...emulator.binding, get: () => (started++, new Promise(() => {})) };
    const controller = new AbortController();
    const pending = raindropBindingBucket(stuck, { name: 'hints', timeoutMs: 120_000 }).get('u1/a', { signal: controller.signal });
    expect(started).toBe(1);
    controller.abort();
    await expectPauzError(pending, 'ABORTED');
  });

  it('offers no search over a plain bucket binding', () => {
    expect(raindropBindingBucket(createBindingEmulator({ search: false }).binding, { name: 'audio-files' }).search).toBeUndefined();
  });

  it('passes the binding’s opaque cursor through and drops one given with a complete page', async () => {
    const emulator = createBindingEmulator();
    const hints = raindropBindingBucket(emulator.binding, { name: 'hints' });
    for (const key of ['a', 'b', 'c']) await hints.put(key, key);
    const first = await hints.list({ limit: 2 });
    expect(first.truncated).toBe(true);
    expect(first.cursor).not.toBe('b');
    expect((await hints.list({ limit: 2, cursor: first.cursor })).objects.map((o) => o.key)).toEqual(['c']);
    const chatty: RaindropBucketBinding = { ...emulator.binding, list: async () => ({ objects: [], truncated: false, cursor: 'stale' }) };
    expect(await raindropBindingBucket(chatty, { name: 'hints' }).list()).toEqual({ objects: [], truncated: false });
    const broken: RaindropBucketBinding = { ...emulator.binding, list: async () => ({ objects: [], truncated: true }) };
    await expectPauzError(raindropBindingBucket(broken, { name: 'hints' }).list(), 'SMARTBUCKET_FAILED');
  });

  it('tolerates loose metadata: no httpMetadata, uploaded as text', async () => {
    const emulator = createBindingEmulator();
    const loose = {
      ...emulator.binding,
      head: async (key: string) => ({ key, size: 3, uploaded: '2026-06-15T12:00:00Z' as unknown as Date }),
    };
    expect(await raindropBindingBucket(loose, { name: 'hints' }).head('k')).toEqual({
      key: 'k',
      size: 3,
      uploaded: new Date('2026-06-15T12:00:00Z'),
      contentType: 'application/octet-stream',
      customMetadata: {},
    });
  });

  it('wraps binding failures in SMARTBUCKET_FAILED naming the call, keeping the cause', async () => {
    const emulator = createBindingEmulator();
    const cause = new Error('storage unavailable');
    emulator.failNext(1, cause);
    const error = await expectPauzError(raindropBindingBucket(emulator.binding, { name: 'hints' }).get('u1/x'), 'SMARTBUCKET_FAILED');
    // The binding's own words go to the log (through the cause), not into the message.
    expect(error.message).toBe('SmartBucket get hints/u1/x failed: unexpected error (see the server log)');
    expect(error.cause).toBe(cause);
  });

  it('times out a call that never settles', async () => {
    const emulator = createBindingEmulator();
    emulator.hangNext(1);
    const error = await expectPauzError(raindropBindingBucket(emulator.binding, { name: 'hints', timeoutMs: 50 }).head('k'), 'UPSTREAM_TIMEOUT');
    expect(error.message).toBe('SmartBucket head hints/k timed out after 50 ms');
  });

  it('deletes many keys in batches of 1000', async () => {
    const emulator = createBindingEmulator();
    const hints = raindropBindingBucket(emulator.binding, { name: 'hints' });
    const keys = Array.from({ length: 2001 }, (_, i) => `k${i}`);
    await hints.delete(keys);
    expect(emulator.calls.delete).toBe(3);
    await hints.delete([]);
    expect(emulator.calls.delete).toBe(3);
  });

  it('refuses a missing binding as configuration, not at the first call', () => {
    expect(() => raindropBindingBucket(undefined as unknown as RaindropBucketBinding, { name: 'hints' })).toThrow(PauzConfigError);
    expect(() => raindropBindingBucket(createBindingEmulator().binding, { name: '' })).toThrow(PauzConfigError);
  });
});
