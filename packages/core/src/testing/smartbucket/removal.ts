import { expect, it } from 'vitest';
import { listAll, type SmartBucketHarness } from './harness.js';

export function removalContract(h: () => SmartBucketHarness): void {
  it('deletes one object and leaves its neighbours', async () => {
    const { bucket, key, prefix } = h();
    await bucket.put(key('a'), 'a');
    await bucket.put(key('a/child'), 'child');
    await bucket.put(key('ab'), 'ab');
    await bucket.delete(key('a'));
    expect(await bucket.get(key('a'))).toBeNull();
    expect(await bucket.head(key('a'))).toBeNull();
    expect(await (await bucket.get(key('a/child')))?.text()).toBe('child');
    expect((await listAll(bucket, prefix)).map((e) => e.key)).toEqual([key('a/child'), key('ab')]);
  });

  it('deletes many objects in one call', async () => {
    const { bucket, key, prefix } = h();
    const names = Array.from({ length: 12 }, (_, i) => `many/${String(i).padStart(2, '0')}`);
    await Promise.all(names.map((name) => bucket.put(key(name), name)));
    await bucket.delete(names.slice(0, 10).map(key));
    expect((await listAll(bucket, prefix)).map((e) => e.key)).toEqual(names.slice(10).map(key));
  });

  it('ignores keys without an object, alone, in a batch and as an empty batch', async () => {
    const { bucket, key, prefix } = h();
    await bucket.put(key('kept'), 'kept');
    await bucket.put(key('gone'), 'gone');
    await bucket.delete(key('never-existed'));
    await bucket.delete([key('gone'), key('never-existed'), key('gone')]);
    await bucket.delete([]);
    await bucket.delete(key('gone'));
    expect((await listAll(bucket, prefix)).map((e) => e.key)).toEqual([key('kept')]);
  });

  it('lets a deleted key be written again', async () => {
    const { bucket, key } = h();
    await bucket.put(key('again.txt'), 'first', { contentType: 'text/plain' });
    await bucket.delete(key('again.txt'));
    await bucket.put(key('again.txt'), 'second');
    const object = await bucket.get(key('again.txt'));
    expect(await object?.text()).toBe('second');
    expect(object?.contentType).toBe('application/octet-stream');
  });
}
