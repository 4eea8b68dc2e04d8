import { createPauzFetch } from '@pauz/core/http';

const handle = createPauzFetch(pauz, { basePath: '/api' });
export default { fetch: (request: Request) => handle(request) };
