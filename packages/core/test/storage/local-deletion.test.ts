import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPauz, type Pauz, type PauzTables, pauzBuckets } from '../../src/index.js';
import { createPauzFetch } from '../../src/http/index.js';
import { fsBucket } from '../../src/local/fs-bucket.js';
import { fsPdfStore } from '../../src/local/fs-pdf-store.js';
import { createSqliteDatabase } from '../../src/sqlite.js';
import { expectPauzError, type InstrumentedBuckets, instrumentBuckets, makeWav, manualClock, scriptedTranscriber, TEST_PASSWORD_HASHER } from '../../src/testing/index.js';

/*
 * Local storage as the reference server runs it — a SQLite file, filesystem buckets
 * and the filesystem PDF store in one data directory — and what deleting an account
 * leaves there: nothing of the user, whatever crashes and store failures came first.
 */

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Files of the data directory under some `users/<id>/` folder. */
function userFiles(dataDir: string, userId: string): string[] {
  return filesUnder(dataDir).filter((file) => file.split('/').some((part, i, parts) => part === userId && parts[i - 1] === 'users'));
}

/** The files of `dir` (recursively) in which `marker` occurs, as raw bytes. */
function filesHolding(dir: string, marker: string): string[] {
  const needle = Buffer.from(marker, 'utf8');
  return filesUnder(dir).filter((file) => readFileSync(join(dir, file)).includes(needle));
}

const PASSWORD = 'correct horse battery';

describe('account deletion on local storage', () => {
  let dataDir: string;
  let db: Kysely<PauzTables>;
  let buckets: InstrumentedBuckets;
  let pauz: Pauz;
  const clock = manualClock('2026-06-15T12:00:00Z');

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pauz-deletion-'));
    db = createSqliteDatabase({ filename: join(dataDir, 'pauz.db') });
    buckets = instrumentBuckets(pauzBuckets((name) => fsBucket({ root: join(dataDir, 'buckets'), name })));
    pauz = createPauz({
      db,
      buckets,
      pdfs: fsPdfStore({ root: join(dataDir, 'pdfs'), publicBaseUrl: 'http://127.0.0.1:9', secret: 'x'.repeat(32) }),
      transcriber: scriptedTranscriber('heard it'),
      passwordHasher: TEST_PASSWORD_HASHER,
      clock,
    });
    await pauz.migrate();
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A user with something in every store, each piece carrying `marker`. */
  async function fullAccount(marker: string): Promise<{ id: string; token: string; email: string; sessionId: string }> {
    const email = `${marker}@example.com`;
    const { user, token } = await pauz.accounts.register({ email, password: PASSWORD });
    const session = await pauz.freeJournal.create(user.id, { title: `title ${marker}` });
    await pauz.freeJournal.save(user.id, session.id, { content: `private words ${marker}`, hints: [`hint ${marker}`] });
    await pauz.garden.add(user.id, { mood: 'calm', note: `flower ${marker}`, sessionId: session.id });
    await pauz.guidedJournals.create(user.id, { topic: 'heart', entries: [{ promptId: 5, response: `answer ${marker}` }] });
    await pauz.recordings.store(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) });
    await pauz.exports.freeJournal(user.id, session.id);
    return { id: user.id, token, email, sessionId: session.id };
  }

  /** What a SIGKILL in the middle of writes leaves: temp files, content of the old two-file layout, a half PDF. */
  function crashLeftovers(userId: string, marker: string): void {
    for (const bucket of ['hints', 'guided-journals', 'audio-files']) {
      const dir = join(dataDir, 'buckets', bucket, 'users', userId);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `.tmp-${crypto.randomUUID()}`), `half a write ${marker}`);
      writeFileSync(join(dir, `hint-crashed.json~${'0123456789abcdef'.repeat(2)}`), `content without metadata ${marker}`);
    }
    writeFileSync(join(dataDir, 'pdfs', 'users', userId, `.free-journal-x.pdf.${crypto.randomUUID()}.tmp`), `half a PDF ${marker}`);
  }

  it('leaves no file under users/<id>/ in any store, crash leftovers included, and only that user goes', async () => {
    const marker = `m${crypto.randomUUID().replace(/-/g, '')}`;
    const user = await fullAccount(marker);
    const other = await fullAccount(`other${crypto.randomUUID().replace(/-/g, '')}`);
    crashLeftovers(user.id, marker);
    expect(userFiles(dataDir, user.id).length).toBeGreaterThan(8);
    await pauz.accounts.delete(user.id);
    expect(userFiles(dataDir, user.id)).toEqual([]);
    expect(filesHolding(join(dataDir, 'buckets'), marker)).toEqual([]);
    expect(filesHolding(join(dataDir, 'pdfs'), marker)).toEqual([]);
    expect(userFiles(dataDir, other.id).length).toBe(4);
    expect((await pauz.guidedJournals.list(other.id)).items).toHaveLength(1);
  });

  it('leaves no byte of the text or the email in the database files (secure_delete, WAL truncated)', async () => {
    const marker = `m${crypto.randomUUID().replace(/-/g, '')}`;
    const user = await fullAccount(marker);
    // Several versions of the text, so old ones sit in the WAL and in freed cells.
    for (let i = 0; i < 5; i++) await pauz.freeJournal.save(user.id, user.sessionId, { content: `version ${i} ${marker}` });
    await fullAccount(`keep${crypto.randomUUID().replace(/-/g, '')}`);
    expect(filesHolding(dataDir, marker).some((file) => file.startsWith('pauz.db'))).toBe(true);
    await pauz.accounts.delete(user.id);
    expect(filesHolding(dataDir, marker)).toEqual([]);
    expect(filesHolding(dataDir, user.email)).toEqual([]);
  });

  it('creates every data file owner-only whatever the umask', async () => {
    await fullAccount(`m${crypto.randomUUID().replace(/-/g, '')}`);
    const files = filesUnder(dataDir);
    expect(files).toContain('pauz.db');
    expect(files).toContain('pauz.db-wal');
    for (const file of files) expect(`${file} ${(statSync(join(dataDir, file)).mode & 0o777).toString(8)}`).toBe(`${file} 600`);
    const dirs = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory());
    for (const dir of dirs) {
      const path = relative(dataDir, join(dir.parentPath, dir.name));
      expect(`${path} ${(statSync(join(dataDir, path)).mode & 0o777).toString(8)}`).toBe(`${path} 700`);
    }
  });

  it('never leaves a readable-but-broken account when a store fails mid-deletion; a retry finishes it', async () => {
    const marker = `m${crypto.randomUUID().replace(/-/g, '')}`;
    const user = await fullAccount(marker);
    // The hints go, then the guided-journals bucket fails.
    buckets.guidedJournals.failNext('delete', 1);
    await expectPauzError(pauz.accounts.delete(user.id), 'SMARTBUCKET_FAILED');
    expect(await buckets.hints.inner.list({ prefix: `users/${user.id}/` })).toMatchObject({ objects: [] });
    // The account is marked: no sign-in, no token, no listing that would answer 502.
    expect(await pauz.accounts.authenticate(user.token)).toBeNull();
    await expectPauzError(pauz.accounts.login({ email: user.email, password: PASSWORD }), 'INVALID_CREDENTIALS');
    // Resuming (DELETE /auth/me with the same token) may still see it.
    expect((await pauz.accounts.authenticate(user.token, { includeDeleting: true }))?.id).toBe(user.id);
    await pauz.accounts.delete(user.id);
    expect(userFiles(dataDir, user.id)).toEqual([]);
    await expectPauzError(pauz.accounts.get(user.id), 'NOT_FOUND');
    await pauz.accounts.register({ email: user.email, password: PASSWORD });
  });

  it('refuses a host-managed user while their deletion is unfinished, and takes them again once it is done', async () => {
    const id = `host-${crypto.randomUUID()}`;
    await pauz.accounts.ensureExternalUser({ id });
    const session = await pauz.freeJournal.create(id);
    await pauz.freeJournal.save(id, session.id, { content: 'host words', hints: ['a hint'] });
    buckets.hints.failNext('delete', 1);
    await expectPauzError(pauz.accounts.delete(id), 'SMARTBUCKET_FAILED');
    await expectPauzError(pauz.accounts.ensureExternalUser({ id }), 'UNAUTHENTICATED');
    expect((await pauz.accounts.ensureExternalUser({ id }, { includeDeleting: true })).id).toBe(id);
    await pauz.accounts.delete(id);
    expect(userFiles(dataDir, id)).toEqual([]);
    expect((await pauz.accounts.ensureExternalUser({ id })).id).toBe(id);
    expect((await pauz.freeJournal.list(id)).items).toEqual([]);
  });

  it('lets reconcile() finish a deletion that failed or crashed, once its grace period is over', async () => {
    const marker = `m${crypto.randomUUID().replace(/-/g, '')}`;
    const user = await fullAccount(marker);
    buckets.audio.failNext('delete', 1);
    await expectPauzError(pauz.accounts.delete(user.id), 'SMARTBUCKET_FAILED');
    crashLeftovers(user.id, marker);
    expect((await pauz.reconcile()).finishedDeletions).toEqual([]);
    clock.advance(16 * 60 * 1000);
    expect((await pauz.reconcile()).finishedDeletions).toEqual([user.id]);
    expect(userFiles(dataDir, user.id)).toEqual([]);
    expect(filesHolding(dataDir, marker)).toEqual([]);
    await expectPauzError(pauz.accounts.get(user.id), 'NOT_FOUND');
    clock.set('2026-06-15T12:00:00Z');
  });

  it('lets reconcile() sweep temp files a crash left, once they are older than the grace period', async () => {
    const user = await fullAccount(`m${crypto.randomUUID().replace(/-/g, '')}`);
    const dir = join(dataDir, 'buckets', 'hints', 'users', user.id);
    writeFileSync(join(dir, '.tmp-crashed'), 'half a hint');
    writeFileSync(join(dir, '.tmp-in-flight'), 'a write under way');
    writeFileSync(join(dataDir, 'pdfs', 'users', user.id, '.free-journal-x.pdf.1.tmp'), 'half a PDF');
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, '.tmp-crashed'), old, old);
    utimesSync(join(dataDir, 'pdfs', 'users', user.id, '.free-journal-x.pdf.1.tmp'), old, old);
    const report = await pauz.reconcile();
    expect(report.incompleteWrites).toEqual({
      hints: [`users/${user.id}/.tmp-crashed`],
      guidedJournals: [],
      audio: [],
      pdfs: [`users/${user.id}/.free-journal-x.pdf.1.tmp`],
    });
    expect(existsSync(join(dir, '.tmp-in-flight'))).toBe(true);
    expect((await pauz.hints.list(user.id, user.sessionId)).items).toHaveLength(1);
  });

  it('purges expired tokens: a bounded batch on each sign-in, all of them in reconcile()', async () => {
    const users = [];
    for (let i = 0; i < 3; i++) users.push(await pauz.accounts.register({ email: `t${i}.${crypto.randomUUID()}@example.com`, password: PASSWORD }));
    const count = async (): Promise<number> => Number((await db.selectFrom('pauz_tokens').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(3);
    clock.advance(pauz.limits.tokenTtlSeconds * 1000 + 1000);
    // A sign-in removes expired tokens (anyone's) before adding its own.
    await pauz.accounts.login({ email: users[0]?.user.email as string, password: PASSWORD });
    expect(await count()).toBe(1);
    clock.advance(pauz.limits.tokenTtlSeconds * 1000 + 1000);
    expect((await pauz.reconcile()).expiredTokens).toBe(1);
    expect(await count()).toBe(0);
    clock.set('2026-06-15T12:00:00Z');
  });

  describe('over HTTP', () => {
    let server: Server;
    let base: string;
    beforeEach(async () => {
      const handle = createPauzFetch(pauz);
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
            method: req.method ?? 'GET',
            headers: req.headers as Record<string, string>,
            ...(body.length > 0 ? { body } : {}),
          });
          void handle(request).then(async (response) => {
            res.writeHead(response.status, Object.fromEntries(response.headers));
            res.end(new Uint8Array(await response.arrayBuffer()));
          });
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('answers 401, not 502, while a deletion is unfinished, and DELETE /auth/me with the same token resumes it', async () => {
      const user = await fullAccount(`m${crypto.randomUUID().replace(/-/g, '')}`);
      const auth = { authorization: `Bearer ${user.token}` };
      buckets.guidedJournals.failNext('delete', 1);
      const failed = await fetch(`${base}/auth/me`, { method: 'DELETE', headers: auth });
      expect(failed.status).toBe(502);
      for (const path of [`/freejournal/${user.sessionId}/hints`, '/guided_journal', '/auth/me', `/freejournal/${user.sessionId}`]) {
        expect(`${path} ${(await fetch(`${base}${path}`, { headers: auth })).status}`).toBe(`${path} 401`);
      }
      expect((await fetch(`${base}/auth/me`, { method: 'DELETE', headers: auth })).status).toBe(204);
      expect(userFiles(dataDir, user.id)).toEqual([]);
      expect((await fetch(`${base}/auth/me`, { method: 'DELETE', headers: auth })).status).toBe(401);
    });
  });
});
