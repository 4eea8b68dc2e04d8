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
    // A host app with routes of its own, Pauz mounted under /api.
    const app = new Hono();
    app.get('/', (c) => c.text('host home'));
    app.route(
      '/api',
      pauzHono(pauz, {
        logger,
        ...(bodyTimeouts === undefined ? {} : { bodyTimeouts }),
        ...(hostUserHeader === undefined ? {} : { resolveUser: (c) => c.req.header(hostUserHeader) ?? null }),
      }),
    );
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    return mountedServer(server, '/api');
  },
});
