import { runInWorkerd } from './harness/node.js';

// The SmartBucket contract, run by workerd itself against miniflare's real R2 binding.
await runInWorkerd({
  name: 'SmartBucket contract on R2',
  entry: new URL('./suites/smartbucket.worker.ts', import.meta.url),
  miniflare: { r2Buckets: ['HINTS', 'GUIDED_JOURNALS'] },
});
