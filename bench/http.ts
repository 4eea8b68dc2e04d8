/**
 * HTTP hot-path benchmark: an authenticated `GET /freejournal/{id}` and a save
 * (`POST /freejournal/{id}/save`, 2 KB of text) through `@pauz/hono` and
 * `@pauz/express`, each against bare routes of the same framework doing the same SQL
 * on the same database settings (bench/http-server.ts says exactly what the bare
 * routes do), on SQLite and on PostgreSQL.
 *
 * Every server is its own process; wrk (a separate process) loads one at a time.
 * With two or more CPUs the servers are pinned to CPU 0 and wrk to CPU 1. A round
 * measures bare and Pauz back to back (the order alternates between rounds), so
 * each ratio compares two runs seconds apart; the table shows the median ratio over
 * the rounds and its spread (min–max). Two figures per pair:
 *
 * - req/s: Pauz's requests per second over bare's (higher is better, 1 = as fast);
 * - CPU/req: the server process's CPU time per request (`process.cpuUsage()` over
 *   the run divided by the requests wrk completed), Pauz's over bare's (lower is
 *   better). This is the steadier figure on a shared machine.
 *
 * PostgreSQL runs when `PAUZ_BENCH_POSTGRES_URL` (or `PAUZ_TEST_POSTGRES_URL`, or
 * the local default postgres://postgres@127.0.0.1:5432/test) answers; the CPU
 * figures there count the Node server only, not PostgreSQL's own processes.
 *
 * Knobs: `PAUZ_BENCH_HTTP_SECONDS` (per run, default 2), `PAUZ_BENCH_HTTP_ROUNDS`
 * (default 3), `PAUZ_BENCH_HTTP_CONNECTIONS` (default 50), `PAUZ_BENCH_HTTP_DBS`
 * (default `sqlite,postgres`). Nothing is asserted; the goals are printed next to
 * the figures.
 *
 * Run from the repository root (after `pnpm build`):
 *   pnpm run bench:http
 */
import { type ChildProcess, execFileSync, fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPauz, memoryBuckets, memoryPdfStore } from '@pauz/core';
import { nodePasswordHasher } from '@pauz/core/node';
import { createPostgresDatabase } from '@pauz/core/postgres';
import { createSqliteDatabase } from '@pauz/core/sqlite';
import pg from 'pg';

const SECONDS = Number(process.env.PAUZ_BENCH_HTTP_SECONDS ?? 2);
const ROUNDS = Number(process.env.PAUZ_BENCH_HTTP_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.PAUZ_BENCH_HTTP_CONNECTIONS ?? 50);
const DBS = (process.env.PAUZ_BENCH_HTTP_DBS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
const POSTGRES_URL = process.env.PAUZ_BENCH_POSTGRES_URL ?? process.env.PAUZ_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SESSIONS = 256;
const WRK = process.env.PAUZ_BENCH_WRK ?? 'wrk';
const GOALS = { read: 0.8, save: 0.7, cpu: 1.5 };

const FRAMEWORKS = ['hono', 'express'] as const;
const MODES = ['bare', 'pauz'] as const;
const OPS = ['read', 'save'] as const;
type Framework = (typeof FRAMEWORKS)[number];
type Mode = (typeof MODES)[number];
type Op = (typeof OPS)[number];

const here = dirname(fileURLToPath(import.meta.url));
const pin = availableParallelism() >= 2 && hasCommand('taskset');

/** True when `name` can be started (whatever it answers to `--version`). */
function hasCommand(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** Two kilobytes of journal-like prose with some accents and punctuation. */
function journalText(): string {
  const sentence = 'Woke early, made coffee and sat by the window; the café downstairs was still closed. ';
  const more = 'I wrote three pages about the week — work, the long walk, a call with Léa — and felt calmer. ';
  let text = '';
  while (text.length < 2000) text += text.length % 2 === 0 ? sentence : more;
  return text.slice(0, 2000);
}

interface Fixture {
  token: string;
  ids: string[];
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function fill(db: Parameters<typeof createPauz>[0]['db']): Promise<{ token: string; ids: string[] }> {
  const pauz = createPauz({
    db,
    buckets: memoryBuckets(),
    pdfs: memoryPdfStore({ secret: 'bench-link-secret-bench-link-secret', publicBaseUrl: 'http://127.0.0.1' }),
    passwordHasher: nodePasswordHasher(),
  });
  await pauz.migrate();
  const { user, token } = await pauz.accounts.register({ email: 'bench@example.com', password: 'correct horse battery' });
  const ids: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const session = await pauz.freeJournal.create(user.id, { title: `Morning pages ${i}` });
    await pauz.freeJournal.save(user.id, session.id, { content: journalText() });
    ids.push(session.id);
  }
  return { token, ids };
}

async function sqliteFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'pauz-bench-http-'));
  const file = join(dir, 'pauz.db');
  const db = createSqliteDatabase({ filename: file });
  const { token, ids } = await fill(db);
  await db.destroy();
  return {
    token,
    ids,
    env: { PAUZ_BENCH_DB: 'sqlite', PAUZ_BENCH_SQLITE_FILE: file },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresFixture(): Promise<Fixture | string> {
  const schema = `pauz_bench_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  try {
    await admin.connect();
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_URL.replace(/\/\/[^@]*@/, '//…@')} did not answer (${(error as Error).message}); set PAUZ_BENCH_POSTGRES_URL`;
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = createPostgresDatabase({ connectionString: POSTGRES_URL, schema, max: 4 });
  const { token, ids } = await fill(db);
  await db.destroy();
  return {
    token,
    ids,
    env: { PAUZ_BENCH_DB: 'postgres', PAUZ_BENCH_POSTGRES_URL: POSTGRES_URL, PAUZ_BENCH_POSTGRES_SCHEMA: schema },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

interface Server {
  port: number;
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

async function startServer(framework: Framework, mode: Mode, env: Record<string, string>): Promise<Server> {
  const child: ChildProcess = fork(join(here, 'http-server.js'), [], {
    env: { ...process.env, ...env, PAUZ_BENCH_FRAMEWORK: framework, PAUZ_BENCH_MODE: mode, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${framework}/${mode} server exited (${code}) before listening`)));
    child.on('message', (message: { kind?: string; port?: number }) => {
      if (message.kind === 'listening' && message.port !== undefined) resolve(message.port);
    });
  });
  child.removeAllListeners('exit');
  // Every thread of the server on CPU 0; wrk gets CPU 1.
  if (pin && child.pid !== undefined) execFileSync('taskset', ['-a', '-p', '-c', '0', String(child.pid)], { stdio: 'ignore' });
  return {
    port,
    cpuMicros: () =>
      new Promise((resolve) => {
        const onMessage = (message: { kind?: string; usage?: NodeJS.CpuUsage }): void => {
          if (message.kind !== 'cpu' || message.usage === undefined) return;
          child.off('message', onMessage);
          resolve(message.usage.user + message.usage.system);
        };
        child.on('message', onMessage);
        child.send({ kind: 'cpu' });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function luaString(text: string): string {
  return `[==[${text}]==]`;
}

/** The wrk script of one operation: round-robin over the sessions, one summary line at the end. */
function wrkScript(dir: string, op: Op, fixture: Fixture): string {
  const ids = fixture.ids.map((id) => `"${id}"`).join(',');
  const body = JSON.stringify({ content: journalText() });
  const lines = [
    `local ids = {${ids}}`,
    `local n = #ids`,
    `local i = 0`,
    op === 'read'
      ? `local headers = { ["Authorization"] = "Bearer ${fixture.token}" }`
      : `local headers = { ["Authorization"] = "Bearer ${fixture.token}", ["Content-Type"] = "application/json" }`,
    `local body = ${luaString(body)}`,
    'request = function()',
    '  i = i % n + 1',
    op === 'read'
      ? '  return wrk.format("GET", "/freejournal/" .. ids[i], headers)'
      : '  return wrk.format("POST", "/freejournal/" .. ids[i] .. "/save", headers, body)',
    'end',
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format("PAUZ_BENCH %d %d %d\\n", summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout))',
    'end',
  ];
  const file = join(dir, `${op}.lua`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

interface Run {
  rps: number;
  cpuPerRequest: number;
  errors: number;
}

async function load(server: Server, script: string, seconds: number): Promise<Run> {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, `http://127.0.0.1:${server.port}`];
  const before = await server.cpuMicros();
  const output = await new Promise<string>((resolve, reject) => {
    const child = pin ? spawn('taskset', ['-c', '1', WRK, ...args]) : spawn(WRK, args);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk failed (${code}): ${out}`))));
  });
  const cpu = (await server.cpuMicros()) - before;
  const match = /PAUZ_BENCH (\d+) (\d+) (\d+)/.exec(output);
  if (match === null) throw new Error(`unexpected wrk output: ${output}`);
  const requests = Number(match[1]);
  const micros = Number(match[2]);
  return { rps: (requests / micros) * 1e6, cpuPerRequest: cpu / Math.max(1, requests), errors: Number(match[3]) };
}

interface Row {
  db: string;
  op: Op;
  framework: Framework;
  bare: Run[];
  pauz: Run[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function benchDatabase(db: string, fixture: Fixture, rows: Row[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pauz-bench-wrk-'));
  const servers = new Map<string, Server>();
  try {
    for (const framework of FRAMEWORKS) {
      for (const mode of MODES) servers.set(`${framework}/${mode}`, await startServer(framework, mode, fixture.env));
    }
    for (const op of OPS) {
      const script = wrkScript(dir, op, fixture);
      // Warm-up: JIT, statement caches, connection pools.
      for (const server of servers.values()) await load(server, script, 1);
      for (const framework of FRAMEWORKS) {
        const row: Row = { db, op, framework, bare: [], pauz: [] };
        rows.push(row);
        for (let round = 0; round < ROUNDS; round++) {
          const order: Mode[] = round % 2 === 0 ? ['bare', 'pauz'] : ['pauz', 'bare'];
          for (const mode of order) row[mode].push(await load(servers.get(`${framework}/${mode}`) as Server, script, SECONDS));
        }
        process.stderr.write('.');
      }
    }
  } finally {
    for (const server of servers.values()) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function report(rows: Row[]): void {
  const header = ['db', 'route', 'framework', 'bare req/s', 'Pauz req/s', 'req/s ratio (min–max)', 'bare CPU/req', 'Pauz CPU/req', 'CPU ratio (min–max)', 'goal'];
  const widths = [9, 6, 10, 11, 11, 22, 13, 13, 20, 4];
  const lines = [header.map((h, i) => pad(h, widths[i] as number, i >= 3 && i <= 8)).join('  ')];
  for (const row of rows) {
    const rpsRatios = row.pauz.map((run, i) => run.rps / (row.bare[i] as Run).rps);
    const cpuRatios = row.pauz.map((run, i) => run.cpuPerRequest / (row.bare[i] as Run).cpuPerRequest);
    const rps = median(rpsRatios);
    const cpu = median(cpuRatios);
    const errors = [...row.bare, ...row.pauz].reduce((n, run) => n + run.errors, 0);
    const met = rps >= GOALS[row.op] && cpu <= GOALS.cpu;
    const range = (values: number[]): string => `${median(values).toFixed(2)}× (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
    const cells = [
      row.db,
      row.op,
      row.framework,
      Math.round(median(row.bare.map((r) => r.rps))).toString(),
      Math.round(median(row.pauz.map((r) => r.rps))).toString(),
      range(rpsRatios),
      `${median(row.bare.map((r) => r.cpuPerRequest)).toFixed(0)} µs`,
      `${median(row.pauz.map((r) => r.cpuPerRequest)).toFixed(0)} µs`,
      range(cpuRatios),
      errors > 0 ? `${errors} errors!` : row.db === 'sqlite' ? (met ? 'met' : 'MISSED') : '',
    ];
    lines.push(cells.map((c, i) => pad(c, widths[i] as number, i >= 3 && i <= 8)).join('  '));
  }
  console.log(lines.join('\n'));
  console.log(
    `\nGoal (SQLite, both frameworks): read ≥ ${GOALS.read}× and save ≥ ${GOALS.save}× bare req/s, CPU per request ≤ ${GOALS.cpu}× bare.`,
  );
}

async function main(): Promise<void> {
  if (!hasCommand(WRK)) {
    console.log(`HTTP hot path: skipped, ${WRK} is not installed (apt-get install wrk).`);
    return;
  }
  if (!existsSync(join(here, 'http-server.js'))) throw new Error('run the bundled bench (pnpm run bench:http), not the source');
  console.log(
    `\nHTTP hot path: authenticated read and save, Pauz vs bare routes of the same framework and SQL` +
      `\n(wrk -t1 -c${CONNECTIONS}, ${ROUNDS} rounds × ${SECONDS} s per pair${pin ? ', servers on CPU 0, wrk on CPU 1' : ', not pinned'}; medians, spread over rounds)\n`,
  );
  const rows: Row[] = [];
  for (const db of DBS) {
    const fixture = db === 'postgres' ? await postgresFixture() : db === 'sqlite' ? await sqliteFixture() : `unknown database ${db}`;
    if (typeof fixture === 'string') {
      console.log(`${db}: skipped, ${fixture}`);
      continue;
    }
    try {
      await benchDatabase(db, fixture, rows);
    } finally {
      await fixture.cleanup();
    }
  }
  process.stderr.write('\n');
  report(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
