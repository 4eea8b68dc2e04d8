import { describe, expect, it } from 'vitest';
import { createPauz } from './pauz.js';
import { PauzConfigError } from './errors.js';
import { createSqliteDatabase } from './sqlite.js';
import { memoryBucket } from './buckets/memory.js';
import { memoryBuckets } from './storage/memory.js';
import { memoryPdfStore } from './pdf-store/memory.js';

const testPdfs = memoryPdfStore({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1' });

describe('createPauz', () => {
  it('lists every configuration problem in one error', () => {
    let error: unknown;
    try {
      createPauz({
        db: undefined as never,
        buckets: { hints: {}, audio: memoryBucket('audio-files') } as never,
        pdfs: { put: () => undefined } as never,
        writer: { hint: () => '' } as never,
        clock: {} as never,
        ids: 'uuid' as never,
        passwordHasher: { hash: () => '' } as never,
        limits: { contentChars: -1, bogus: 3 } as never,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PauzConfigError);
    const problems = (error as PauzConfigError).problems;
    expect(problems).toHaveLength(10);
    for (const word of ['db', 'pdfs', 'buckets.hints', 'buckets.guidedJournals', 'writer', 'clock', 'ids', 'passwordHasher', 'limits.contentChars', 'limits.bogus']) {
      expect((error as Error).message).toContain(`\`${word}\``);
    }
  });

  it('refuses something that is not a Kysely instance', () => {
    expect(() => createPauz({ db: {} as never, buckets: memoryBuckets(), pdfs: testPdfs })).toThrow(/`db` must be a Kysely instance/);
  });

  it('applies limits over the defaults', async () => {
    const db = createSqliteDatabase();
    const pauz = createPauz({ db, buckets: memoryBuckets(), pdfs: testPdfs, limits: { contentChars: 10 } });
    expect(pauz.limits.contentChars).toBe(10);
    expect(pauz.limits.loginFailures).toBe(10);
    await db.destroy();
  });
});
