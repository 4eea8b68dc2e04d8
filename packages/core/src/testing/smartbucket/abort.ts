import { expect, it } from 'vitest';
import { expectPauzError } from '../expect-code.js';
import type { SmartBucketHarness } from './harness.js';

function abortedSignal(): AbortSignal {
  const controller = new AbortController();
  controller.abort(new Error('the client went away'));
  return controller.signal;
}

export function abortContract(h: () => SmartBucketHarness): void {
  it('works as usual with a signal that does not abort', async () => {
    const { bucket, key, prefix } = h();
    const { signal } = new AbortController();
    await bucket.put(key('live.txt'), 'still here', { contentType: 'text/plain', signal });
    expect(await (await bucket.get(key('live.txt'), { signal }))?.text()).toBe('still here');
    expect((await bucket.head(key('live.txt'), { signal }))?.size).toBe(10);
    expect((await bucket.list({ prefix, signal })).objects.map((o) => o.key)).toEqual([key('live.txt')]);
    await bucket.delete(key('live.txt'), { signal });
    expect(await bucket.head(key('live.txt'))).toBeNull();
  });

  it('refuses every operation with ABORTED once the signal aborted, and changes nothing', async () => {
    const { bucket, key, prefix, capabilities } = h();
    const signal = abortedSignal();
    await bucket.put(key('kept.txt'), 'kept', { contentType: 'text/plain' });
    const put = await expectPauzError(bucket.put(key('never.txt'), 'never', { contentType: 'text/plain', signal }), 'ABORTED');
    expect(put.message).toContain(key('never.txt'));
    await expectPauzError(bucket.get(key('kept.txt'), { signal }), 'ABORTED');
    await expectPauzError(bucket.head(key('kept.txt'), { signal }), 'ABORTED');
    await expectPauzError(bucket.delete([key('kept.txt')], { signal }), 'ABORTED');
    await expectPauzError(bucket.list({ prefix, signal }), 'ABORTED');
    if (capabilities.search && bucket.search !== undefined) await expectPauzError(bucket.search({ input: 'kept', signal }), 'ABORTED');
    expect(await bucket.head(key('never.txt'))).toBeNull();
    expect(await (await bucket.get(key('kept.txt')))?.text()).toBe('kept');
  });
}
