/**
 * Every `@example` in packages/<package>/src is documentation a reader
 * copies, so CI type-checks it against the built packages (strict, skipLibCheck
 * off) and runs it.
 *
 * How an example is written (see also CONTRIBUTING.md):
 * - The code lives in a snippet file under docs/snippets/api/<package>/, and the
 *   doc comment holds one line, `@example` then `{@includeCode ../…/docs/snippets/api/….ts}`:
 *   TypeDoc renders the file as the example's code block.
 * - A snippet is a complete module: it imports what it uses from the public entry
 *   points (`@pauz/core`, `@pauz/core/sqlite`, `@pauz/hono`, …), never from
 *   `src/`. Top-level `await` is fine.
 * - It may use, without defining them, the prelude names of globals.d.ts: `pauz`,
 *   `db`, `buckets`, `pdfs`, `user`, `audio` and `env` (a Raindrop service's
 *   bindings). Everything else it defines.
 * - It runs in an empty temporary working directory (relative paths such as
 *   `./pauz.db` land there), with fixture values for the variables it may read
 *   (`PAUZ_LINK_SECRET`, `AI_API_KEY`, …; see prelude.ts), and with `fetch` routed
 *   to the in-repo emulators: api.openai.com and api.groq.com to the OpenAI
 *   emulator, api.raindrop.run to the Raindrop REST emulator. Any other host fails.
 * - It must run to completion and leave nothing running (close what it starts).
 * - A snippet that cannot run here says so on its first line,
 *   `// check-only: <reason>`, and wraps its code in `// #region example`; the
 *   `@example` includes `….ts#example`. It is still type-checked, and the reason
 *   shows in this file's test names.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DocExample, type ExtractionProblem, includedSnippets, readSnippet, sourceFiles } from './extract.js';
import { installPrelude, startUpstreams, type Upstreams } from './prelude.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '../../..');
const GENERATED = join(here, '../.generated');
// Every package of the workspace with sources (a new package's examples are checked the day it lands).
const PACKAGES = readdirSync(join(ROOT, 'packages')).filter((name) => existsSync(join(ROOT, 'packages', name, 'src'))).sort();
const RUN_TIMEOUT_MS = 20_000;

interface Extracted extends DocExample {
  /** The generated module. */
  path: string;
}

function extractAll(): { examples: Extracted[]; problems: ExtractionProblem[] } {
  rmSync(GENERATED, { recursive: true, force: true });
  const examples: Extracted[] = [];
  const problems: ExtractionProblem[] = [];
  const used = new Map<string, string>();
  for (const pkg of PACKAGES) {
    for (const file of sourceFiles(join(ROOT, 'packages', pkg, 'src'))) {
      const found = includedSnippets(file, ROOT);
      problems.push(...found.problems);
      for (const snippet of found.snippets) {
        const rel = relative(ROOT, snippet.path);
        if (used.has(rel)) {
          problems.push({ file: rel, line: 1, problem: `included twice (${used.get(rel)} and ${snippet.usedAt}): one snippet per @example` });
          continue;
        }
        used.set(rel, snippet.usedAt);
        const read = readSnippet(snippet.path, ROOT, snippet.usedAt, snippet.region);
        problems.push(...read.problems);
        if (read.example === undefined) continue;
        // Copied next to this package, so the snippet resolves the packages (and @types) this project declares.
        const path = join(GENERATED, rel.replace(/^docs\/snippets\/api\//, ''));
        mkdirSync(dirname(path), { recursive: true });
        // `export {}` makes a module of an example without imports; lines stay aligned with the snippet.
        writeFileSync(path, `${read.example.code}\nexport {};\n`);
        examples.push({ ...read.example, path });
      }
    }
  }
  // A snippet no @example includes is documentation nobody sees.
  for (const file of sourceFiles(join(ROOT, 'docs/snippets/api'))) {
    const rel = relative(ROOT, file);
    if (!used.has(rel)) problems.push({ file: rel, line: 1, problem: 'no @example includes this snippet' });
  }
  return { examples, problems };
}

/** Compiler errors of all examples at once, each pointing at its line in the doc comment. */
function typeErrors(examples: Extracted[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(here, '../tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (config === undefined) throw new Error('cannot read tsconfig.json');
  const program = ts.createProgram([...examples.map((e) => e.path), join(here, 'globals.d.ts')], { ...config.options, noEmit: true });
  const byPath = new Map(examples.map((e) => [e.path, e]));
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    if (d.file === undefined || d.start === undefined) return `TS${d.code}: ${message}`;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const example = byPath.get(d.file.fileName);
    const where = example === undefined ? `${relative(ROOT, d.file.fileName)}:${line + 1}` : `${example.file}:${example.codeLine + line} (the @example of ${example.usedAt})`;
    return `${where}: TS${d.code}: ${message}`;
  });
}

/** Listening servers of this process (the emulators included). */
const servers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'PipeServerWrap').length;

async function run(example: Extracted, upstreams: Upstreams): Promise<void> {
  const listening = servers();
  const output: string[] = [];
  const capture = (...args: unknown[]): void => void output.push(args.map(String).join(' '));
  const spies = (['log', 'info', 'warn'] as const).map((level) => vi.spyOn(console, level).mockImplementation(capture));
  const teardown = await installPrelude(upstreams);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      import(pathToFileURL(example.path).href),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not finish within ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
      }),
    ]);
    // A closed server leaves the list a moment after its close callback.
    if (servers() > listening) await new Promise((resolve) => setTimeout(resolve, 50));
    if (servers() > listening) throw new Error('left a server listening: an example closes what it starts');
  } catch (error) {
    const printed = output.length === 0 ? '' : `\nit printed:\n${output.join('\n')}`;
    throw new Error(`${example.file} (the @example of ${example.usedAt}): ${error instanceof Error ? error.message : String(error)}${printed}`, { cause: error });
  } finally {
    clearTimeout(timer);
    for (const spy of spies) spy.mockRestore();
    await teardown();
  }
}

const { examples, problems } = extractAll();

describe('TSDoc @example blocks', () => {
  let upstreams: Upstreams;
  beforeAll(async () => {
    upstreams = await startUpstreams();
  });
  afterAll(async () => {
    await upstreams?.close();
  });

  it('are found: every @example includes one snippet of docs/snippets/api, every snippet is included', () => {
    expect(problems).toEqual([]);
    expect(examples.length).toBeGreaterThan(40);
  });

  it('are inlined into the published declarations: no {@includeCode} pointing into the repository is left in dist', () => {
    const left: string[] = [];
    let inlined = 0;
    for (const pkg of PACKAGES) {
      const dist = join(ROOT, 'packages', pkg, 'dist');
      for (const file of sourceFiles(dist, '.d.ts').concat(sourceFiles(dist, '.d.cts'))) {
        const text = readFileSync(file, 'utf8');
        if (text.includes('{@includeCode')) left.push(relative(ROOT, file));
        inlined += text.match(/\* @example\n\s*\* ```ts\n/g)?.length ?? 0;
      }
    }
    expect(left).toEqual([]);
    expect(inlined).toBeGreaterThan(examples.length);
  });

  it('type-check against the built packages', () => {
    expect(typeErrors(examples)).toEqual([]);
  });

  for (const example of examples) {
    const title = `${example.file}`;
    if (example.checkOnly === null) it(`${title} runs`, () => run(example, upstreams));
    else it.skip(`${title} (type-checked only: ${example.checkOnly})`, () => {});
  }
});
