// check-only: registers a vitest suite; call it at the top level of a test file
// #region example
// hono.conformance.test.ts
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { openTempSqliteDatabase, testHttpConformance } from '@pauz/core/testing';
import { pauzHono } from '@pauz/hono';
import { Hono } from 'hono';

testHttpConformance({
  name: 'hono',
  open: openTempSqliteDatabase,
  start: async (pauz, { logger, hostUserHeader }) => {
    const app = new Hono();
    const resolveUser = hostUserHeader === undefined ? undefined : (c: { req: { header(name: string): string | undefined } }) => c.req.header(hostUserHeader) ?? null;
    app.route('/api', pauzHono(pauz, { logger, ...(resolveUser === undefined ? {} : { resolveUser }) }));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/api`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  },
});
// #endregion example
