import { serve } from '@hono/node-server';
import { createPauzFetch } from '@pauz/core/http';

const server = serve({ fetch: createPauzFetch(pauz), port: 0 });
// At shutdown: stop taking requests, then release what Pauz holds.
await new Promise((resolve) => server.close(resolve));
await pauz.close();
