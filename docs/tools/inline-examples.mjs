// Run after a package's build: `node ../../docs/tools/inline-examples.mjs dist`.
// In the sources an `@example` is `{@includeCode ../…/docs/snippets/api/….ts}` (the
// snippet is type-checked and run in CI, see examples/tsdoc-examples), which TypeDoc
// renders. The published declarations must stand alone — the repository's docs/
// folder is not in the tarball, and editors show the comment as written — so this
// replaces each such tag in dist/**/*.d.ts and *.d.cts with the snippet's code (its
// region when one is named) as a ```ts block. Fails on a tag it cannot resolve.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = resolve(process.argv[2] ?? 'dist');
const TAG = /^(\s*)\* \{@includeCode\s+(?:\.\.\/)+(docs\/snippets\/api\/[^\s#}]+)(?:#([\w-]+))?\}\s*$/;

function snippet(path, region) {
  const text = readFileSync(join(root, path), 'utf8').replace(/\n$/, '');
  if (region === undefined) return text;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `// #region ${region}`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === `// #endregion ${region}`);
  if (start < 0 || end < 0) throw new Error(`${path}: no region ${region}`);
  return lines.slice(start + 1, end).join('\n');
}

let replaced = 0;
const left = [];
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.d\.c?ts$/.test(entry.name)) continue;
  const file = join(entry.parentPath, entry.name);
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = lines.flatMap((line) => {
    const tag = TAG.exec(line);
    if (tag === null) {
      if (line.includes('{@includeCode')) left.push(`${file}: ${line.trim()}`);
      return [line];
    }
    replaced++;
    const [, indent, path, region] = tag;
    const code = snippet(path, region).replaceAll('*/', '*\\/');
    return ['```ts', ...code.split('\n'), '```'].map((l) => `${indent}*${l === '' ? '' : ` ${l}`}`);
  });
  writeFileSync(file, out.join('\n'));
}
if (left.length > 0) {
  console.error(`{@includeCode} tags this script cannot inline:\n  ${left.join('\n  ')}`);
  process.exit(1);
}
console.log(`inline-examples: ${replaced} @example snippets inlined into ${dist}`);
