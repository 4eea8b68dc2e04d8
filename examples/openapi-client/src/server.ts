import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPauz, memoryBuckets, memoryPdfStore } from '@pauz/core';
import { instrumentBuckets, openTempSqliteDatabase, scriptedTranscriber, TEST_PASSWORD_HASHER } from '@pauz/core/testing';
import { pauzHono } from '@pauz/hono';
import { Hono } from 'hono';
import type { FlowHooks } from './flow.js';

/** A running Pauz API and the switches the flow uses to make its stores fail. */
export interface RunningApi {
  /** The mount point, for example `http://127.0.0.1:41234/api`. */
  baseUrl: string;
  hooks: FlowHooks;
  close(): Promise<void>;
}

/**
 * Starts the whole API the way a host app would: `@pauz/hono` mounted under `/api`
 * of a Hono app on port 0, with a temporary SQLite file, in-memory buckets and PDFs
 * and a scripted transcriber.
 */
export async function startApi(): Promise<RunningApi> {
  const opened = await openTempSqliteDatabase();
  const buckets = instrumentBuckets(memoryBuckets());
  const transcriber = scriptedTranscriber('I walked along the river and felt calm.');
  let baseUrl = '';
  const pauz = createPauz({
    db: opened.db,
    buckets,
    pdfs: memoryPdfStore({ secret: 'openapi-client-example-link-secret-0123456789', publicBaseUrl: () => baseUrl }),
    transcriber,
    passwordHasher: TEST_PASSWORD_HASHER,
    // Reached in three attempts, so the flow meets a 429 quickly.
    limits: { loginFailures: 2 },
  });
  await pauz.migrate();

  const app = new Hono();
  app.route('/api', pauzHono(pauz, { logger: { error: () => {} } }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;

  return {
    baseUrl,
    hooks: {
      failNextTranscription: () => {
        transcriber.mode = 'fail';
      },
      restoreTranscription: () => {
        transcriber.mode = 'ok';
      },
      failNextHealthCheck: () => buckets.hints.failNext('head'),
      failNextHintRead: () => buckets.hints.failNext('get'),
    },
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await opened.close();
    },
  };
}
