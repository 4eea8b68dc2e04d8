import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PauzDatabase } from '../db/schema.js';
import { createPauz, type Pauz } from '../pauz.js';
import { memoryPdfStore } from '../pdf-store/memory.js';
import { createSqliteDatabase } from '../sqlite.js';
import { memoryBuckets } from '../storage/memory.js';
import { TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from '../testing/database/fixture.js';
import { expectPauzError } from '../testing/expect-code.js';

/**
 * Another writer that bumps a session's version right after each read of it, the
 * next `times` reads — through a second connection, as another server would.
 */
function contention(other: PauzDatabase): KyselyPlugin & { next(times: number): void; bumps: number } {
  const reads = new Set<unknown>();
  let remaining = 0;
  const plugin = {
    bumps: 0,
    next(times: number) {
      remaining = times;
    },
    transformQuery({ node, queryId }: { node: RootOperationNode; queryId: unknown }): RootOperationNode {
      const table = node.kind === 'SelectQueryNode' ? (node.from?.froms[0] as { table?: { identifier?: { name?: string } } } | undefined) : undefined;
      if (table?.table?.identifier?.name === 'pauz_free_sessions') reads.add(queryId);
      return node;
    },
    async transformResult({ result, queryId }: { result: never; queryId: unknown }) {
      if (reads.delete(queryId) && remaining > 0) {
        remaining--;
        plugin.bumps++;
        await other.updateTable('pauz_free_sessions').set((eb) => ({ version: eb('version', '+', 1) })).execute();
      }
      return result;
    },
  };
  return plugin as KyselyPlugin & typeof plugin;
}

describe('FreeJournal writes under contention', () => {
  let dir: string;
  let db: PauzDatabase;
  let other: PauzDatabase;
  let pauz: Pauz;
  let rival: ReturnType<typeof contention>;
  let userId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pauz-contention-'));
    db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
    other = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
    rival = contention(other);
    const pdfs = memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1' });
    pauz = createPauz({ db: db.withPlugin(rival), buckets: memoryBuckets(), pdfs, passwordHasher: TEST_PASSWORD_HASHER });
    await pauz.migrate();
    userId = (await pauz.accounts.register({ email: 'busy@example.com', password: 'correct horse battery' })).user.id;
  });
  afterAll(async () => {
    await db.destroy();
    await other.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes on top of a version that changed in between (last write wins)', async () => {
    const session = await pauz.freeJournal.create(userId);
    rival.next(2);
    const saved = await pauz.freeJournal.save(userId, session.id, { content: 'Mine.' });
    expect(saved).toMatchObject({ content: 'Mine.', version: 4 });
    expect((await pauz.freeJournal.get(userId, session.id)).version).toBe(4);
  });

  it('gives up after a bounded number of attempts with VERSION_CONFLICT, changing nothing', async () => {
    const session = await pauz.freeJournal.create(userId);
    const before = rival.bumps;
    rival.next(Number.POSITIVE_INFINITY);
    const error = await expectPauzError(pauz.freeJournal.save(userId, session.id, { content: 'Never lands.' }), 'VERSION_CONFLICT');
    rival.next(0);
    expect(error.details['attempts']).toBe(16);
    expect(error.message).toContain('16 attempts');
    // A read before each missed update, and the one that reports the version.
    expect(rival.bumps - before).toBe(17);
    const current = await pauz.freeJournal.get(userId, session.id);
    expect(error.details['currentVersion']).toBe(current.version - 1);
    expect(current.content).toBe('');
  });
});
