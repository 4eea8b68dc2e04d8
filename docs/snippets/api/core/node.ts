import { createPauz } from '@pauz/core';
import { nodePasswordHasher } from '@pauz/core/node';

const pauz = createPauz({ db, buckets, pdfs, passwordHasher: nodePasswordHasher() });
