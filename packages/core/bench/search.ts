/**
 * Search benchmark: the first page of `pauz.search.query` on a user with 100 and
 * with 10,000 free-journal entries, as the ratio of the two medians measured in the
 * same run (the spec: the first page must not get slower with the number of
 * entries). Two queries: a word found in 10 entries however many there are (what
 * an index makes cheap), and a word found in every entry (ranked over every match:
 * shown for honesty, it grows with the matches).
 *
 * SQLite always (a temp file); PostgreSQL too when PAUZ_TEST_POSTGRES_URL is set
 * (a schema of its own, dropped at the end).
 *
 * Run from the repository root:
 *   pnpm --filter @pauz/core bench:search
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createPauz, type Pauz } from '../src/pauz.js';
import { createSqliteDatabase } from '../src/sqlite.js';
import { openPostgresSchema } from '../test/postgres.js';
import { memoryBuckets } from '../src/storage/memory.js';
import { memoryPdfStore } from '../src/pdf-store/memory.js';
import { atomicBatch } from '../src/db/atomic.js';
import { searchIndexStatements } from '../src/search/index-rows.js';
import { freeEntry } from '../src/search/entries.js';
import { scryptPasswordHasher } from '../src/accounts/passwords.js';
import { sql, type SqlBool } from 'kysely';

const RUNS = Number(process.env.PAUZ_BENCH_RUNS ?? 40);
const SIZES = [100, 10_000] as const;

/** A deterministic pseudo-random journal entry of about 120 words. */
function entryText(i: number): string {
  let seed = (i + 1) * 2_654_435_761;
  const words: string[] = [];
  for (let w = 0; w < 120; w++) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    words.push(`w${(seed >>> 8) % 3000}`);
  }
  return `${words.join(' ')} day`;
}

async function seed(pauz: Pauz, userId: string, count: number): Promise<void> {
  const { db } = pauz;
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let start = 0; start < count; start += 200) {
    const statements = [];
    for (let i = start; i < Math.min(count, start + 200); i++) {
      const at = new Date(base + i * 60_000).toISOString();
      // Ten entries hold the rare word whatever the count.
      const content = `${entryText(i)}${i % Math.floor(count / 10) === 0 ? ' lighthouse' : ''}`;
      const row = { id: `s-${count}-${i}`, user_id: userId, title: `Day ${i}`, content, search_text: '', word_count: 121, mood: null, version: 1, created_at: at, updated_at: at };
      statements.push(db.insertInto('pauz_free_sessions').values(row));
      statements.push(...searchIndexStatements(db, freeEntry(userId, { ...row, createdAt: at, updatedAt: at }), sql<SqlBool>`1 = 1`));
    }
    await atomicBatch(db, statements);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function firstPageMs(pauz: Pauz, userId: string, q: string): Promise<number> {
  for (let i = 0; i < 5; i++) await pauz.search.query(userId, { q });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await pauz.search.query(userId, { q });
    times.push(performance.now() - t);
  }
  return median(times);
}

async function measure(name: string, open: () => Promise<{ db: Kysely<any>; close: () => Promise<void> }>): Promise<void> {
  const results: Record<string, Record<number, number>> = { rare: {}, common: {} };
  for (const size of SIZES) {
    const { db, close } = await open();
    const pauz = createPauz({
      db,
      buckets: memoryBuckets(),
      pdfs: memoryPdfStore({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1' }),
      passwordHasher: scryptPasswordHasher({ params: { logN: 10, r: 8, p: 1 } }),
      closeDb: false,
    });
    await pauz.migrate();
    const { user } = await pauz.accounts.register({ email: `bench-${size}@example.com`, password: 'correct horse battery' });
    await seed(pauz, user.id, size);
    const rare = await pauz.search.query(user.id, { q: 'lighthouse' });
    if (rare.items.length !== 10) throw new Error(`expected 10 matches of the rare word, got ${rare.items.length}`);
    results.rare![size] = await firstPageMs(pauz, user.id, 'lighthouse');
    results.common![size] = await firstPageMs(pauz, user.id, 'day');
    await close();
  }
  for (const [query, bySize] of Object.entries(results)) {
    const small = bySize[SIZES[0]] as number;
    const large = bySize[SIZES[1]] as number;
    console.log(
      `${name}: first page, ${query === 'rare' ? 'a word in 10 entries' : 'a word in every entry'}: ` +
        `${small.toFixed(2)} ms at ${SIZES[0]} entries, ${large.toFixed(2)} ms at ${SIZES[1]} — ratio ${(large / small).toFixed(2)}`,
    );
  }
}

await measure('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pauz-bench-search-'));
  const db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
  return { db, close: async () => { await db.destroy(); rmSync(dir, { recursive: true, force: true }); } };
});

const url = process.env.PAUZ_TEST_POSTGRES_URL;
if (url !== undefined && url !== '') await measure('postgres', openPostgresSchema);
else console.log('postgres: skipped (PAUZ_TEST_POSTGRES_URL is not set)');
