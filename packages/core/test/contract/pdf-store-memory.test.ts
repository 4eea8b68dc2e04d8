import { memoryPdfStore } from '../../src/pdf-store/memory.js';
import { TEST_LINK_SECRET } from '../../src/testing/index.js';
import { testPdfStore } from '../../src/testing/pdf-store.js';

testPdfStore({
  name: 'memory',
  create: () => ({ store: memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1:9/api' }) }),
  fetchLinks: false,
});
