// The worker bench/workerd-memory.mjs measures: Pauz as a Raindrop service would run
// it (createPauz on the D1 and R2 bindings, raindropTranscriber on env.AI, served by
// @pauz/hono), plus /probe/* routes that only build what the AI binding is handed.
// Bundled by the bench with esbuild against the built packages.
import { createPauz, migrateToLatest, memoryPdfStore, pauzBuckets, scryptPasswordHasher } from '@pauz/core';
import { raindropBindingBucket, raindropTranscriber } from '@pauz/core/raindrop';
import { pauzHono } from '@pauz/hono';
import { raindropSqlDatabase } from '../packages/core/src/raindrop/d1.ts';

let app;

async function build(env) {
  const db = raindropSqlDatabase(env.PAUZ);
  await migrateToLatest(db);
  const buckets = { hints: env.HINTS, 'guided-journals': env.GUIDED_JOURNALS, 'audio-files': env.AUDIO_FILES };
  const max = env.MAX_AUDIO_BYTES === 'Infinity' ? Infinity : env.MAX_AUDIO_BYTES === '' ? undefined : Number(env.MAX_AUDIO_BYTES);
  const pauz = createPauz({
    db,
    buckets: pauzBuckets((name) => raindropBindingBucket(buckets[name], { name })),
    pdfs: memoryPdfStore({ secret: 'bench-link-secret-of-at-least-32-characters', publicBaseUrl: 'http://pauz.test' }),
    transcriber: raindropTranscriber(env.AI, max === undefined ? {} : { maxAudioBytes: max }),
    passwordHasher: scryptPasswordHasher({ params: { logN: 10, r: 8, p: 1 } }),
    limits: { audioBytes: 26 * 1024 * 1024 },
  });
  return pauzHono(pauz);
}

/** The audio as the binding wants it, built the way the transcriber builds it (or Array.from). */
function byteValues(bytes, method) {
  if (method === 'from') return Array.from(bytes);
  const values = [];
  for (let i = 0; i < bytes.length; i++) values.push(bytes[i]);
  return values;
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    // The probes keep what they built until /probe/clear, so the bench can weigh it (live heap after a GC).
    if (url.pathname === '/probe/clear') {
      globalThis.kept = undefined;
      return new Response('cleared');
    }
    if (url.pathname === '/probe/bytes') {
      const bytes = new Uint8Array(await request.arrayBuffer());
      globalThis.kept = [bytes];
      return Response.json({ bytes: bytes.byteLength });
    }
    if (url.pathname === '/probe/array') {
      const bytes = new Uint8Array(await request.arrayBuffer());
      const values = byteValues(bytes, url.searchParams.get('method'));
      const json = url.searchParams.get('json') === '1' ? JSON.stringify({ inputs: { audio: values }, options: {} }) : '';
      globalThis.kept = [bytes, values, json];
      return Response.json({ bytes: bytes.byteLength, values: values.length, json: json.length });
    }
    app ??= await build(env);
    return app.fetch(request, env);
  },
};
