import { memoryPdfStore } from '@pauz/core';

const pdfs = memoryPdfStore({ secret: 'a-development-secret-of-32-chars!', publicBaseUrl: 'http://127.0.0.1:3000' });
