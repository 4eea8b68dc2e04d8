/**
 * Server benchmarks of the reference server (examples/server: Hono on
 * @hono/node-server, SQLite, filesystem buckets), each a ratio measured in this run:
 *
 *   cold-start  spawn → first 200 on /health, vs bare Hono servers doing the same
 *               (listen + /health; one also opening SQLite and querying it)
 *   export      max event-loop delay in the server and /health latency while a
 *               100-page PDF export runs, vs the same server idle
 *   listing     first page of GET /freejournal/ and GET /guided_journal/ for a user
 *               with 10,000 items vs one with 100 (seeded through SQL)
 *   login       logins/s (POST /auth/login) vs raw scrypt hashes/s with the same
 *               parameters and concurrency
 *
 * Run from the repository root (after `pnpm build`):
 *   pnpm run bench:server            all of them
 *   node bench/server.mjs listing    one of them
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID, scrypt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPauzFromEnv } from '../packages/core/dist/env.js';
import { OWASP_SCRYPT } from '../packages/core/dist/index.js';
import { journalText } from './journal-text.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(root, 'examples/server/dist/main.js');
const PASSWORD = 'correct horse battery staple';
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];
const fmt = (ms) => `${ms.toFixed(1).padStart(7)} ms`;
const temps = [];
const tempDir = (name) => {
  const dir = mkdtempSync(join(tmpdir(), `pauz-bench-${name}-`));
  temps.push(dir);
  return dir;
};

/** Starts a server script; resolves once it printed its address. */
function start(script, { dataDir, args = [], ipc = false, env = {} } = {}) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...args, script], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? ['ipc'] : [])],
    env: { PATH: process.env.PATH, PAUZ_STORAGE: 'local', PAUZ_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env },
  });
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolveStart({ url: match[1], child, t0, stop: () => stop(child) });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening`)));
  });
}

function stop(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', done);
    child.kill('SIGTERM');
  });
}

async function json(url, init = {}) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const body = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${body.slice(0, 200)}`);
  return body === '' ? null : JSON.parse(body);
}

const register = (url, email) => json(`${url}/auth/register`, { method: 'POST', body: JSON.stringify({ email, password: PASSWORD }) });

// ---------------------------------------------------------------- cold start

/** A bare Hono server: listen + /health (optionally opening SQLite and querying it per request). */
const BARE = `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const db = process.env.BARE_SQLITE ? new (await import('better-sqlite3')).default('bare.db') : undefined;
const health = db?.prepare('select 1 as ok');
const app = new Hono();
app.get('/health', (c) => c.json({ status: health === undefined || health.get().ok === 1 ? 'ok' : 'down' }));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log('listening on http://127.0.0.1:' + info.port));
`;

async function coldStart() {
  // Next to examples/server's node_modules, so hono and better-sqlite3 resolve.
  const dir = join(root, 'examples/server/node_modules/.cache/pauz-bench');
  mkdirSync(dir, { recursive: true });
  const bare = join(dir, 'bare-hono.mjs');
  writeFileSync(bare, BARE);
  const RUNS = Number(process.env.PAUZ_BENCH_COLD_RUNS ?? 7);
  const kinds = {
    'bare Hono (listen + /health)': { script: bare },
    'bare Hono + better-sqlite3 (select 1)': { script: bare, env: { BARE_SQLITE: '1' } },
    'Pauz reference server': { script: SERVER },
  };
  const times = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so load on the machine falls on every kind alike.
    for (const [name, { script, env }] of Object.entries(kinds)) {
      const server = await start(script, { dataDir: tempDir('cold'), env });
      for (;;) {
        const res = await fetch(`${server.url}/health`).catch(() => null);
        if (res?.status === 200) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      times[name].push(performance.now() - server.t0);
      await server.stop();
    }
  }
  const bareMs = median(times['bare Hono (listen + /health)']);
  const bareDbMs = median(times['bare Hono + better-sqlite3 (select 1)']);
  const pauzMs = median(times['Pauz reference server']);
  console.log(`Cold start: spawn → first 200 on /health, median of ${RUNS}`);
  for (const [name, values] of Object.entries(times)) console.log(`  ${name.padEnd(40)} ${fmt(median(values))}`);
  console.log(`  ratio Pauz / bare Hono: ${(pauzMs / bareMs).toFixed(2)}   Pauz / bare Hono + SQLite: ${(pauzMs / bareDbMs).toFixed(2)}`);
}

// ---------------------------------------------------------------- export vs /health

function probe(child, message, kind) {
  return new Promise((resolveReply) => {
    const on = (reply) => {
      if (reply?.kind !== kind) return;
      child.off('message', on);
      resolveReply(reply);
    };
    child.on('message', on);
    child.send(message);
  });
}

/** GET /health one after another until `done()`; the latencies. */
async function healthWhile(url, done) {
  const latencies = [];
  while (!done()) {
    const t = performance.now();
    const res = await fetch(`${url}/health`);
    await res.arrayBuffer();
    latencies.push(performance.now() - t);
  }
  return latencies;
}

async function exportBlocking() {
  const server = await start(SERVER, { dataDir: tempDir('export'), args: ['--import', join(root, 'bench/loop-probe.mjs')], ipc: true });
  try {
    const { token } = await register(server.url, 'export@example.com');
    const auth = { authorization: `Bearer ${token}` };
    const session = await json(`${server.url}/freejournal/`, { method: 'POST', headers: auth, body: '{}' });
    const content = journalText();
    await json(`${server.url}/freejournal/${session.id}/save`, { method: 'POST', headers: auth, body: JSON.stringify({ content }) });
    const exportOnce = () => json(`${server.url}/freejournal/${session.id}/export`, { method: 'POST', headers: auth, body: '{}' });
    await exportOnce(); // loads the renderer

    const RUNS = Number(process.env.PAUZ_BENCH_EXPORT_RUNS ?? 3);
    const idle = { health: [], max: [] };
    const busy = { health: [], max: [], exportMs: [] };
    for (let i = 0; i < RUNS; i++) {
      await probe(server.child, 'reset', 'reset');
      const until = performance.now() + 500;
      idle.health.push(...(await healthWhile(server.url, () => performance.now() > until)));
      idle.max.push((await probe(server.child, 'report', 'report')).max);

      await probe(server.child, 'reset', 'reset');
      let finished = false;
      const t = performance.now();
      const running = exportOnce().finally(() => {
        finished = true;
      });
      busy.health.push(...(await healthWhile(server.url, () => finished)));
      await running;
      busy.exportMs.push(performance.now() - t);
      busy.max.push((await probe(server.child, 'report', 'report')).max);
    }
    console.log(`Export vs /health: a ${content.length.toLocaleString('en')}-character (100-page) journal exported over HTTP, ${RUNS} runs`);
    console.log(`  export (render + store)                 ${fmt(median(busy.exportMs))}`);
    console.log(`  max event-loop delay   idle ${fmt(Math.max(...idle.max))}   during export ${fmt(Math.max(...busy.max))}`);
    console.log(
      `  /health latency        idle p50 ${fmt(median(idle.health))} max ${fmt(Math.max(...idle.health))}` +
        `   during export p50 ${fmt(median(busy.health))} p99 ${fmt(percentile(busy.health, 99))} max ${fmt(Math.max(...busy.health))} (${busy.health.length} requests)`,
    );
    console.log(`  ratio /health max during export / idle p50: ${(Math.max(...busy.health) / median(idle.health)).toFixed(1)}`);
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------- listing

/** Seeds `count` free sessions and guided journals for a new user, straight into SQLite. */
async function seed(pauz, email, count) {
  const { user } = await pauz.accounts.register({ email, password: PASSWORD });
  const base = Date.parse('2026-01-01T00:00:00Z');
  await pauz.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i += 500) {
      const n = Math.min(500, count - i);
      const at = (k) => new Date(base + (i + k) * 60_000).toISOString();
      await trx
        .insertInto('pauz_free_sessions')
        .values(
          Array.from({ length: n }, (_, k) => ({
            id: randomUUID(),
            user_id: user.id,
            title: `Day ${i + k}`,
            content: `Walked to the river, day ${i + k}. The light was soft and the water slow.`,
            search_text: `day ${i + k} walked to the river`,
            word_count: 14,
            mood: 'calm',
            version: 1,
            created_at: at(k),
            updated_at: at(k),
          })),
        )
        .execute();
      await trx
        .insertInto('pauz_guided_journals')
        .values(
          Array.from({ length: n }, (_, k) => {
            const id = randomUUID();
            return {
              id,
              user_id: user.id,
              object_key: `users/${user.id}/guided/${id}/v1.json`,
              topic: 'gratitude',
              preview: `What went well today? Day ${i + k}`,
              entry_count: 3,
              prompt_count: 9,
              version: 1,
              created_at: at(k),
              updated_at: at(k),
            };
          }),
        )
        .execute();
    }
  });
}

async function listing() {
  const dataDir = tempDir('listing');
  const SMALL = 100;
  const LARGE = Number(process.env.PAUZ_BENCH_LIST_ITEMS ?? 10_000);
  const pauz = await createPauzFromEnv({ PAUZ_STORAGE: 'local', PAUZ_DATA_DIR: dataDir });
  await pauz.migrate();
  await seed(pauz, 'small@example.com', SMALL);
  await seed(pauz, 'large@example.com', LARGE);
  await pauz.close();

  const server = await start(SERVER, { dataDir });
  try {
    const login = async (email) => (await json(`${server.url}/auth/login`, { method: 'POST', body: JSON.stringify({ email, password: PASSWORD }) })).token;
    const tokens = { [SMALL]: await login('small@example.com'), [LARGE]: await login('large@example.com') };
    const REQUESTS = Number(process.env.PAUZ_BENCH_LIST_REQUESTS ?? 300);
    const results = {};
    for (const path of ['/freejournal/', '/guided_journal/']) {
      const times = { [SMALL]: [], [LARGE]: [] };
      let items = {};
      for (let i = 0; i < REQUESTS + 20; i++) {
        for (const size of [SMALL, LARGE]) {
          const t = performance.now();
          const page = await json(`${server.url}${path}`, { headers: { authorization: `Bearer ${tokens[size]}` } });
          if (i >= 20) times[size].push(performance.now() - t);
          items[size] = page.items.length;
        }
      }
      results[path] = { small: median(times[SMALL]), large: median(times[LARGE]), items };
    }
    console.log(`Listing, first page, SQLite: a user with ${SMALL} vs ${LARGE.toLocaleString('en')} items, median of ${REQUESTS} requests each`);
    for (const [path, r] of Object.entries(results)) {
      console.log(
        `  GET ${path.padEnd(17)} ${SMALL} items ${fmt(r.small)}   ${LARGE.toLocaleString('en')} items ${fmt(r.large)}` +
          `   ratio ${(r.large / r.small).toFixed(2)}   (${r.items[LARGE]} on the page)`,
      );
    }
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------- login

async function login() {
  const CONCURRENCY = Number(process.env.PAUZ_BENCH_LOGIN_CONCURRENCY ?? 4);
  const SECONDS = Number(process.env.PAUZ_BENCH_LOGIN_SECONDS ?? 4);
  const { logN, r, p } = OWASP_SCRYPT;
  const N = 2 ** logN;
  const hash = () =>
    new Promise((done, fail) =>
      scrypt(PASSWORD, randomBytes(16), 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (e) => (e ? fail(e) : done())),
    );
  const rate = async (once) => {
    await once(); // warm
    let count = 0;
    const t = performance.now();
    const until = t + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until) {
          await once();
          count++;
        }
      }),
    );
    return (count * 1000) / (performance.now() - t);
  };
  const hashes = await rate(hash);

  const server = await start(SERVER, { dataDir: tempDir('login') });
  let logins;
  try {
    await register(server.url, 'login@example.com');
    const body = JSON.stringify({ email: 'login@example.com', password: PASSWORD });
    logins = await rate(() => json(`${server.url}/auth/login`, { method: 'POST', body }));
  } finally {
    await server.stop();
  }
  console.log(`Login throughput: scrypt N=2^${logN} r=${r} p=${p}, ${CONCURRENCY} at a time, ${SECONDS} s each`);
  console.log(`  raw scrypt (node:crypto, this process)  ${hashes.toFixed(1).padStart(7)} hashes/s`);
  console.log(`  POST /auth/login (reference server)     ${logins.toFixed(1).padStart(7)} logins/s`);
  console.log(`  ratio logins / hashes: ${(logins / hashes).toFixed(2)} (overhead ${((hashes / logins - 1) * 100).toFixed(0)}%)`);
}

const benches = { 'cold-start': coldStart, export: exportBlocking, listing, login };
const chosen = process.argv.slice(2);
try {
  for (const [name, run] of Object.entries(benches)) {
    if (chosen.length > 0 && !chosen.includes(name)) continue;
    await run();
    console.log('');
  }
} finally {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}
