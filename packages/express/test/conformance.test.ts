import type { Pauz } from '@pauz/core';
import {
  type ConformanceServer,
  type ConformanceServerOptions,
  mountedServer,
  openTempSqliteDatabase,
  testHttpConformance,
} from '@pauz/core/testing';
import express, { type ErrorRequestHandler } from 'express';
import { pauzExpress } from '../src/index.js';

/** A request as the host's own auth middleware leaves it. */
type HostRequest = express.Request & { hostUser?: string | undefined };

for (const withJsonParser of [true, false]) {
  testHttpConformance({
    name: withJsonParser ? 'express (host app with express.json())' : 'express (no host body parser)',
    open: openTempSqliteDatabase,
    start: (pauz, options) => startHostApp(pauz, options, withJsonParser),
  });
}

async function startHostApp(
  pauz: Pauz,
  { logger, hostUserHeader, bodyTimeouts }: ConformanceServerOptions,
  withJsonParser: boolean,
): Promise<ConformanceServer> {
    // An existing app: its own body parser, its own auth middleware, its own error
    // handler and routes — Pauz mounted under /api in the middle of it.
    const app = express();
    if (withJsonParser) app.use(express.json({ limit: '2mb' }));
    app.use((req, _res, next) => {
      (req as HostRequest).hostUser = hostUserHeader ? req.get(hostUserHeader) : undefined;
      next();
    });
    app.get('/', (_req, res) => {
      res.send('host home');
    });
    app.use(
      '/api',
      pauzExpress<HostRequest>(pauz, {
        logger,
        ...(bodyTimeouts === undefined ? {} : { bodyTimeouts }),
        ...(hostUserHeader === undefined ? {} : { resolveUser: (req) => req.hostUser ?? null }),
      }),
    );
    const hostErrors: ErrorRequestHandler = (error, _req, res, _next) => {
      res.status(599).send(`host error handler: ${String(error)}`);
    };
    app.use(hostErrors);
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return mountedServer(server, '/api');
}
