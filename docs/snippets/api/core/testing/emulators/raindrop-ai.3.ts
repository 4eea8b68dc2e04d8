import { raindropAiMiniflareBinding } from '@pauz/core/testing';

const ai = raindropAiMiniflareBinding({ shape: 'response' });
// The options of `new Miniflare(…)` (miniflare 3): `env.AI` of the worker `api` is the emulator.
const options = {
  workers: [
    { name: 'api', modules: true, scriptPath: 'dist/index.js', compatibilityDate: '2024-09-23', ...ai.workerOptions },
    ai.bindingWorker,
  ],
};
console.log(options.workers.map((worker) => worker.name)); // [ 'api', 'pauz-raindrop-ai' ]
// After requests: what the worker sent, and failures on demand.
console.log(ai.emulator.calls.length); // 0
ai.emulator.mode = 'fail';
