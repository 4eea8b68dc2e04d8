// check-only: registers a vitest suite; call it at the top level of a test file
// #region example
// host-middleware.test.ts
import type { AddressInfo } from 'node:net';
import { pauzExpress } from '@pauz/express';
import { openTempSqliteDatabase, testHostMiddleware } from '@pauz/core/testing';
import express from 'express';

testHostMiddleware({
  name: 'express',
  open: openTempSqliteDatabase,
  hosts: [
    {
      name: 'express.json()',
      start: async (pauz, { logger }) => {
        const app = express();
        app.use(express.json({ limit: '2mb' }));
        app.use('/api', pauzExpress(pauz, { logger }));
        const server = app.listen(0, '127.0.0.1');
        await new Promise((resolve) => server.once('listening', resolve));
        const { port } = server.address() as AddressInfo;
        return { url: `http://127.0.0.1:${port}/api`, close: async () => void server.close() };
      },
    },
  ],
});
// #endregion example
