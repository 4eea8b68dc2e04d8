import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/*
 * The built package as a browser or React Native bundler meets it (`pnpm test` builds
 * first): fetch only, nothing of Node, zod or @pauz/core at run time, and small.
 */
const dist = (file: string): string => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

// Budget for the minified and gzipped ESM bundle; it measures about 2.4 KB.
const MAX_GZIP_BYTES = 4 * 1024;

describe('the built @pauz/client', () => {
  it.each(['index.js', 'index.cjs'])('%s imports nothing of Node, zod or @pauz/core', (file) => {
    const code = readFileSync(dist(file), 'utf8');
    expect(code).not.toMatch(/\bfrom\s*["']node:|\bimport\s*\(\s*["']|\brequire\s*\(/);
    expect(code).not.toMatch(/["'](zod|@pauz\/core)(\/[^"']*)?["']/);
    expect(code).not.toMatch(/\bprocess\.|\bBuffer\b|__dirname/);
  });

  it('bundles for a neutral platform from its own code alone, and stays small', async () => {
    const result = await build({
      entryPoints: [dist('index.js')],
      bundle: true,
      minify: true,
      format: 'esm',
      // No Node built-ins, no main fields: an import of anything Node-only fails to resolve.
      platform: 'neutral',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(Object.keys(result.metafile.inputs)).toEqual([expect.stringMatching(/dist\/index\.js$/)]);
    const bundle = result.outputFiles[0]?.contents ?? new Uint8Array();
    const gzipped = gzipSync(bundle, { level: 9 }).byteLength;
    console.log(`@pauz/client: ${bundle.byteLength} bytes minified, ${gzipped} bytes minified+gzipped`);
    expect(gzipped).toBeLessThan(MAX_GZIP_BYTES);
  });
});
