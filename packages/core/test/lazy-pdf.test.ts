import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

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

describe('what else a server loads only when used', () => {
  it('the 230 KB default font and the portable scrypt are not in what the root entries load', () => {
    for (const entry of ['index.js', 'index.cjs']) {
      const closure = [...staticClosure(entry)];
      const ownFiles = closure.filter((file) => existsSync(join(dist, file)));
      expect(ownFiles.length, entry).toBeGreaterThan(1);
      const font = ownFiles.filter((file) => readFileSync(join(dist, file), 'utf8').includes('DEJAVU_SANS_SUBSET_BASE64 ='));
      expect(font, entry).toEqual([]);
      expect(closure.filter((s) => s.startsWith('@noble/')), entry).toEqual([]);
    }
  });

  it('the default font loads on the first call, once', async () => {
    const script = `
      const core = await import('./index.js');
      const [a, b] = await Promise.all([core.defaultPdfFont(), core.defaultPdfFont()]);
      console.log(JSON.stringify({ same: a === b, ttf: Array.from(a.subarray(0, 4)), size: a.byteLength }));`;
    const out = JSON.parse(await run(['--input-type=module', '-e', script])) as { same: boolean; ttf: number[]; size: number };
    expect(out.same).toBe(true);
    expect(out.ttf).toEqual([0, 1, 0, 0]);
    expect(out.size).toBeGreaterThan(100_000);
  });

  it("zod is imported as a namespace everywhere, so a bundler keeps only what is used", () => {
    // `import { z } from 'zod'` takes zod's whole `z` object: 758 KB in a bundle for one
    // schema, against 170 KB through the namespace (docs/performance.md, cold start).
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && /import (?:type )?\{[^}]*\bz\b[^}]*\} from 'zod'/.test(readFileSync(path, 'utf8'))) offenders.push(path);
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
