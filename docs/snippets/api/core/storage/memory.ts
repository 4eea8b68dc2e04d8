import { createPauz, memoryBuckets, memoryPdfStore } from '@pauz/core';

const pauz = createPauz({
  db,
  buckets: memoryBuckets(),
  pdfs: memoryPdfStore({ secret: 'a-development-secret-of-32-chars!', publicBaseUrl: 'http://127.0.0.1:3000' }),
});
