import { defineRoute, type AnyRoute, Reply } from '../route.js';
import { healthSchema } from '../schemas.js';

/** `/health` and `/openapi.json`. */
export const metaRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/health',
    summary: 'Real checks of every configured store; 503 when one fails',
    tag: 'meta',
    auth: false,
    success: { status: 200, description: 'Every store answered', schema: healthSchema },
    handle: async ({ pauz }) => {
      const report = await pauz.health();
      return report.status === 'ok' ? report : new Reply(503, report);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    tag: 'meta',
    auth: false,
    success: { status: 200, description: 'The OpenAPI document' },
    handle: async ({ openapi }) => openapi(),
  }),
];
