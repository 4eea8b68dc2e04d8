import { expect, it } from 'vitest';
import { runInWorkerd } from './harness/node.js';

// The harness itself: a failed expectation, a promise matcher and a skip inside
// workerd come back as what they are (so a green in-workerd suite means something).
const results = await runInWorkerd({ name: 'harness self-check', entry: new URL('./suites/selfcheck.worker.ts', import.meta.url), mirror: false });

it('reports failures, passes and skips from inside workerd, with the messages', () => {
  expect(results.map((r) => [r.path.at(-1), r.state])).toEqual([
    ['fails on a wrong expectation', 'fail'],
    ['fails on a rejected promise matcher', 'fail'],
    ['passes', 'pass'],
    ['skips', 'skip'],
  ]);
  expect(results[0]?.error).toContain('expected { a: 1 } to deeply equal { a: 2 }');
  expect(results[1]?.error).toContain('instead of rejecting');
  expect(results[3]?.skipReason).toBe('because');
});

it('runs inside workerd, not Node', () => {
  expect(results.find((r) => r.path.at(-1) === 'passes')?.state).toBe('pass');
});
