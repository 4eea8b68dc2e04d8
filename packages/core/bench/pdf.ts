/**
 * PDF renderer benchmark: a ~100-page journal rendered by Pauz, compared with
 * baselines measured in the same run (ratios, not absolute numbers, mean something
 * across machines):
 *
 * - pdf-lib baseline: the same text pre-wrapped by character count and drawn with the
 *   built-in Helvetica, one `drawText` per line — no embedded font, no measuring.
 * - ReportLab (the original app's engine), when `import reportlab` works in a
 *   Python 3 found on the PATH or at /usr/bin/python3; it times itself, so
 *   interpreter start-up is excluded.
 *
 * Run from the repository root:
 *   pnpm exec tsup packages/core/bench/pdf.ts --no-config --format esm --platform node \
 *     --target node20 --out-dir node_modules/.cache/pauz-bench --silent \
 *     && node node_modules/.cache/pauz-bench/pdf.js
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { freeJournalPdfDocument } from '../src/pdf/builders/free-journal.js';
import { renderJournalPdf } from '../src/pdf/render.js';
// @ts-ignore -- plain JS shared with the root benchmarks (bench/), bundled by tsup; bench/ is not type-checked
import { journalParagraphs } from '../../../bench/journal-text.mjs';

const RUNS = Number(process.env.PAUZ_BENCH_RUNS ?? 7);
const WORDS = Number(process.env.PAUZ_BENCH_WORDS ?? 46_500);

/** Plain pdf-lib, Helvetica, lines wrapped by character count, one drawText per line. */
async function pdfLibBaseline(title: string, paragraphs: readonly string[]): Promise<{ bytes: Uint8Array; pages: number }> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    for (const hard of paragraph.split('\n')) {
      let line = '';
      for (const word of hard.split(' ')) {
        if (line.length + word.length + 1 > 88) {
          lines.push(line);
          line = word;
        } else line = line === '' ? word : `${line} ${word}`;
      }
      lines.push(line);
    }
    lines.push('');
  }
  let page = pdf.addPage([595.28, 841.89]);
  let y = 841.89 - 64;
  page.drawText(title, { x: 64, y: y - 22, size: 22, font });
  y -= 40;
  for (const line of lines) {
    if (y < 64 + 16) {
      page = pdf.addPage([595.28, 841.89]);
      y = 841.89 - 64;
    }
    y -= 16;
    if (line !== '') page.drawText(line, { x: 64, y, size: 11, font });
  }
  pdf.getPages().forEach((p, i) => p.drawText(`Page ${i + 1}`, { x: 280, y: 32, size: 9, font }));
  return { bytes: await pdf.save(), pages: pdf.getPageCount() };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function reportLab(title: string, paragraphs: readonly string[]): { ms: number; pages: number; font: string } | string {
  // Bundled into a cache directory, so look next to the working directory instead.
  const script = [join(process.cwd(), 'packages/core/bench/pdf-reportlab.py'), join(process.cwd(), 'bench/pdf-reportlab.py')].find(existsSync);
  if (script === undefined) return 'skipped: run from the repository root (bench/pdf-reportlab.py not found)';
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import reportlab'], { stdio: 'ignore' });
    if (probe.status !== 0) continue;
    const out = execFileSync(python, [script], { input: JSON.stringify({ title, paragraphs, runs: RUNS }), maxBuffer: 1 << 20 });
    return JSON.parse(out.toString()) as { ms: number; pages: number; font: string };
  }
  return 'skipped: no Python 3 with reportlab (apt-get install python3-reportlab)';
}

async function main(): Promise<void> {
  const title = 'A hundred pages of mornings';
  const paragraphs: string[] = journalParagraphs(WORDS);
  const content = paragraphs.join('\n\n');
  const doc = freeJournalPdfDocument({ title, createdAt: '2026-06-15T12:00:00Z', mood: 'calm', content });

  const firstStart = performance.now();
  const first = await renderJournalPdf(doc);
  const coldMs = performance.now() - firstStart;
  const pauzPages = (await PDFDocument.load(first)).getPageCount();
  const baseline = await pdfLibBaseline(title, paragraphs);

  const pauzTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    // Alternate the order so neither side always runs on a warmer heap.
    const a = await time(() => renderJournalPdf(doc));
    const b = await time(() => pdfLibBaseline(title, paragraphs));
    if (i === 0) continue;
    pauzTimes.push(a);
    baselineTimes.push(b);
  }
  const pauz = median(pauzTimes);
  const base = median(baselineTimes);
  const rl = reportLab(title, paragraphs);

  const fmt = (ms: number): string => `${ms.toFixed(1).padStart(8)} ms`;
  console.log(`PDF benchmark: ${WORDS} words, median of ${RUNS} runs (node ${process.version})`);
  console.log(`  Pauz renderJournalPdf (DejaVu subset, wrapped, ${pauzPages} pages) ${fmt(pauz)}   first run ${coldMs.toFixed(1)} ms`);
  console.log(`  pdf-lib baseline (Helvetica, pre-wrapped, ${baseline.pages} pages)        ${fmt(base)}`);
  console.log(`  ratio Pauz / pdf-lib baseline: ${(pauz / base).toFixed(2)}`);
  if (typeof rl === 'string') console.log(`  ReportLab: ${rl}`);
  else {
    console.log(`  ReportLab (${rl.font}, platypus, ${rl.pages} pages)            ${fmt(rl.ms)}`);
    console.log(`  ratio Pauz / ReportLab: ${(pauz / rl.ms).toFixed(2)}`);
  }
}

await main();
