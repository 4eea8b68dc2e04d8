/**
 * Memory of the book export (`pauz.exports.book`): the same account shape at 100 and
 * at 500 entries (free journals of about a page and a half, every fifth a guided
 * journal), the peak of the live JS heap (plus array buffers: the compressed pages
 * and the PDF) above the idle heap while the book is made, sampled after a full
 * collection every 200 ms. pdf-lib holds the whole document
 * until it is saved, so some growth per entry is inherent; the bench shows it is the
 * PDF's own size (compressed pages), not the entries' text or drawing operators, by
 * printing the per-entry cost next to the PDF's bytes per entry, and the ratio of the
 * two peaks (5 would mean "all of it grows with the entries").
 *
 * Run from the repository root (needs `--expose-gc`):
 *   pnpm --filter @pauz/core bench
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPauz, memoryPdfStore } from '../src/index.js';
import { createSqliteDatabase } from '../src/sqlite.js';
import { memoryBuckets } from '../src/storage/memory.js';
import { manualClock, TEST_PASSWORD_HASHER } from '../src/testing/index.js';
// @ts-ignore -- plain JS shared with the root benchmarks (bench/), bundled by tsup; bench/ is not type-checked
import { journalParagraphs } from '../../../bench/journal-text.mjs';

const SIZES = [100, 500] as const;
const SAMPLE_MS = 200;
const WORDS_PER_ENTRY = Number(process.env.PAUZ_BENCH_BOOK_WORDS ?? 700);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

interface Sample {
  entries: number;
  peakHeap: number;
  peakHeapAndBuffers: number;
  pdfBytes: number;
  ms: number;
}

const used = (): { heap: number; all: number } => {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, all: m.heapUsed + m.arrayBuffers };
};

async function measure(entries: number): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'pauz-book-bench-'));
  const clock = manualClock('2024-01-01T08:00:00Z');
  const db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
  const pdfs = memoryPdfStore({ secret: 'b'.repeat(32), publicBaseUrl: 'http://127.0.0.1:9', clock });
  const pauz = createPauz({ db, buckets: memoryBuckets({ clock }), pdfs, clock, passwordHasher: TEST_PASSWORD_HASHER });
  try {
    await pauz.migrate();
    const { user } = await pauz.accounts.register({ email: 'bench@example.com', password: 'correct horse battery', name: 'Bench' });
    const paragraphs: string[] = journalParagraphs(WORDS_PER_ENTRY * 8);
    for (let i = 0; i < entries; i++) {
      clock.advance(86_400_000);
      if (i % 5 === 4) {
        await pauz.guidedJournals.create(user.id, {
          topic: 'growth',
          entries: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((promptId) => ({ promptId, response: paragraphs[(i + promptId) % paragraphs.length]! })),
        });
      } else {
        const session = await pauz.freeJournal.create(user.id, { title: `Day ${i + 1}` });
        // The same amount of text in every entry, different text from entry to entry.
        const content = paragraphs.slice(i % 4, (i % 4) + 6).join('\n\n').split(' ').slice(0, WORDS_PER_ENTRY).join(' ');
        await pauz.freeJournal.save(user.id, session.id, { content });
      }
    }
    // A warm-up book, so both sizes find the renderer and the font loaded.
    await pauz.exports.book(user.id, { to: '2024-01-03' });
    gc();
    gc();
    const idle = used();
    let peak = idle;
    // Live memory, not garbage: collect before each sample (the renderer yields once a page).
    const timer = setInterval(() => {
      gc();
      const now = used();
      peak = { heap: Math.max(peak.heap, now.heap), all: Math.max(peak.all, now.all) };
    }, SAMPLE_MS);
    const start = performance.now();
    const book = await pauz.exports.book(user.id);
    const ms = performance.now() - start;
    clearInterval(timer);
    const end = used();
    peak = { heap: Math.max(peak.heap, end.heap), all: Math.max(peak.all, end.all) };
    return { entries, peakHeap: peak.heap - idle.heap, peakHeapAndBuffers: peak.all - idle.all, pdfBytes: book.size, ms };
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [small, large] = [await measure(SIZES[0]), await measure(SIZES[1])] as const;
  const mb = (n: number): string => `${(n / 1_048_576).toFixed(1).padStart(6)} MB`;
  console.log(`Book export memory: entries of about ${WORDS_PER_ENTRY} words (every fifth a guided journal), node ${process.version}`);
  for (const s of [small, large]) {
    console.log(
      `  ${String(s.entries).padStart(4)} entries: peak heap ${mb(s.peakHeap)}, heap + buffers ${mb(s.peakHeapAndBuffers)}, PDF ${mb(s.pdfBytes)}, ${s.ms.toFixed(0)} ms`,
    );
  }
  const added = large.entries - small.entries;
  const perEntry = (large.peakHeapAndBuffers - small.peakHeapAndBuffers) / added;
  const constant = small.peakHeapAndBuffers - perEntry * small.entries;
  const pdfPerEntry = (large.pdfBytes - small.pdfBytes) / added;
  const heapPerEntry = (large.peakHeap - small.peakHeap) / added;
  console.log(
    `  growth per entry: ${(heapPerEntry / 1024).toFixed(1)} KB of heap, ${(perEntry / 1024).toFixed(1)} KB with buffers; the PDF itself ${(pdfPerEntry / 1024).toFixed(1)} KB per entry`,
  );
  console.log(`  constant part: ${mb(constant)}`);
  console.log(`  ratio of peaks ${large.entries}/${small.entries} entries: ${(large.peakHeapAndBuffers / small.peakHeapAndBuffers).toFixed(2)} (entries ×${large.entries / small.entries})`);
  console.log(`  memory per entry / PDF bytes per entry: ${(perEntry / pdfPerEntry).toFixed(2)}`);
}

await main();
