import { afterEach, describe, expect, it } from 'vitest';
import type { SmartBucket, SmartBucketSearchResult } from '../buckets/types.js';
import { memoryBucket } from '../buckets/memory.js';
import { PauzError } from '../errors.js';
import { createPauz, type Pauz } from '../pauz.js';
import { memoryPdfStore } from '../pdf-store/memory.js';
import { createSqliteDatabase } from '../sqlite.js';
import { TEST_PASSWORD_HASHER } from '../testing/database/fixture.js';
import { expectPauzError } from '../testing/expect-code.js';

/** A memory bucket whose semantic search answers what the test sets (or fails). */
function scriptedSearchBucket(name: string): SmartBucket & { answer: SmartBucketSearchResult[] | Error } {
  const inner = memoryBucket(name);
  const bucket = Object.assign(Object.create(inner) as SmartBucket, {
    answer: [] as SmartBucketSearchResult[] | Error,
    async search() {
      if (bucket.answer instanceof Error) throw bucket.answer;
      return { results: bucket.answer };
    },
  });
  return bucket;
}

describe('pauz.search with SmartBucket semantic search', () => {
  let pauz: Pauz | undefined;
  afterEach(async () => {
    await pauz?.close();
  });

  async function setup() {
    const guidedJournals = scriptedSearchBucket('guided-journals');
    const hints = scriptedSearchBucket('hints');
    pauz = createPauz({
      db: createSqliteDatabase({ filename: ':memory:' }),
      buckets: { guidedJournals, hints, audio: memoryBucket('audio-files') },
      pdfs: memoryPdfStore({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1' }),
      passwordHasher: TEST_PASSWORD_HASHER,
    });
    await pauz.migrate();
    const register = async (email: string) => (await pauz!.accounts.register({ email, password: 'correct horse battery' })).user.id;
    return { pauz, guidedJournals, hints, alice: await register('alice@example.com'), bob: await register('bob@example.com') };
  }

  const keyOf = async (bucket: SmartBucket, prefix: string) => (await bucket.list({ prefix })).objects.map((o) => o.key);

  it('merges semantic matches under the user\'s prefix with an index row, after the text matches', async () => {
    const { pauz, guidedJournals, alice, bob } = await setup();
    const text = await pauz.guidedJournals.create(alice, { topic: 'joy', entries: [{ promptId: 1, response: 'The ocean at night' }] });
    const semantic = await pauz.guidedJournals.create(alice, { topic: 'mind', entries: [{ promptId: 1, response: 'Waves and salt' }] });
    const deleted = await pauz.guidedJournals.create(alice, { topic: 'body', entries: [{ promptId: 1, response: 'Sand' }] });
    const deletedKey = (await keyOf(guidedJournals, `users/${alice}/journal-${deleted.id}`))[0] as string;
    await pauz.guidedJournals.delete(alice, deleted.id);
    const foreign = await pauz.guidedJournals.create(bob, { topic: 'joy', entries: [{ promptId: 1, response: 'Sea' }] });
    const [textKey] = await keyOf(guidedJournals, `users/${alice}/journal-${text.id}`);
    const [semanticKey] = await keyOf(guidedJournals, `users/${alice}/journal-${semantic.id}`);
    const [foreignKey] = await keyOf(guidedJournals, `users/${bob}/journal-${foreign.id}`);
    guidedJournals.answer = [
      { key: foreignKey as string, score: 0.99 },
      { key: textKey as string, score: 0.9 },
      { key: semanticKey as string, score: 0.8 },
      { key: deletedKey, score: 0.7 },
      { key: `users/${alice}/../users/${bob}/x`, score: 0.6 },
    ];
    const page = await pauz.search.query(alice, { q: 'ocean' });
    expect(page.mode).toBe('text+semantic');
    expect(page.items.map((i) => i.id)).toEqual([text.id, semantic.id]);
    expect(page.items[0]?.score).toBeGreaterThan(1);
    expect(page.items[1]?.score).toBeLessThan(1);
    expect(page.items[1]).toMatchObject({ kind: 'guided', title: 'mind', snippet: 'Waves and salt' });
    // Paged: the semantic part follows the text part across pages.
    const first = await pauz.search.query(alice, { q: 'ocean', limit: 1 });
    expect(first.items.map((i) => i.id)).toEqual([text.id]);
    const second = await pauz.search.query(alice, { q: 'ocean', limit: 1, cursor: first.nextCursor as string });
    expect(second.items.map((i) => i.id)).toEqual([semantic.id]);
    expect(second.nextCursor).toBeNull();
    // Free journals have no semantic search: text alone, and the response says so.
    expect((await pauz.search.query(alice, { q: 'ocean', kind: 'free' })).mode).toBe('text');
  });

  it('fails with the bucket named when its semantic search fails, rather than answer less', async () => {
    const { pauz, hints, alice } = await setup();
    hints.answer = new PauzError('SMARTBUCKET_FAILED', 'SmartBucket search hints: upstream 500');
    const error = await expectPauzError(pauz.search.query(alice, { q: 'anything' }), 'SMARTBUCKET_FAILED');
    expect(error.message).toContain('hints');
  });
});
