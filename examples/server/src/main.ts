/**
 * The Pauz reference server: the whole API on Hono + Node, with embedded defaults
 * (SQLite file and local data under PAUZ_DATA_DIR, default ./.pauz). Every variable
 * of the configuration table overrides its default.
 */
import { serve } from '@hono/node-server';
import { PauzConfigError } from '@pauz/core';
import { createPauzFromEnv } from '@pauz/core/env';
import { pauzHono } from '@pauz/hono';
import { Hono } from 'hono';

async function main(): Promise<void> {
  // The reference server chooses local storage explicitly; createPauzFromEnv never guesses.
  const env: Record<string, string | undefined> = { ...process.env, PAUZ_STORAGE: process.env.PAUZ_STORAGE ?? 'local' };
  // Local PDF links point back at this server; its address is known once it listens.
  let listeningUrl = '';
  const pauz = await createPauzFromEnv(env, env.PAUZ_PUBLIC_URL ? {} : { publicBaseUrl: () => listeningUrl });
  await pauz.migrate();

  const app = new Hono();
  app.route('/', pauzHono(pauz));

  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOST ?? '127.0.0.1';
  // Bounds on what a client may hold: the headers within 30 s, the whole request
  // within 5 minutes (Node answers 408 and closes). Pauz itself gives up on a body
  // that stalls for 30 s (its bodyTimeouts). No idle-socket timeout: an answer may
  // wait up to the transcriber's 120 s with nothing on the wire.
  const serverOptions = { headersTimeout: 30_000, requestTimeout: 300_000 };
  const server = serve({ fetch: app.fetch, port, hostname, serverOptions }, (info) => {
    const host = hostname.includes(':') ? `[${hostname}]` : hostname;
    listeningUrl = `http://${host}:${info.port}`;
    console.log(`Pauz listening on ${listeningUrl} (storage: ${pauz.storage}, data: ${pauz.dataDir})`);
  });

  const stop = (): void => {
    server.close(() => {
      pauz.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof PauzConfigError ? error.message : error);
  process.exit(1);
});
