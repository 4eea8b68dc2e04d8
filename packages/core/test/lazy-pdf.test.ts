import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/*
 * pdf-lib, fontkit and the renderer cost hundreds of milliseconds to load: a server
 * that never exports must not pay for them at start-up. The root entry reaches them
 * only through a dynamic import, in both builds; the first render loads them.
 * Checked on the built output (run after `pnpm build`).
 */

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const STATIC = /^(?:import|export)\b[^'"\n]*?(?:from\s*)?["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)/gm;
const PDF_PACKAGES = /^(?:pdf-lib|@pdf-lib\/fontkit)(?:\/|$)/;

/** Every module `entry` loads when it is imported, following static imports (and top-level requires) only. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    // A lazy chunk is required inside a function (`Promise.resolve().then(() => require(...))`), not at the top.
    const code = readFileSync(join(dist, file), 'utf8').replace(/Promise\.resolve\(\)\.then\(\(\) => require\([^)]*\)\)/g, '');
    for (const m of code.matchAll(STATIC)) {
      const specifier = (m[1] ?? m[2]) as string;
      if (specifier.startsWith('./')) visit(specifier.slice(2));
      else seen.add(specifier);
    }
  };
  visit(entry);
  return seen;
}

const run = async (args: string[]): Promise<string> =>
  (await promisify(execFile)(process.execPath, args, { cwd: dist, timeout: 30_000 })).stdout.trim();

describe('the PDF renderer is loaded on first use', () => {
  it('is not in what the ESM or the CJS root entry loads', () => {
    expect(existsSync(join(dist, 'index.js')), 'run `pnpm build` first').toBe(true);
    for (const entry of ['index.js', 'index.cjs']) {
      const loaded = [...staticClosure(entry)].filter((s) => PDF_PACKAGES.test(s));
      expect(loaded, entry).toEqual([]);
    }
  });

  it('CJS: require() loads no PDF module, the first render loads them and writes a PDF', async () => {
    const script = `
      const core = require('./index.cjs');
      const pdfModules = () => Object.keys(require.cache).filter((k) => /[\\\\/](pdf-lib|@pdf-lib)[\\\\/]/.test(k)).length;
      const before = pdfModules();
      const doc = core.freeJournalPdfDocument({ title: 'Lazy', createdAt: '2026-06-15T12:00:00Z', content: 'Hello.' });
      core.renderJournalPdf(doc).then((bytes) => {
        console.log(JSON.stringify({ before, after: pdfModules() > 0, head: Buffer.from(bytes.subarray(0, 5)).toString() }));
      });`;
    expect(JSON.parse(await run(['-e', script]))).toEqual({ before: 0, after: true, head: '%PDF-' });
  });

  it('ESM: the first render writes a PDF', async () => {
    const script = `
      const core = await import('./index.js');
      const doc = core.freeJournalPdfDocument({ title: 'Lazy', createdAt: '2026-06-15T12:00:00Z', content: 'Hello.' });
      const bytes = await core.renderJournalPdf(doc);
      console.log(new TextDecoder().decode(bytes.subarray(0, 5)));`;
    expect(await run(['--input-type=module', '-e', script])).toBe('%PDF-');
  });
});
