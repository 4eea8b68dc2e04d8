import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One ```ts block of an `@example` tag. */
export interface DocExample {
  /** Repository-relative path of the source file, for example `packages/core/src/pauz.ts`. */
  file: string;
  /** 1-based line of the `@example` tag. */
  line: number;
  /** 1-based source line of the block's first code line. */
  codeLine: number;
  /** The code, with the comment's ` * ` prefixes removed. */
  code: string;
  /** Why the example is only type-checked (from "```ts check-only: <reason>"), or `null` when it runs. */
  checkOnly: string | null;
}

/** A block that cannot be checked, reported as a failure rather than skipped. */
export interface ExtractionProblem {
  file: string;
  line: number;
  problem: string;
}

const FENCE = /^```(ts|typescript)(?:\s+(.*))?$/;
const CHECK_ONLY = /^check-only:\s*(\S.*)$/;

/** Every non-test `.ts` file under `dir`. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !/\.test\.ts$/.test(e.name))
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
 * The `@example` blocks of one file. Each `@example` must hold exactly one ```ts
 * block; anything else is a problem to fix, not something to skip.
 */
export function extractExamples(path: string, root: string): { examples: DocExample[]; problems: ExtractionProblem[] } {
  const text = readFileSync(path, 'utf8');
  const file = relative(root, path);
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const examples: DocExample[] = [];
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
      const blocks: DocExample[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^@\w/.test(lines[j]!.trim()); j++) {
        const fence = FENCE.exec(lines[j]!.trim());
        if (fence === null) continue;
        const start = j + 1;
        let end = start;
        while (end < lines.length && lines[end]!.trim() !== '```') end++;
        if (end === lines.length) {
          problems.push({ file, line, problem: 'unclosed ```ts block' });
          break;
        }
        const info = fence[2]?.trim() ?? '';
        const checkOnly = info === '' ? null : (CHECK_ONLY.exec(info)?.[1] ?? null);
        if (info !== '' && checkOnly === null) problems.push({ file, line, problem: `unknown fence attribute "${info}" (only "check-only: <reason>")` });
        blocks.push({ file, line, codeLine: first + start + 1, code: lines.slice(start, end).join('\n'), checkOnly });
        j = end;
      }
      if (blocks.length !== 1) problems.push({ file, line, problem: `@example must hold exactly one \`\`\`ts block, found ${blocks.length}` });
      else examples.push(blocks[0]!);
      i = j - 1;
    }
  }
  // A tag the compiler did not see as part of a doc comment would be silently unchecked.
  const tagged = text.split('\n').filter((l) => /^\s*\*\s*@example\b/.test(l)).length;
  if (tagged !== tags) problems.push({ file, line: 1, problem: `${tagged} @example lines, but ${tags} in doc comments the compiler sees` });
  return { examples, problems };
}
