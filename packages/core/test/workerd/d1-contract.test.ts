import { runInWorkerd } from './harness/node.js';

// The database contract, run by workerd itself against miniflare's real D1 binding.
await runInWorkerd({
  name: 'database contract on D1',
  entry: new URL('./suites/d1.worker.ts', import.meta.url),
  miniflare: { d1Databases: ['PAUZ'] },
  timeoutMs: 60_000,
});
