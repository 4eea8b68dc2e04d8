import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPauz, type Pauz, type PdfStore } from '../../src/index.js';
import { createPauzFetch } from '../../src/http/index.js';
import { fsPdfStore } from '../../src/local/fs-pdf-store.js';
import { s3PdfStore } from '../../src/s3/index.js';
import { createSqliteDatabase } from '../../src/sqlite.js';
import { memoryBuckets } from '../../src/storage/memory.js';
import { manualClock, TEST_PASSWORD_HASHER } from '../../src/testing/index.js';
import { type RunningS3rver, S3RVER_KEY, startS3rver } from '../contract/s3rver-harness.js';
import { pdftotext, popplerMissing } from '../pdf/poppler.js';

/*
 * The book through the real PDF stores, over HTTP: written to the filesystem store
 * and to S3 (s3rver), downloaded through the link the export answers, and gone from
 * the disk and the bucket once the account is deleted (DELETE /auth/me).
 */

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

interface Store {
  pdfs: PdfStore;
  /** Where the store keeps its files, to search the disk. */
  directory: string;
  /** Downloads a link the export answered. */
  download(url: string, handle: (request: Request) => Promise<Response>): Promise<Response>;
  close(): Promise<void>;
}

const stores: Array<[string, () => Promise<Store>]> = [
  [
    'fsPdfStore',
    async () => {
      const directory = mkdtempSync(join(tmpdir(), 'pauz-book-fs-'));
      return {
        pdfs: fsPdfStore({ root: directory, publicBaseUrl: 'http://pauz.test', secret: 'y'.repeat(32) }),
        directory,
        // The filesystem store's links are served by Pauz itself (GET /files/pdf/…).
        download: (url, handle) => handle(new Request(url)),
        close: async () => rmSync(directory, { recursive: true, force: true }),
      };
    },
  ],
  [
    's3PdfStore on s3rver',
    async () => {
      const server: RunningS3rver = await startS3rver();
      const pdfs = s3PdfStore({ endpoint: server.endpoint, bucket: server.bucket, accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY });
      return {
        pdfs,
        directory: server.directory,
        download: (url) => fetch(url),
        close: async () => {
          pdfs.client.destroy();
          await server.close();
        },
      };
    },
  ],
];

for (const [name, open] of stores) {
  describe(`the book on ${name}`, () => {
    let store: Store;
    let dataDir: string;
    let db: ReturnType<typeof createSqliteDatabase>;
    let pauz: Pauz;
    let handle: (request: Request) => Promise<Response>;
    beforeAll(async () => {
      store = await open();
      dataDir = mkdtempSync(join(tmpdir(), 'pauz-book-db-'));
      db = createSqliteDatabase({ filename: join(dataDir, 'pauz.db') });
      const clock = manualClock('2026-06-15T12:00:00Z');
      pauz = createPauz({ db, buckets: memoryBuckets({ clock }), pdfs: store.pdfs, clock, passwordHasher: TEST_PASSWORD_HASHER });
      await pauz.migrate();
      handle = createPauzFetch(pauz);
    });
    afterAll(async () => {
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
      await store.close();
    });

    const call = (method: string, path: string, token: string, body?: unknown): Promise<Response> =>
      handle(
        new Request(`http://pauz.test${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );

    it('stores one book per user, replaced on re-export, downloadable through its link, and gone with the account', async () => {
      const { user, token } = await pauz.accounts.register({ email: `${crypto.randomUUID()}@example.com`, password: 'correct horse battery', name: 'Stores' });
      const other = await pauz.accounts.register({ email: `${crypto.randomUUID()}@example.com`, password: 'correct horse battery' });
      const session = await pauz.freeJournal.create(user.id, { title: 'Stored in the book' });
      await pauz.freeJournal.save(user.id, session.id, { content: 'Words that travel to the store.' });
      await pauz.guidedJournals.create(user.id, { topic: 'mind', entries: [{ promptId: 2, response: 'A guided answer.' }] });
      expect((await call('POST', '/export/book', other.token)).status).toBe(201);

      const first = await call('POST', '/export/book', token);
      expect(first.status).toBe(201);
      const book = (await first.json()) as { url: string; key: string; size: number };
      expect(book.key).toBe(`users/${user.id}/book.pdf`);
      const again = (await (await call('POST', '/export/book', token, { tz: 'Asia/Tokyo', locale: 'ja-JP' })).json()) as typeof book;
      expect(again.key).toBe(book.key);
      // One object for the user's book on disk, whichever store.
      const userFiles = (): string[] => filesUnder(store.directory).filter((file) => file.includes(user.id));
      // (s3rver keeps an object as its bytes plus metadata files next to them.)
      const objects = new Set(userFiles().map((file) => file.replace(/\._S3rver_[\w.]+$/, '')));
      expect([...objects].filter((file) => file.endsWith('book.pdf'))).toHaveLength(1);

      const downloaded = await store.download(again.url, handle);
      expect(downloaded.status).toBe(200);
      const bytes = new Uint8Array(await downloaded.arrayBuffer());
      expect(bytes.byteLength).toBe(again.size);
      if (!popplerMissing) {
        const text = (await pdftotext(bytes)).replace(/\s+/g, ' ');
        expect(text).toContain('Stored in the book');
        expect(text).toContain('A guided answer.');
        expect(text).toContain('2 entries');
      }

      expect((await call('DELETE', '/auth/me', token)).status).toBe(204);
      expect(userFiles()).toEqual([]);
      expect(filesUnder(store.directory).some((file) => file.includes(other.user.id))).toBe(true);
    });
  });
}
