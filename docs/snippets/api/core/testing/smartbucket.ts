// check-only: registers a vitest suite; call it at the top level of a test file
// #region example
// smartbucket-memory.contract.test.ts
import { memoryBucket } from '@pauz/core';
import { testSmartBucket } from '@pauz/core/testing';

testSmartBucket({
  name: 'memory',
  create: () => ({ bucket: memoryBucket('hints') }),
  capabilities: { search: true },
});
// #endregion example
