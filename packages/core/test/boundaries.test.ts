import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * `@pauz/core`'s root entry must run anywhere Web APIs do (Workers, Raindrop, Bun):
 * no `node:` import and no optional peer anywhere in what it loads. Checked on the
 * built output, following every chunk it imports (run after `pnpm build`).
 */

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
// Module syntax of the built files: static imports and re-exports start a line, dynamic ones are calls.
const IMPORT = /^(?:import|export)\b[^'"\n]*?(?:from\s*)?["']([^"']+)["']|\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/gm;

function closure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    // Messages are not imports: the bundled fontkit says "require('iconv-lite')…" in an
    // error text. A double-quoted string with a space in it is never a specifier.
    const code = readFileSync(join(dist, file), 'utf8').replace(/"[^"\n]* [^"\n]*"/g, '""');
    const specifiers = [...code.matchAll(IMPORT)].map((m) => (m[1] ?? m[2]) as string);
    seen.set(file, specifiers);
    for (const s of specifiers) if (s.startsWith('./')) visit(s.slice(2));
  };
  visit(entry);
  return seen;
}

describe('package boundaries', () => {
  // The root, `@pauz/core/http` and `@pauz/core/adapters`: what Workers, Raindrop and Bun hosts load.
  it.each(['index.js', 'http.js', 'adapters.js', 'index.cjs', 'http.cjs', 'adapters.cjs'])('keeps %s runtime-neutral', (entry) => {
    const external = [...closure(entry).values()].flat().filter((s) => !s.startsWith('./'));
    if (entry.startsWith('index')) expect(external.length).toBeGreaterThan(0);
    // pako: the bundled fontkit's inflate (pdf-lib's own dependency too).
    // fflate: the account export's zip writer and the import's streaming reader (pure JS, Web APIs only).
    const allowed = new Set(['kysely', 'zod', '@noble/hashes', 'pdf-lib', 'pako', 'multipasta', 'fflate']);
    for (const specifier of external) {
      const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string);
      expect(allowed.has(pkg), `${entry} imports ${specifier}`).toBe(true);
    }
  });

  // The S3 store for Workers and Raindrop services: no AWS SDK (an optional peer a worker may not install), no `node:`.
  it.each(['s3-fetch.js', 's3-fetch.cjs'])('keeps %s free of the AWS SDK and of node:', (entry) => {
    const external = [...closure(entry).values()].flat().filter((s) => !s.startsWith('./'));
    expect(external).toContain('aws4fetch');
    expect([...new Set(external)]).toEqual(['aws4fetch']);
    expect([...closure('s3.js').values()].flat()).toContain('@aws-sdk/client-s3');
  });

  it('keeps each optional peer behind its own entry', () => {
    const externals = (entry: string): string[] => [...closure(entry).values()].flat().filter((s) => !s.startsWith('./'));
    expect(externals('sqlite.js')).toContain('better-sqlite3');
    expect(externals('sqlite.js')).not.toContain('pg');
    expect(externals('postgres.js')).toContain('pg');
    expect(externals('postgres.js')).not.toContain('better-sqlite3');
  });
});
