/**
 * What `import … from 'vitest'` means inside workerd: the part of vitest's API that
 * Pauz's conformance suites use (`describe`, `it`, hooks, `expect`, `vi.waitFor`,
 * `skip` from the test context), collected into a tree that {@link runCollected}
 * runs. `expect` is vitest's own (`@vitest/expect` on chai), so the suites' assertions
 * are exactly the ones they make under vitest in Node. Bundled into the test worker
 * by harness/node.ts (esbuild alias `vitest` → this file); never imported in Node.
 */
import { chai, GLOBAL_EXPECT, JestAsymmetricMatchers, JestChaiExpect, JestExtend, getState, setState, ASYMMETRIC_MATCHERS_OBJECT } from '@vitest/expect';

type Fn = (context: TestContext) => unknown;
type Hook = () => unknown;

interface Suite {
  kind: 'suite';
  name: string;
  skip: string | false;
  children: (Suite | Case)[];
  beforeAll: Hook[];
  afterAll: Hook[];
  beforeEach: Hook[];
  afterEach: Hook[];
}

interface Case {
  kind: 'case';
  name: string;
  fn: Fn | undefined;
  skip: string | false;
  timeout: number | undefined;
}

/** The context a test function receives (the subset the suites use). */
export interface TestContext {
  skip(reason?: string): never;
}

/** One test's outcome, as the Node side reports it. */
export interface CaseResult {
  path: string[];
  state: 'pass' | 'fail' | 'skip';
  error?: string;
  skipReason?: string;
  ms: number;
}

class Skipped extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason ?? 'skipped');
  }
}

const newSuite = (name: string, skip: string | false): Suite => ({
  kind: 'suite',
  name,
  skip,
  children: [],
  beforeAll: [],
  afterAll: [],
  beforeEach: [],
  afterEach: [],
});

let root = newSuite('', false);
let current = root;

/** Starts a fresh collection (each run of a worker suite collects anew). */
export function resetCollection(): void {
  root = newSuite('', false);
  current = root;
}

function collect(name: string, body: () => void, skip: string | false): void {
  const suite = newSuite(name, skip);
  current.children.push(suite);
  const parent = current;
  current = suite;
  try {
    body();
  } finally {
    current = parent;
  }
}

type Describe = ((name: string, body: () => void) => void) & { skip: (name: string, body: () => void) => void };
export const describe: Describe = Object.assign((name: string, body: () => void) => collect(name, body, false), {
  skip: (name: string, body: () => void) => collect(name, body, 'describe.skip'),
});

type It = ((name: string, fn?: Fn, timeout?: number) => void) & { skip: (name: string, fn?: Fn) => void };
export const it: It = Object.assign(
  (name: string, fn?: Fn, timeout?: number) => {
    current.children.push({ kind: 'case', name, fn, skip: fn === undefined ? 'todo' : false, timeout });
  },
  { skip: (name: string, fn?: Fn) => current.children.push({ kind: 'case', name, fn, skip: 'it.skip', timeout: undefined }) },
);
export const test = it;

export const beforeAll = (hook: Hook): void => void current.beforeAll.push(hook);
export const afterAll = (hook: Hook): void => void current.afterAll.push(hook);
export const beforeEach = (hook: Hook): void => void current.beforeEach.push(hook);
export const afterEach = (hook: Hook): void => void current.afterEach.push(hook);

// ---------------------------------------------------------------- expect

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

type AnyExpect = ((value: unknown, message?: string) => unknown) & Record<string, unknown>;
const expectFn = ((value: unknown, message?: string) => {
  const { assertionCalls } = getState(expectFn as never) as { assertionCalls: number };
  setState({ assertionCalls: assertionCalls + 1 }, expectFn as never);
  return chai.expect(value, message);
}) as AnyExpect;
Object.assign(expectFn, chai.expect);
Object.assign(expectFn, (globalThis as Record<symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT as unknown as symbol]);
expectFn.getState = () => getState(expectFn as never);
expectFn.setState = (state: object) => setState(state as never, expectFn as never);
expectFn.extend = (matchers: object) => (chai.expect as unknown as { extend: (e: unknown, m: object) => void }).extend(expectFn, matchers);
setState(
  { assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null, testPath: 'workerd' } as never,
  expectFn as never,
);
(globalThis as Record<symbol, unknown>)[GLOBAL_EXPECT as unknown as symbol] = expectFn;

export const expect = expectFn as unknown as typeof import('vitest').expect;

// ---------------------------------------------------------------- vi

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const vi = {
  /** vitest's `vi.waitFor`: retries `check` until it stops throwing, or throws its last error after `timeout`. */
  async waitFor<T>(check: () => T | Promise<T>, options: number | { timeout?: number; interval?: number } = {}): Promise<T> {
    const { timeout = 1000, interval = 50 } = typeof options === 'number' ? { timeout: options } : options;
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        await sleep(interval);
      }
    }
  },
};

// ---------------------------------------------------------------- running

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 8).join('\n')}` : ''}` : String(error);

const withTimeout = async (work: unknown, ms: number, what: string): Promise<void> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      Promise.resolve(work),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

/** Runs what was collected, in order, hooks included, like vitest's sequential runner. */
export async function runCollected(options: { timeoutMs?: number; filter?: (path: string[]) => boolean } = {}): Promise<CaseResult[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const results: CaseResult[] = [];
  const context: TestContext = {
    skip(reason?: string): never {
      throw new Skipped(reason);
    },
  };

  const skipAll = (suite: Suite, path: string[], reason: string): void => {
    for (const child of suite.children) {
      const childPath = [...path, child.name];
      if (child.kind === 'suite') skipAll(child, childPath, reason);
      else results.push({ path: childPath, state: 'skip', skipReason: reason, ms: 0 });
    }
  };

  const runSuite = async (suite: Suite, path: string[], eachHooks: { before: Hook[]; after: Hook[] }): Promise<void> => {
    if (suite.skip) return skipAll(suite, path, suite.skip);
    const before = [...eachHooks.before, ...suite.beforeEach];
    const after = [...suite.afterEach, ...eachHooks.after];
    try {
      for (const hook of suite.beforeAll) await withTimeout(hook(), timeoutMs, 'beforeAll');
    } catch (error) {
      // vitest fails every test of a suite whose beforeAll failed.
      const message = `beforeAll failed: ${describeError(error)}`;
      const failAll = (s: Suite, p: string[]): void => {
        for (const child of s.children) {
          if (child.kind === 'suite') failAll(child, [...p, child.name]);
          else results.push({ path: [...p, child.name], state: 'fail', error: message, ms: 0 });
        }
      };
      failAll(suite, path);
      return;
    }
    for (const child of suite.children) {
      const childPath = [...path, child.name];
      if (child.kind === 'suite') {
        await runSuite(child, childPath, { before, after });
        continue;
      }
      if (options.filter !== undefined && !options.filter(childPath)) continue;
      if (child.skip || child.fn === undefined) {
        results.push({ path: childPath, state: 'skip', skipReason: child.skip || 'todo', ms: 0 });
        continue;
      }
      const t0 = Date.now();
      let failure: unknown;
      let skipped: string | undefined | null = null;
      try {
        for (const hook of before) await withTimeout(hook(), timeoutMs, 'beforeEach');
        await withTimeout(child.fn(context), child.timeout ?? timeoutMs, 'test');
      } catch (error) {
        if (error instanceof Skipped) skipped = error.reason;
        else failure = error;
      }
      try {
        for (const hook of after) await withTimeout(hook(), timeoutMs, 'afterEach');
      } catch (error) {
        failure ??= error;
      }
      const ms = Date.now() - t0;
      if (failure !== undefined) results.push({ path: childPath, state: 'fail', error: describeError(failure), ms });
      else if (skipped !== null) results.push({ path: childPath, state: 'skip', skipReason: skipped ?? 'skipped', ms });
      else results.push({ path: childPath, state: 'pass', ms });
    }
    try {
      for (const hook of suite.afterAll) await withTimeout(hook(), timeoutMs, 'afterAll');
    } catch (error) {
      results.push({ path: [...path, '(afterAll)'], state: 'fail', error: describeError(error), ms: 0 });
    }
  };

  await runSuite(root, [], { before: [], after: [] });
  return results;
}
