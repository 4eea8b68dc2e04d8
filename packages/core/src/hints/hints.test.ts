import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PauzDatabase } from '../db/schema.js';
import { createPauz } from '../pauz.js';
import { memoryPdfStore } from '../pdf-store/memory.js';
import { createSqliteDatabase } from '../sqlite.js';
import { memoryBuckets } from '../storage/memory.js';
import { TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from '../testing/database/fixture.js';
import { expectPauzError } from '../testing/expect-code.js';

describe('Hints.generate', () => {
  let db: PauzDatabase;
  beforeAll(async () => {
    db = createSqliteDatabase();
  });
  afterAll(() => db.destroy());

  const pauzWith = async (contentChars: number) => {
    const pdfs = memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1' });
    const pauz = createPauz({ db, buckets: memoryBuckets(), pdfs, passwordHasher: TEST_PASSWORD_HASHER, limits: { contentChars } });
    await pauz.migrate();
    const { user } = await pauz.accounts.register({ email: `hints.${crypto.randomUUID()}@example.com`, password: 'correct horse battery' });
    const session = await pauz.freeJournal.create(user.id);
    return { pauz, userId: user.id, sessionId: session.id };
  };

  it('caps the given content at limits.contentChars, not at a fixed number', async () => {
    const small = await pauzWith(10);
    expect((await small.pauz.hints.generate(small.userId, small.sessionId, { content: 'x'.repeat(10) })).source).toBe('writer');
    const refused = await expectPauzError(small.pauz.hints.generate(small.userId, small.sessionId, { content: 'x'.repeat(11) }), 'VALIDATION_FAILED');
    expect(refused.errors).toEqual([{ field: 'content', message: 'must be at most 10 characters' }]);

    const large = await pauzWith(300_000);
    const hint = await large.pauz.hints.generate(large.userId, large.sessionId, { content: 'word '.repeat(50_000) });
    expect(hint.text.length).toBeGreaterThan(0);
  });
});
