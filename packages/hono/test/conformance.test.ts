import { serve } from '@hono/node-server';
import {
  mountedServer,
  openTempSqliteDatabase,
  testHttpConformance,
} from '@pauz/core/testing';
import { Hono } from 'hono';
import { pauzHono } from '../src/index.js';

testHttpConformance({
  name: 'hono',
  open: openTempSqliteDatabase,
  start: async (pauz, { logger, hostUserHeader, bodyTimeouts }) => {
    // A host app with routes of its own and its own auth middleware (it sets the
    // signed-in user as a context variable), Pauz mounted under /api.
    type HostEnv = { Variables: { hostUser: string | undefined } };
    const app = new Hono<HostEnv>();
    app.use('*', async (c, next) => {
      c.set('hostUser', hostUserHeader === undefined ? undefined : c.req.header(hostUserHeader));
      await next();
    });
    app.get('/', (c) => c.text('host home'));
    app.route(
      '/api',
      pauzHono<HostEnv>(pauz, {
        logger,
        ...(bodyTimeouts === undefined ? {} : { bodyTimeouts }),
        ...(hostUserHeader === undefined ? {} : { resolveUser: (c) => c.get('hostUser') ?? null }),
      }),
    );
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    return mountedServer(server, '/api');
  },
});
