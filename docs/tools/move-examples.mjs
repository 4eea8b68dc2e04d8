// Moves every inline ```ts block of an @example in packages/*/src into a snippet file
// docs/snippets/api/<pkg>/<source path>[.N].ts and leaves {@includeCode …} in its place
// (CONTRIBUTING.md, "Examples in doc comments"). Idempotent: an @example that already
// includes a snippet is left alone. Use it after merging a branch that wrote examples
// inline: `node docs/tools/move-examples.mjs`, then `pnpm vitest run --project tsdoc-examples`.
import { existsSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const ROOT = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../..');
const files = [];
// Every package of the workspace with sources.
for (const pkg of readdirSync(join(ROOT, 'packages')).filter((name) => existsSync(join(ROOT, 'packages', name, 'src'))).sort()) {
  const src = join(ROOT, 'packages', pkg, 'src');
  for (const e of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.endsWith('.test.ts')) files.push([pkg, join(e.parentPath, e.name)]);
  }
}
let count = 0;
for (const [pkg, file] of files.sort()) {
  const lines = readFileSync(file, 'utf8').split('\n');
  if (!lines.some((l) => /^\s*\*\s*@example\b/.test(l))) continue;
  const rel = relative(join(ROOT, 'packages', pkg, 'src'), file).replace(/\.ts$/, '');
  let n = 0;
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    if (!/^\s*\*\s*@example\b/.test(lines[i])) continue;
    if (/\{@includeCode/.test(lines[i + 1])) continue;
    // find the fence
    let j = i + 1;
    while (!/^\s*\*\s*```(ts|typescript)/.test(lines[j])) { if (/^\s*\*\s*@\w|\*\//.test(lines[j])) throw new Error(`${file}:${i+1} no fence`); j++; }
    if (j !== i + 1) throw new Error(`${file}:${i+1} text between @example and fence: ${lines.slice(i+1,j).join('|')}`);
    const indent = lines[j].match(/^(\s*)\*/)[1];
    const info = lines[j].replace(/^\s*\*\s*```(ts|typescript)\s*/, '').trim();
    let k = j + 1;
    const code = [];
    while (!/^\s*\*\s*```\s*$/.test(lines[k])) { code.push(lines[k].replace(/^\s*\* ?/, '')); k++; }
    n++;
    let name = `${rel}${n > 1 || lines.slice(k).some((l) => /^\s*\*\s*@example\b/.test(l)) ? `.${n}` : ''}.ts`;
    let target = join(ROOT, 'docs/snippets/api', pkg, name);
    for (let m = 2; existsSync(target); m++) target = join(ROOT, 'docs/snippets/api', pkg, `${rel}.${m}.ts`);
    mkdirSync(dirname(target), { recursive: true });
    const body = info === ''
      ? `${code.join('\n')}\n`
      : `// ${info}\n// #region example\n${code.join('\n')}\n// #endregion example\n`;
    writeFileSync(target, body);
    const link = relative(dirname(file), target) + (info === '' ? '' : '#example');
    out.push(`${indent}* {@includeCode ${link}}`);
    i = k;
    count++;
  }
  writeFileSync(file, out.join('\n'));
}
console.log(count, 'examples moved');
