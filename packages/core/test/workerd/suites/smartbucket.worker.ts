/**
 * testSmartBucket() inside workerd, against the real R2 binding miniflare provides:
 * the binding adapter on plain R2 (no search: the search cases check it is absent),
 * and on R2 with the emulated search of §1 (the semantic path).
 */
import { raindropBindingBucket } from '../../../src/raindrop/bucket-binding.js';
import { testSmartBucket } from '../../../src/testing/smartbucket.js';
import { defineWorkerSuite } from '../harness/worker.js';
import { type R2Like, withEmulatedSearch } from './emulated-search.js';

interface Env {
  HINTS: R2Like;
  GUIDED_JOURNALS: R2Like;
}

export default defineWorkerSuite<Env>((env) => {
  testSmartBucket({
    name: 'Raindrop binding on the R2 binding',
    create: () => ({ bucket: raindropBindingBucket(env.HINTS as never, { name: 'hints' }) }),
    capabilities: { customMetadata: true, search: false },
  });
  testSmartBucket({
    name: 'Raindrop binding on R2 with the emulated SmartBucket search',
    create: () => ({ bucket: raindropBindingBucket(withEmulatedSearch(env.GUIDED_JOURNALS), { name: 'guided-journals' }) }),
    capabilities: { customMetadata: true, search: true },
  });
});
