import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPauz, memoryBuckets, memoryPdfStore, type Pauz } from '@pauz/core';
import { openTempSqliteDatabase, type ScriptedTranscriber, scriptedTranscriber, TEST_PASSWORD_HASHER } from '@pauz/core/testing';
import { pauzExpress } from '@pauz/express';
import { pauzHono } from '@pauz/hono';
import express from 'express';
import { Hono } from 'hono';

/** A Pauz API listening on port 0, mounted under `/api` of a host app. */
export interface RunningApi {
  baseUrl: string;
  transcriber: ScriptedTranscriber;
  close(): Promise<void>;
}

/** How a host app serves a Pauz instance; resolves with the listening server. */
type Mount = (pauz: Pauz) => Promise<{ server: import('node:http').Server; close(): Promise<void> }>;

function closer(server: { close(callback: (error?: Error) => void): unknown }): () => Promise<void> {
  return () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

const mounts: Record<'hono' | 'express', Mount> = {
  hono: async (pauz) => {
    const app = new Hono();
    app.get('/', (c) => c.text('host home'));
    app.route('/api', pauzHono(pauz, { logger: { error: () => {} } }));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    return { server: server as import('node:http').Server, close: closer(server) };
  },
  express: async (pauz) => {
    // A host app with its own JSON parser in front of Pauz, as most have.
    const app = express();
    app.use(express.json({ limit: '2mb' }));
    app.get('/', (_req, res) => {
      res.send('host home');
    });
    app.use('/api', pauzExpress(pauz, { logger: { error: () => {} } }));
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return { server, close: closer(server) };
  },
};

/** Starts Pauz (temporary SQLite file, in-memory buckets and PDFs, a scripted transcriber) behind `adapter`. */
export async function startApi(adapter: keyof typeof mounts): Promise<RunningApi> {
  const opened = await openTempSqliteDatabase();
  const transcriber = scriptedTranscriber('I walked along the river and felt calm.');
  let baseUrl = '';
  const pauz = createPauz({
    db: opened.db,
    buckets: memoryBuckets(),
    pdfs: memoryPdfStore({ secret: 'client-test-link-secret-0123456789abcdef', publicBaseUrl: () => baseUrl }),
    transcriber,
    passwordHasher: TEST_PASSWORD_HASHER,
  });
  await pauz.migrate();
  const mounted = await mounts[adapter](pauz);
  baseUrl = `http://127.0.0.1:${(mounted.server.address() as AddressInfo).port}/api`;
  return {
    baseUrl,
    transcriber,
    close: async () => {
      await mounted.close();
      await opened.close();
    },
  };
}
