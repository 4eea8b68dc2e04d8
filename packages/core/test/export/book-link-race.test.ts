import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPauz, type Pauz } from '../../src/index.js';
import { createPauzFetch } from '../../src/http/index.js';
import { fsPdfStore } from '../../src/local/fs-pdf-store.js';
import { createSqliteDatabase } from '../../src/sqlite.js';
import { memoryBuckets } from '../../src/storage/memory.js';
import { TEST_PASSWORD_HASHER } from '../../src/testing/index.js';

/*
 * Found by an outside test. docs/http.md: "a link serves the file it was made for or nothing". Two book exports of one
 * user at once (two devices): fsPdfStore.url() signed whatever book.pdf held when it was called,
 * after put(), so the first answer's link could serve the second export's book (another range,
 * another size than the answer's `size`).
 */
let dir: string;
let db: ReturnType<typeof createSqliteDatabase>;
let pauz: Pauz;
let handle: (request: Request) => Promise<Response>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stranger-book-race-'));
  db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
  pauz = createPauz({ db, buckets: memoryBuckets(), pdfs: fsPdfStore({ root: join(dir, 'pdfs'), publicBaseUrl: 'http://pauz.test', secret: 'y'.repeat(32) }), passwordHasher: TEST_PASSWORD_HASHER });
  await pauz.migrate();
  handle = createPauzFetch(pauz);
});
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

it('every concurrent export answers a link that serves its own book (its size) or nothing', async () => {
  const { user, token } = await pauz.accounts.register({ email: 'race@example.com', password: 'correct horse battery', name: 'Race' });
  for (let i = 0; i < 40; i++) {
    const s = await pauz.freeJournal.create(user.id, { title: `Entry ${i}` });
    await pauz.freeJournal.save(user.id, s.id, { content: Array.from({ length: 600 }, (_, k) => `w${k}`).join(' ') });
  }
  const bodies = [{ to: '2000-01-01' }, {}, { to: '2000-01-01' }, {}, { tz: 'America/Adak' }, {}];
  const answers = await Promise.all(
    bodies.map(async (body) => {
      const res = await handle(
        new Request('http://pauz.test/export/book', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      );
      expect(res.status).toBe(201);
      return (await res.json()) as { url: string; size: number };
    }),
  );
  const mismatches: string[] = [];
  for (const [i, answer] of answers.entries()) {
    const res = await handle(new Request(answer.url));
    if (res.status === 404) continue;
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength !== answer.size) mismatches.push(`${JSON.stringify(bodies[i])}: answered size ${answer.size}, link served ${bytes.byteLength} bytes`);
  }
  expect(mismatches).toEqual([]);
});
