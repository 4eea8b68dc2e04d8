import { memoryBucket } from '../../src/buckets/memory.js';
import { testSmartBucket } from '../../src/testing/smartbucket.js';

testSmartBucket({
  name: 'memory',
  create: () => ({ bucket: memoryBucket('hints') }),
  capabilities: { search: true },
});
