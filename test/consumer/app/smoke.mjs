// The same smoke flow on every runtime (Node 20/22/24, Bun, Deno): @pauz/core on
// PostgreSQL (pure-JS `pg`, so no native addon built for one Node ABI), memory
// buckets and PDF store, and Pauz's Hono app answering Web Requests.
// Usage: <runtime> smoke.mjs <postgres-url> <label>
import { createPauz, isPauzError, memoryBuckets, memoryPdfStore } from '@pauz/core';
import { createPostgresDatabase } from '@pauz/core/postgres';
import { pauzHono } from '@pauz/hono';
import { Hono } from 'hono';
import pg from 'pg';
import { existsSync } from 'node:fs';

const args = typeof Deno === 'undefined' ? process.argv.slice(2) : Deno.args;
const [url, label] = args;
if (!url || !label) throw new Error('usage: smoke.mjs <postgres-url> <label>');
const schema = `pauz_consumer_${label.replace(/\W/g, '_')}_${Date.now()}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const db = createPostgresDatabase({ connectionString: url, schema, max: 2 });
const fail = (message) => {
  throw new Error(`${label}: ${message}`);
};
try {
  const pauz = createPauz({
    db,
    buckets: memoryBuckets(),
    pdfs: memoryPdfStore({ secret: 'consumer-test-secret-of-at-least-32-chars', publicBaseUrl: 'http://pauz.test/api' }),
  });
  await pauz.migrate();
  const { user } = await pauz.accounts.register({ email: `${label}@example.com`, password: 'correct horse battery' });
  const session = await pauz.freeJournal.create(user.id, { title: label });
  const saved = await pauz.freeJournal.save(user.id, session.id, { content: `Hello from ${label}.`, baseVersion: session.version });
  if (saved.wordCount !== 3) fail(`wordCount ${saved.wordCount}`);
  await pauz.garden.add(user.id, { mood: 'happy', timeZone: 'UTC' });
  if ((await pauz.garden.stats(user.id, { tz: 'UTC' })).total !== 1) fail('garden total');
  const pdf = await pauz.exports.freeJournal(user.id, session.id);
  if (!(pdf.size > 1000)) fail(`PDF size ${pdf.size}`);
  const stale = await pauz.freeJournal.save(user.id, session.id, { content: 'x', baseVersion: 1 }).catch((e) => e);
  if (!isPauzError(stale, 'VERSION_CONFLICT')) fail(`expected VERSION_CONFLICT, got ${stale}`);

  const app = new Hono();
  app.get('/hello', (c) => c.text('host'));
  app.route('/api', pauzHono(pauz));
  const host = await app.fetch(new Request('http://pauz.test/hello'));
  if ((await host.text()) !== 'host') fail('host route');
  const registered = await app.fetch(
    new Request('http://pauz.test/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${label}-http@example.com`, password: 'correct horse battery' }),
    }),
  );
  if (registered.status !== 201) fail(`register over Hono: ${registered.status} ${await registered.text()}`);
  const { token } = await registered.json();
  const me = await app.fetch(new Request('http://pauz.test/api/auth/me', { headers: { authorization: `Bearer ${token}` } }));
  if ((await me.json()).user?.email !== `${label}-http@example.com`) fail('GET /auth/me');
  // @pauz/client (fetch only) on this runtime, once the workspace has it.
  if (existsSync(new URL('./node_modules/@pauz/client/package.json', import.meta.url))) {
    const { createPauzClient } = await import('@pauz/client');
    const api = createPauzClient({ baseUrl: 'http://pauz.test/api', token, fetch: (input, init) => app.fetch(new Request(input, init)) });
    const created = await api.freeJournal.create({ title: `${label} via client` });
    if (created.title !== `${label} via client`) fail('client create');
    console.log(`client ok (${label})`);
  }
  console.log(`smoke ok (${label})`);
} finally {
  await db.destroy();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
