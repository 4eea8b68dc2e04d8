/**
 * Content-size benchmark: what a save, a read and a PDF export of one free-journal
 * session cost at the size of the 100-page benchmark journal and at the content
 * limits considered (SQLite file, filesystem buckets, through the SDK). Ratios to the
 * 100-page journal, medians of PAUZ_BENCH_CONTENT_RUNS (default 3) runs.
 *
 * Run from the repository root (after `pnpm build`): pnpm run bench:content
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPauzFromEnv } from '../packages/core/dist/env.js';
import { journalText, journalTextOfLength } from './journal-text.mjs';

const RUNS = Number(process.env.PAUZ_BENCH_CONTENT_RUNS ?? 3);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'pauz-bench-content-'));
const pauz = await createPauzFromEnv({ PAUZ_STORAGE: 'local', PAUZ_DATA_DIR: dir }, { limits: { contentChars: 2_000_000 } });
await pauz.migrate();
const { user } = await pauz.accounts.register({ email: 'bench@example.com', password: 'correct horse battery staple' });

const hundredPages = journalText().length;
// Warm up: the first export loads the PDF renderer.
const warm = await pauz.freeJournal.create(user.id);
await pauz.freeJournal.save(user.id, warm.id, { content: journalTextOfLength(20_000) });
await pauz.exports.freeJournal(user.id, warm.id);
const sizes = [['100-page journal', hundredPages], ['500,000 chars', 500_000], ['1,000,000 chars', 1_000_000]];
const rows = [];
for (const [label, chars] of sizes) {
  const content = journalTextOfLength(chars);
  const session = await pauz.freeJournal.create(user.id);
  const save = [], get = [], pdf = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await pauz.freeJournal.save(user.id, session.id, { content: content.slice(0, chars - i) });
    save.push(performance.now() - t);
    t = performance.now();
    await pauz.freeJournal.get(user.id, session.id);
    get.push(performance.now() - t);
    t = performance.now();
    bytes = (await pauz.exports.freeJournal(user.id, session.id)).size;
    pdf.push(performance.now() - t);
  }
  const utf8 = Buffer.byteLength(JSON.stringify({ content }));
  const cjk = Buffer.byteLength(JSON.stringify({ content: '日'.repeat(chars) }));
  rows.push({ label, chars, save: median(save), get: median(get), pdf: median(pdf), bytes, utf8, cjk });
}
await pauz.close();
rmSync(dir, { recursive: true, force: true });

const base = rows[0];
const ms = (v) => `${v.toFixed(1).padStart(7)} ms`;
console.log(`Content size benchmark: one session, SQLite + filesystem, median of ${RUNS} (node ${process.version})`);
for (const r of rows) {
  console.log(
    `  ${r.label.padEnd(17)} ${String(r.chars).padStart(8)} chars  save ${ms(r.save)}  get ${ms(r.get)}  PDF ${ms(r.pdf)} (${(r.bytes / 1e6).toFixed(2)} MB)` +
      `  JSON body ${(r.utf8 / 1e6).toFixed(2)} MB (all CJK: ${(r.cjk / 1e6).toFixed(2)} MB)`,
  );
}
for (const r of rows.slice(1)) {
  console.log(`  ratio ${r.label} / 100-page journal: save ${(r.save / base.save).toFixed(2)}, get ${(r.get / base.get).toFixed(2)}, PDF ${(r.pdf / base.pdf).toFixed(2)}`);
}
