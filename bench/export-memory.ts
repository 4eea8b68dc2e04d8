/**
 * Export memory benchmark: how much streaming an account export (`GET /account/export`'s
 * `pauz.portability.export()`) raises the peak memory of a process, for an account of
 * 10 recordings and one of 100 (1 MB each, one session each, on a SQLite file and
 * filesystem buckets). A bounded export costs the same for both: the ratio of the two
 * peaks (over each process's own idle baseline) is ≈ 1, not ≈ 10.
 *
 * Each scenario runs in a fresh process with --expose-gc: it fills the account, collects
 * garbage, takes the baseline, then pipes the export into a sink that only counts
 * bytes, sampling RSS, the V8 heap and array buffers every 2 ms. Nothing is asserted.
 *
 * Run from the repository root (after `pnpm build`):
 *   pnpm run bench:export
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPauz, pauzBuckets } from '../packages/core/src/index.js';
import { fsBucket } from '../packages/core/src/local/fs-bucket.js';
import { fsPdfStore } from '../packages/core/src/local/fs-pdf-store.js';
import { createSqliteDatabase } from '../packages/core/src/sqlite.js';
import { makeWav, TEST_PASSWORD_HASHER } from '../packages/core/src/testing/index.js';

const MB = 1_000_000;
const SCENARIOS = [10, 100];

interface Result {
  recordings: number;
  archiveBytes: number;
  peakRss: number;
  peakHeap: number;
  peakArrayBuffers: number;
  seconds: number;
}

async function scenario(recordings: number): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'pauz-bench-export-'));
  const db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
  const pauz = createPauz({
    db,
    buckets: pauzBuckets((name) => fsBucket({ root: join(dir, 'buckets'), name })),
    pdfs: fsPdfStore({ root: join(dir, 'pdfs'), publicBaseUrl: 'http://127.0.0.1:9', secret: 'x'.repeat(32) }),
    passwordHasher: TEST_PASSWORD_HASHER,
  });
  await pauz.migrate();
  const { user } = await pauz.accounts.register({ email: 'bench@example.com', password: 'correct horse battery' });
  const audio = makeWav({ seconds: 31.25 });
  for (let i = 0; i < recordings; i++) {
    const session = await pauz.freeJournal.create(user.id, { title: `Session ${i}` });
    await pauz.freeJournal.save(user.id, session.id, { content: `Entry ${i}. `.repeat(500) });
    await pauz.recordings.store(user.id, session.id, { audio });
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  await new Promise((r) => setTimeout(r, 50));
  const base = process.memoryUsage();
  const peak = { rss: base.rss, heap: base.heapUsed, arrayBuffers: base.arrayBuffers };
  const sample = setInterval(() => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heapUsed);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
  }, 2);
  const started = performance.now();
  let archiveBytes = 0;
  const zip = await pauz.portability.export(user.id);
  await zip.pipeTo(
    new WritableStream<Uint8Array>({
      write(chunk) {
        archiveBytes += chunk.byteLength;
      },
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  await pauz.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    recordings,
    archiveBytes,
    peakRss: peak.rss - base.rss,
    peakHeap: peak.heap - base.heapUsed,
    peakArrayBuffers: peak.arrayBuffers - base.arrayBuffers,
    seconds,
  };
}

const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only !== undefined) {
    process.stdout.write(`${JSON.stringify(await scenario(Number(only)))}\n`);
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const results: Result[] = SCENARIOS.map((n) => {
    const run = spawnSync(process.execPath, ['--expose-gc', self, String(n)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`scenario ${n} failed: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').pop() as string) as Result;
  });
  for (const r of results) {
    console.log(
      `${String(r.recordings).padStart(4)} recordings: archive ${mb(r.archiveBytes)}, peak over baseline RSS ${mb(r.peakRss)}, heap ${mb(r.peakHeap)}, array buffers ${mb(r.peakArrayBuffers)} (${r.seconds.toFixed(2)} s)`,
    );
  }
  const [small, large] = results as [Result, Result];
  console.log(
    `archive ×${(large.archiveBytes / small.archiveBytes).toFixed(1)}; peak RSS ×${(large.peakRss / Math.max(small.peakRss, 1)).toFixed(2)}, heap ×${(large.peakHeap / Math.max(small.peakHeap, 1)).toFixed(2)}, array buffers ×${(large.peakArrayBuffers / Math.max(small.peakArrayBuffers, 1)).toFixed(2)} (≈ 1: bounded)`,
  );
}

await main();
