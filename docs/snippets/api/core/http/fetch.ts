import { createPauzFetch } from '@pauz/core';

const handle = createPauzFetch(pauz, { basePath: '/api' });
export default { fetch: (request: Request) => handle(request) };
