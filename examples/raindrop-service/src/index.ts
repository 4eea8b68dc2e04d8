/**
 * Pauz as a LiquidMetal Raindrop service: the whole Pauz HTTP API (`@pauz/hono`)
 * served by a raindrop-framework `Service`, built from the application's bindings
 * (see raindrop.manifest):
 *
 * - `env.HINTS`, `env.GUIDED_JOURNALS`, `env.AUDIO_FILES`: the SmartBuckets;
 * - `env.PAUZ`: the SQL database (D1), through Pauz's Kysely dialect;
 * - `env.AI`, when bound: transcription (whisper) and the writer (hints, reflections);
 *   without it the offline writer, and voice answers `NOT_CONFIGURED`;
 * - `VULTR_*` vars and secrets: the S3 bucket the PDFs go to.
 *
 * Pauz is built, and its migrations run, once per isolate, before the first request;
 * a failure is answered as a 503 problem naming what is missing (never a secret's
 * value) and retried on the next request.
 */
import { services } from '@liquidmetal-ai/raindrop-framework';
import { createPauzFromRaindrop, type RaindropEnv } from '@pauz/core/raindrop';
import { pauzHono } from '@pauz/hono';
import { Hono } from 'hono';

/** The service's bindings and vars: Pauz's (see `RaindropEnv`) and this app's own. */
export type Env = RaindropEnv;

let app: Promise<Hono> | undefined;

async function build(env: Env): Promise<Hono> {
  const pauz = await createPauzFromRaindrop(env);
  await pauz.migrate();
  const hono = new Hono();
  hono.route('/', pauzHono(pauz));
  return hono;
}

export default class PauzService extends services.Service<Env> {
  override async fetch(request: Request): Promise<Response> {
    app ??= build(this.env).catch((error: unknown) => {
      // Not cached: the next request tries again (a binding or a migration may recover).
      app = undefined;
      throw error;
    });
    let hono: Hono;
    try {
      hono = await app;
    } catch (error) {
      console.error('Pauz could not start', error);
      const detail = error instanceof Error && error.name === 'PauzConfigError' ? error.message : 'Pauz could not start; see the service log';
      return Response.json(
        { type: 'urn:pauz:problem:not-configured', title: 'Service unavailable', status: 503, code: 'NOT_CONFIGURED', detail },
        { status: 503, headers: { 'content-type': 'application/problem+json' } },
      );
    }
    return hono.fetch(request, this.env, this.ctx);
  }
}
