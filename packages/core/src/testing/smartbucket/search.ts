import { expect, it } from 'vitest';
import type { SmartBucket, SmartBucketSearchResults } from '../../buckets/types.js';
import type { SmartBucketHarness } from './harness.js';

type Searchable = Required<Pick<SmartBucket, 'search'>>;

/** Searches until a result under `prefix` shows up or `lagMs` has passed: indexing may lag a put. */
async function searchSettled(bucket: Searchable, input: string, prefix: string, lagMs: number): Promise<SmartBucketSearchResults> {
  const deadline = Date.now() + lagMs;
  for (;;) {
    const found = await bucket.search({ input, requestId: crypto.randomUUID() });
    if (found.results.some((r) => r.key.startsWith(prefix)) || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(1, deadline - Date.now()))));
  }
}

export function searchContract(h: () => SmartBucketHarness): void {
  it('offers search exactly when the adapter declares it', () => {
    const { bucket, capabilities } = h();
    expect(typeof bucket.search).toBe(capabilities.search ? 'function' : 'undefined');
  });

  it('finds a text object by its words and names its key', async ({ skip }) => {
    const { bucket, key, prefix, capabilities } = h();
    if (!capabilities.search || bucket.search === undefined) return skip('search is not offered');
    const marker = `zephyr${crypto.randomUUID().slice(0, 8)}`;
    await bucket.put(key('garden.txt'), `Walked through the ${marker} garden; the tulips were calm.`, { contentType: 'text/plain' });
    await bucket.put(key('other.txt'), 'Nothing in common here.', { contentType: 'text/plain' });
    const found = await searchSettled(bucket as Searchable, `${marker} garden`, prefix, capabilities.searchLagMs);
    const mine = found.results.filter((r) => r.key.startsWith(prefix));
    expect(mine[0]?.key).toBe(key('garden.txt'));
    for (const result of found.results) if (result.score !== undefined) expect(typeof result.score).toBe('number');
  });
}
