/**
 * The Node side of the in-workerd test harness: bundles a suite entry (see worker.ts)
 * with esbuild for workerd (`vitest` aliased to vitest-shim.ts), starts it in
 * miniflare 3 (the real workerd, with real D1 and R2 bindings), runs it once, and
 * mirrors every case as a vitest test of its own, so a failure inside workerd fails
 * CI with its message and a skip shows with its reason.
 *
 * Call at the top level of a test file: `await runInWorkerd({ entry, miniflare })`.
 */
import { build } from 'esbuild';
import { Miniflare, type MiniflareOptions } from 'miniflare';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import type { CaseResult } from './vitest-shim.js';

const shim = fileURLToPath(new URL('./vitest-shim.ts', import.meta.url));

/** The compatibility settings every in-workerd test uses (raindrop.md §6). */
export const WORKERD_COMPAT = { compatibilityDate: '2024-09-23', compatibilityFlags: ['nodejs_compat'] };

/** Bundles `entry` as one ES module for workerd; `vitest` means the shim. */
export async function bundleForWorkerd(entry: string | URL, options: { alias?: Record<string, string> } = {}): Promise<string> {
  const result = await build({
    entryPoints: [typeof entry === 'string' ? entry : fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser', 'import', 'default'],
    external: ['cloudflare:*', 'node:*'],
    alias: { vitest: shim, ...options.alias },
    logLevel: 'error',
  });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error('esbuild wrote nothing');
  return file.text;
}

/** Options of {@link runInWorkerd}. */
export interface RunInWorkerdOptions {
  /** The suite entry (a module whose default export is `defineWorkerSuite(...)`). */
  entry: string | URL;
  /** Shown as the enclosing describe. */
  name: string;
  /**
   * Miniflare options for the worker: bindings (`d1Databases`, `r2Buckets`,
   * `bindings`, `wrappedBindings`, …); `modules`, `script` and the compatibility
   * settings are set here.
   */
  miniflare?: Record<string, unknown>;
  /** Per test and hook, inside workerd. Default 30 s. */
  timeoutMs?: number;
  /**
   * Registers one vitest test per case (a failure inside workerd fails it).
   *
   * @defaultValue `true`; `false` only returns the results (the harness's own test)
   */
  mirror?: boolean;
  /**
   * More workers for miniflare's `workers` list, after the suite's own (named
   * `suite`): the workers of wrapped bindings (`raindropAiMiniflareBinding()`), peers.
   */
  workers?: Record<string, unknown>[];
  /** Called with the started miniflare before the run (seed bindings, start peers). */
  before?: (mf: Miniflare) => Promise<void> | void;
}

/** Runs the suite inside workerd now and registers one vitest test per case. */
export async function runInWorkerd(options: RunInWorkerdOptions): Promise<CaseResult[]> {
  const script = await bundleForWorkerd(options.entry);
  const suite = { ...WORKERD_COMPAT, ...options.miniflare, modules: true, script };
  const config = options.workers === undefined ? suite : { workers: [{ name: 'suite', ...suite }, ...options.workers] };
  const mf = new Miniflare(config as unknown as MiniflareOptions);
  let results: CaseResult[];
  try {
    await options.before?.(mf);
    const response = await mf.dispatchFetch(`http://workerd.test/run?timeoutMs=${options.timeoutMs ?? 30_000}`, { method: 'POST' });
    const text = await response.text();
    if (!response.ok) throw new Error(`the worker answered ${response.status}: ${text.slice(0, 500)}`);
    results = (JSON.parse(text) as { results: CaseResult[] }).results;
  } finally {
    await mf.dispose();
  }
  if (options.mirror === false) return results;
  describe(`${options.name} (inside workerd)`, () => {
    it('ran at least one case', () => {
      if (results.length === 0) throw new Error('the worker collected no test');
    });
    for (const result of results) {
      const title = result.path.join(' › ');
      if (result.state === 'skip') it.skip(`${title} (skipped inside workerd: ${result.skipReason ?? ''})`, () => {});
      else
        it(title, () => {
          if (result.state === 'fail') throw new Error(`inside workerd: ${result.error ?? 'failed'}`);
        });
    }
  });
  return results;
}
