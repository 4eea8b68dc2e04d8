import { defineRoute, Reply } from '../route.js';
import { healthSchema, openApiDocumentSchema } from '../schemas.js';

/** `/health` and `/openapi.json`. */
export const metaRoutes = [
  defineRoute({
    operation: 'meta.health',
    method: 'GET',
    path: '/health',
    summary: 'Real checks of every configured store; 503 when one fails',
    tag: 'meta',
    auth: false,
    success: { status: 200, description: 'Every store answered', schema: healthSchema },
    responses: [{ status: 503, description: 'A store failed its check', schema: healthSchema }],
    handle: async ({ pauz, logger, signal }) => {
      const report = await pauz.health({ signal });
      // The endpoint is public: the reasons (hosts, paths) go to the log, not to the caller.
      const failed = Object.entries(report.checks).filter(([, check]) => check.status === 'error');
      if (failed.length > 0) logger.error('health check failed', { checks: Object.fromEntries(failed) });
      const checks = Object.fromEntries(Object.entries(report.checks).map(([name, check]) => [name, { status: check.status }]));
      const body = { status: report.status, checks };
      return report.status === 'ok' ? body : new Reply(503, body);
    },
  }),
  defineRoute({
    operation: 'meta.openapi',
    method: 'GET',
    path: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    tag: 'meta',
    auth: false,
    success: { status: 200, description: 'The OpenAPI document', schema: openApiDocumentSchema },
    handle: async ({ openapi }) => openapi(),
  }),
];
