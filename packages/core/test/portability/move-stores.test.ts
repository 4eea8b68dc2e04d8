import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPauz, memoryPdfStore, type Pauz, pauzBuckets } from '../../src/index.js';
import { fsBucket } from '../../src/local/fs-bucket.js';
import { fsPdfStore } from '../../src/local/fs-pdf-store.js';
import { createSqliteDatabase } from '../../src/sqlite.js';
import { manualClock, memoryBuckets, type OpenedDatabase, scriptedTranscriber, TEST_PASSWORD_HASHER } from '../../src/testing/index.js';
import { openPostgresSchema, postgresSkipReason } from '../postgres.js';
import { documentOf, fullAccount, type PortabilityWorld, streamBytes, withoutIds } from './fixtures.js';

/*
 * Moving a deployment between stores: from a SQLite file and filesystem buckets to
 * PostgreSQL and other buckets, by copying the accounts (their rows: the password
 * hashes never leave the database) and then exporting every user from the old
 * deployment and importing the archive into the same user on the new one.
 */
const skip = postgresSkipReason();

describe.skipIf(skip !== false)('moving a deployment from SQLite + fsBucket to PostgreSQL + other buckets', () => {
  let dir: string;
  let from: PortabilityWorld;
  let to: Pauz;
  let target: OpenedDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pauz-move-'));
    const db = createSqliteDatabase({ filename: join(dir, 'old.db') });
    const buckets = pauzBuckets((name) => fsBucket({ root: join(dir, 'buckets'), name }));
    const clock = manualClock('2026-06-15T12:00:00Z');
    const common = { transcriber: scriptedTranscriber('what I said out loud'), passwordHasher: TEST_PASSWORD_HASHER, clock };
    const pauz = createPauz({ db, buckets, pdfs: fsPdfStore({ root: join(dir, 'pdfs'), publicBaseUrl: 'http://127.0.0.1:9', secret: 'x'.repeat(32) }), ...common });
    await pauz.migrate();
    from = { pauz, db, buckets, clock, close: async () => db.destroy() };
    target = await openPostgresSchema();
    to = createPauz({ db: target.db, buckets: memoryBuckets(), pdfs: memoryPdfStore({ secret: 'y'.repeat(32), publicBaseUrl: 'http://127.0.0.1:9' }), ...common, closeDb: false });
    await to.migrate();
  });
  afterAll(async () => {
    await from.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports every user and imports each into the new deployment: the same writing, audio included, and sign-in still works', async () => {
    await fullAccount(from, 'alice');
    await fullAccount(from, 'bob');
    const users = await from.db.selectFrom('pauz_users').selectAll().execute();
    // The accounts themselves, hashes included, as rows (an export never carries a hash).
    await to.db.insertInto('pauz_users').values(users).execute();
    for (const user of users) {
      const archive = await streamBytes(await from.pauz.portability.export(user.id));
      const report = await to.portability.import(user.id, await from.pauz.portability.export(user.id));
      expect(report.imported).toEqual({ freeJournals: 2, guidedJournals: 1, hints: 2, recordings: 2, flowers: 3 });
      const moved = await streamBytes(await to.portability.export(user.id));
      expect(withoutIds(documentOf(moved))).toEqual(withoutIds(documentOf(archive)));
      expect(documentOf(moved).user).toEqual(documentOf(archive).user);
      const [session] = (await to.freeJournal.list(user.id)).items;
      const recordings = (await to.recordings.list(user.id, session?.id as string)).items;
      const [oldSession] = (await from.pauz.freeJournal.list(user.id)).items;
      const oldRecordings = (await from.pauz.recordings.list(user.id, oldSession?.id as string)).items;
      expect((await to.recordings.audio(user.id, session?.id as string, recordings[0]?.id as string)).bytes).toEqual(
        (await from.pauz.recordings.audio(user.id, oldSession?.id as string, oldRecordings[0]?.id as string)).bytes,
      );
      // Importing again on the new deployment changes nothing.
      expect((await to.portability.import(user.id, await from.pauz.portability.export(user.id))).imported).toEqual({
        freeJournals: 0,
        guidedJournals: 0,
        hints: 0,
        recordings: 0,
        flowers: 0,
      });
    }
    const signedIn = await to.accounts.login({ email: users[0]?.email as string, password: 'correct horse battery' });
    expect(signedIn.user.id).toBe(users[0]?.id);
  });
});
