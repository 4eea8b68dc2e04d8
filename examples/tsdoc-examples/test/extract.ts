import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One snippet file of `docs/snippets/api`, included by an `@example` of the packages. */
export interface DocExample {
  /** Repository-relative path of the snippet, for example `docs/snippets/api/core/pauz.ts`. */
  file: string;
  /** Where it is included: `packages/core/src/pauz.ts:195`, the line of the `@example` tag. */
  usedAt: string;
  /** 1-based line of the snippet the code starts on (after a `check-only` header). */
  codeLine: number;
  /** The code, as it is in the file. */
  code: string;
  /** Why the example is only type-checked (from a first line "// check-only: <reason>"), or `null` when it runs. */
  checkOnly: string | null;
}

/** A snippet or an `@example` that cannot be checked, reported as a failure rather than skipped. */
export interface ExtractionProblem {
  file: string;
  line: number;
  problem: string;
}

const CHECK_ONLY = /^\/\/ check-only:\s*(\S.*)$/;
const INCLUDE = /^\{@includeCode\s+([^\s#}]+)(#[\w-]+)?\}$/;

/** Every file under `dir` whose name ends with `suffix`, skipping tests. */
export function sourceFiles(dir: string, suffix = '.ts'): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix) && !(suffix === '.ts' && e.name.endsWith('.d.ts')) && !/\.test\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The JSDoc comments of a file, found through the compiler (so a `@example` in a string or a line comment is not one). */
function docComments(source: ts.SourceFile): ts.JSDoc[] {
  const found = new Map<number, ts.JSDoc>();
  const visit = (node: ts.Node): void => {
    for (const doc of ts.getJSDocCommentsAndTags(node)) if (ts.isJSDoc(doc)) found.set(doc.pos, doc);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

/**
 * The snippets the `@example` tags of one source file include. Each `@example`
 * holds exactly one `{@includeCode <snippet>}` line pointing into
 * `docs/snippets/api`, and no code block of its own (so no example escapes the
 * check); words around the snippet are fine. Anything else is a problem to fix,
 * not something to skip.
 */
export function includedSnippets(path: string, root: string): { snippets: { path: string; region: string | null; usedAt: string }[]; problems: ExtractionProblem[] } {
  const text = readFileSync(path, 'utf8');
  const file = relative(root, path);
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const snippets: { path: string; region: string | null; usedAt: string }[] = [];
  const problems: ExtractionProblem[] = [];
  let tags = 0;
  for (const doc of docComments(source)) {
    const first = source.getLineAndCharacterOfPosition(doc.getStart(source)).line;
    const lines = text
      .slice(doc.getStart(source), doc.end)
      .split('\n')
      .map((l) => l.replace(/^\s*\/\*\*\s?/, '').replace(/\s*\*\/\s*$/, '').replace(/^\s*\* ?/, ''));
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i]!.trim())) continue;
      tags++;
      const line = first + i + 1;
      const body: string[] = [];
      for (let j = i + 1; j < lines.length && !/^@\w/.test(lines[j]!.trim()); j++) if (lines[j]!.trim() !== '') body.push(lines[j]!.trim());
      // One snippet, and words around it if need be; code written in the comment would escape the check.
      const includes = body.filter((l) => l.includes('{@includeCode'));
      const include = includes.length === 1 ? INCLUDE.exec(includes[0]!) : null;
      if (include === null || body.some((l) => /^(```|~~~)/.test(l))) {
        problems.push({ file, line, problem: 'an @example holds one {@includeCode ../…/docs/snippets/api/….ts} line and no code block: write the code in a snippet file (`node docs/tools/move-examples.mjs` moves inline ones)' });
        continue;
      }
      const target = resolve(dirname(path), include[1]!);
      if (!relative(join(root, 'docs/snippets/api'), target).match(/^[^.]/)) problems.push({ file, line, problem: `${include[1]} is not under docs/snippets/api` });
      else if (!existsSync(target)) problems.push({ file, line, problem: `${include[1]} does not exist` });
      else snippets.push({ path: target, region: include[2]?.slice(1) ?? null, usedAt: `${file}:${line}` });
    }
  }
  // A tag the compiler did not see as part of a doc comment would be silently unchecked.
  const tagged = text.split('\n').filter((l) => /^\s*\*\s*@example\b/.test(l)).length;
  if (tagged !== tags) problems.push({ file, line: 1, problem: `${tagged} @example lines, but ${tags} in doc comments the compiler sees` });
  return { snippets, problems };
}

/**
 * A snippet file as the check runs it. A first line `// check-only: <reason>`
 * marks one that is only type-checked; the reader sees its `example` region.
 */
export function readSnippet(path: string, root: string, usedAt: string, region: string | null): { example?: DocExample; problems: ExtractionProblem[] } {
  const file = relative(root, path);
  const code = readFileSync(path, 'utf8');
  const firstLine = code.split('\n')[0]!;
  const checkOnly = CHECK_ONLY.exec(firstLine)?.[1] ?? null;
  const problems: ExtractionProblem[] = [];
  if (checkOnly !== null && region !== 'example') problems.push({ file, line: 1, problem: `a check-only snippet is included as #example (its header is not for readers); ${usedAt} includes it as ${region ?? 'a whole file'}` });
  if (region !== null && !code.includes(`// #region ${region}\n`)) problems.push({ file, line: 1, problem: `no region "${region}" (included by ${usedAt})` });
  return { example: { file, usedAt, codeLine: 1, code, checkOnly }, problems };
}
