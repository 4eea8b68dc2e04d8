'use strict';
// The flow a new user of the packages runs: the SDK on a SQLite file, then Pauz mounted
// in a Hono app and in an Express app next to the host's own routes, over real HTTP.
// The entry files (flow.mjs, flow.cjs) load the packages their own way and pass them in,
// so the same flow runs once against the ESM builds and once against the CJS builds.
const assert = require('node:assert/strict');
const { mkdtempSync, rmSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const SECRET = 'consumer-test-secret-of-at-least-32-chars';

async function json(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${response.status} ${response.url}: not JSON: ${text.slice(0, 200)}`);
  }
}

/** Registers, writes, exports and downloads over HTTP against `base` (…/api). */
async function httpFlow(base, label) {
  const email = `${label}-${Date.now()}@example.com`;
  const registered = await fetch(`${base}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery', name: label }),
  });
  assert.equal(registered.status, 201, `${label}: register`);
  const { token, user } = await json(registered);
  assert.equal(user.email, email);
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const created = await fetch(`${base}/freejournal/`, { method: 'POST', headers: auth, body: JSON.stringify({ title: `${label} entry` }) });
  assert.equal(created.status, 201, `${label}: create session`);
  const session = await json(created);
  const saved = await fetch(`${base}/freejournal/${session.id}/save`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ content: 'Written over real HTTP.', baseVersion: session.version }),
  });
  assert.equal(saved.status, 200, `${label}: save`);
  assert.equal((await json(saved)).wordCount, 4);

  const stale = await fetch(`${base}/freejournal/${session.id}/save`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ content: 'stale', baseVersion: session.version }),
  });
  assert.equal(stale.status, 409, `${label}: stale save`);
  assert.match(stale.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal((await json(stale)).code, 'VERSION_CONFLICT');

  const exported = await fetch(`${base}/freejournal/${session.id}/export`, { method: 'POST', headers: auth });
  assert.equal(exported.status, 201, `${label}: export`);
  const { url } = await json(exported);
  assert.ok(url.startsWith(base), `${label}: the PDF link points at the mount (${url})`);
  const pdf = await fetch(url);
  assert.equal(pdf.status, 200, `${label}: PDF download`);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).slice(0, 5)), '%PDF-');

  const anonymous = await fetch(`${base}/auth/me`);
  assert.equal(anonymous.status, 401, `${label}: no token`);
}

/** @pauz/client (when the workspace has it) against the running server. */
async function clientFlow(client, baseUrl, label) {
  const api = client.createPauzClient({ baseUrl });
  const { token, user } = await api.auth.register({ email: `${label}-${Date.now()}@example.com`, password: 'correct horse battery' });
  assert.ok(user.id);
  const signedIn = api.withToken(token);
  const session = await signedIn.freeJournal.create({ title: label });
  const saved = await signedIn.freeJournal.save({ id: session.id }, { content: 'one two three', baseVersion: session.version });
  assert.equal(saved.wordCount, 3);
  const conflict = await signedIn.freeJournal.save({ id: session.id }, { content: 'x', baseVersion: session.version }).then(
    () => assert.fail('a stale save must fail'),
    (error) => error,
  );
  assert.ok(client.isPauzClientError(conflict), String(conflict));
  assert.equal(conflict.code, 'VERSION_CONFLICT');
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => resolve(server.address().port));
  });
}

exports.run = async function run(m) {
  const { core, sqlite, pauzHono, pauzExpress, Hono, express, serve, format } = m;
  const dir = mkdtempSync(join(tmpdir(), `pauz-consumer-${format}-`));
  const servers = [];
  let db;
  try {
    // 1. The SDK on a SQLite file, in a folder that does not exist yet.
    let baseUrl = 'http://127.0.0.1:1/api';
    db = sqlite.createSqliteDatabase({ filename: join(dir, 'data', 'pauz.db') });
    const pauz = core.createPauz({
      db,
      buckets: core.memoryBuckets(),
      pdfs: core.memoryPdfStore({ secret: SECRET, publicBaseUrl: () => baseUrl }),
    });
    await pauz.migrate();
    assert.ok(existsSync(join(dir, 'data', 'pauz.db')), 'the SQLite file exists in the folder it created');

    const { user } = await pauz.accounts.register({ email: `sdk-${format}@example.com`, password: 'correct horse battery' });
    const session = await pauz.freeJournal.create(user.id, { title: 'Morning pages' });
    const saved = await pauz.freeJournal.save(user.id, session.id, { content: 'Slept well. Wrote this.', baseVersion: session.version });
    assert.equal(saved.version, session.version + 1);
    await pauz.garden.add(user.id, { mood: 'calm', timeZone: 'Europe/Paris' });
    const stats = await pauz.garden.stats(user.id, { tz: 'Europe/Paris' });
    assert.equal(stats.total, 1);
    assert.equal(stats.byMood.calm, 1);
    assert.equal(stats.currentStreak, 1);
    const pdf = await pauz.exports.freeJournal(user.id, session.id);
    assert.ok(pdf.size > 1000, `PDF of ${pdf.size} bytes`);

    // A PauzError from this build is recognised by its brand and keeps its code.
    const conflict = await pauz.freeJournal.save(user.id, session.id, { content: 'x', baseVersion: 1 }).then(
      () => assert.fail('a stale save must fail'),
      (error) => error,
    );
    assert.ok(core.isPauzError(conflict, 'VERSION_CONFLICT'), String(conflict));
    assert.ok(conflict instanceof core.PauzError);

    // 2. Hono: the host's own route and Pauz under /api.
    const honoApp = new Hono();
    honoApp.get('/hello', (c) => c.text(`host hono ${format}`));
    honoApp.route('/api', pauzHono(pauz));
    const honoServer = serve({ fetch: honoApp.fetch, port: 0, hostname: '127.0.0.1' });
    servers.push(honoServer);
    const honoPort = await listen(honoServer);
    baseUrl = `http://127.0.0.1:${honoPort}/api`;
    assert.equal(await (await fetch(`http://127.0.0.1:${honoPort}/hello`)).text(), `host hono ${format}`);
    await httpFlow(baseUrl, `hono-${format}`);
    if (m.client) await clientFlow(m.client, baseUrl, `client-${format}`);

    // 3. Express: a JSON parser and host routes before Pauz, the host's error handler after.
    const app = express();
    app.use(express.json({ limit: '2mb' }));
    app.get('/hello', (_req, res) => {
      res.send(`host express ${format}`);
    });
    app.post('/echo', (req, res) => {
      res.json({ echoed: req.body });
    });
    app.use('/api', pauzExpress(pauz));
    app.use((error, _req, res, _next) => {
      res.status(500).json({ hostError: String(error) });
    });
    const expressServer = app.listen(0, '127.0.0.1');
    servers.push(expressServer);
    const expressPort = await listen(expressServer);
    baseUrl = `http://127.0.0.1:${expressPort}/api`;
    assert.equal(await (await fetch(`http://127.0.0.1:${expressPort}/hello`)).text(), `host express ${format}`);
    const echo = await fetch(`http://127.0.0.1:${expressPort}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    assert.deepEqual(await echo.json(), { echoed: { a: 1 } });
    await httpFlow(baseUrl, `express-${format}`);
    console.log(`flow ok (${format})`);
  } finally {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
};
