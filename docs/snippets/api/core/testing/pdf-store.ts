// check-only: registers a vitest suite; call it at the top level of a test file
// #region example
// pdf-store-memory.contract.test.ts
import { memoryPdfStore } from '@pauz/core';
import { TEST_LINK_SECRET, testPdfStore } from '@pauz/core/testing';

testPdfStore({
  name: 'memory',
  create: () => ({ store: memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1:9/api' }) }),
  fetchLinks: false, // its links are served by the HTTP adapter, not by the store
});
// #endregion example
