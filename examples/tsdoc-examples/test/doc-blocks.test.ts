/**
 * Every ```ts block of README.md and of the guides (the `projectDocuments` of
 * typedoc.json, so a new guide is checked the day it is added) is compiled with
 * `tsc --strict` and `skipLibCheck: false` against the built packages, each block
 * as a module of its own. A block may use the prelude names of globals.d.ts
 * (`pauz`, `db`, `buckets`, `pdfs`, `user`, `audio`, `env`), as the `@example`
 * snippets do; everything else it imports or defines.
 *
 * Fence attributes, to be used rarely:
 * - "```ts ignore: <reason>": not compiled (an intentionally partial block); the
 *   reason shows in the test names.
 * - "```ts known-failure: <reason>": compiled and expected NOT to compile, for a
 *   block a pending change fixes; the test fails once it compiles, so the mark
 *   cannot outlive the fix.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '../../..');
// Its own directory: the @example test clears .generated/ when it starts, possibly while this one compiles.
const GENERATED = join(here, '../.generated-doc-blocks');

interface Block {
  /** Repository-relative markdown file. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  mode: 'compile' | 'ignore' | 'known-failure';
  reason: string | null;
  /** The generated module. */
  path: string;
}

/** README.md and every guide the site renders. */
function documents(): string[] {
  const config = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8')) as { readme?: string; projectDocuments?: string[] };
  const files = [config.readme ?? 'README.md', ...(config.projectDocuments ?? [])];
  if (files.some((f) => f.includes('*'))) throw new Error('typedoc.json lists projectDocuments by name (their order is the site’s), not by glob');
  return files;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/;

export function extractBlocks(file: string): { blocks: Block[]; problems: string[] } {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (open === null) continue;
    const [, indent, fence, lang, info] = open as unknown as [string, string, string, string, string];
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim() !== fence) end++;
    if (end === lines.length) {
      problems.push(`${file}:${i + 1}: unclosed code fence`);
      break;
    }
    if (lang === 'ts' || lang === 'typescript') {
      const attr = /^(ignore|known-failure):\s*(\S.*)$/.exec(info.trim());
      if (info.trim() !== '' && attr === null) problems.push(`${file}:${i + 1}: unknown fence attribute "${info.trim()}" (only "ignore: <reason>" or "known-failure: <reason>")`);
      const code = lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join('\n');
      const path = join(GENERATED, `${file.replace(/[/.]/g, '_')}.L${i + 1}.ts`);
      blocks.push({ file, line: i + 1, code, mode: attr === null ? 'compile' : (attr[1] as 'ignore' | 'known-failure'), reason: attr?.[2] ?? null, path });
    }
    i = end;
  }
  return { blocks, problems };
}

function compile(blocks: Block[]): Map<Block, string[]> {
  rmSync(GENERATED, { recursive: true, force: true });
  mkdirSync(GENERATED, { recursive: true });
  for (const block of blocks) writeFileSync(block.path, `${block.code}\nexport {};\n`);
  const config = ts.getParsedCommandLineOfConfigFile(join(here, '../tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (config === undefined) throw new Error('cannot read tsconfig.json');
  expect(config.options.strict).toBe(true);
  expect(config.options.skipLibCheck).toBe(false);
  const program = ts.createProgram([...blocks.map((b) => b.path), join(here, 'globals.d.ts')], { ...config.options, noEmit: true });
  const byPath = new Map(blocks.map((b) => [b.path, b]));
  const errors = new Map<Block, string[]>(blocks.map((b) => [b, []]));
  const elsewhere: string[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n  ')}`;
    const block = d.file === undefined ? undefined : byPath.get(d.file.fileName);
    if (block === undefined || d.start === undefined) {
      elsewhere.push(d.file === undefined ? message : `${relative(ROOT, d.file.fileName)}: ${message}`);
      continue;
    }
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start);
    errors.get(block)!.push(`${block.file}:${block.line + 1 + line}: ${message}`);
  }
  expect(elsewhere, 'errors outside the blocks (the prelude, the packages’ .d.ts)').toEqual([]);
  return errors;
}

const found = documents().map(extractBlocks);
const blocks = found.flatMap((f) => f.blocks);
const problems = found.flatMap((f) => f.problems);

describe('TypeScript blocks of README.md and the guides', () => {
  it('are found, with known fence attributes', () => {
    expect(problems).toEqual([]);
    expect(blocks.filter((b) => b.mode !== 'ignore').length).toBeGreaterThan(10);
    // `ignore` is for the rare block that cannot be whole; more than a few means the check is being dodged.
    expect(blocks.filter((b) => b.mode === 'ignore').map((b) => `${b.file}:${b.line}`).length).toBeLessThanOrEqual(3);
  });

  const checked = blocks.filter((b) => b.mode !== 'ignore');
  let errors: Map<Block, string[]> | undefined;
  const errorsOf = (block: Block): string[] => (errors ??= compile(checked)).get(block)!;

  for (const block of blocks) {
    const title = `${block.file}:${block.line}`;
    if (block.mode === 'ignore') it.skip(`${title} (not compiled: ${block.reason})`, () => {});
    else if (block.mode === 'known-failure') {
      it(`${title} still fails to compile (known failure: ${block.reason})`, () => {
        const found = errorsOf(block);
        // Printed so the failure stays visible in every run's output.
        console.warn(`known-failure block ${title} (${block.reason}):\n  ${found.join('\n  ')}`);
        expect(found, 'the block compiles now: remove its known-failure mark').not.toEqual([]);
      });
    } else it(`${title} compiles`, () => expect(errorsOf(block)).toEqual([]));
  }
});
