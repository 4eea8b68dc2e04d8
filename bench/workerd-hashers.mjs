/**
 * Password hashers inside workerd (the runtime of Cloudflare Workers and Raindrop
 * services) and on Node, for choosing one that fits an isolate (128 MB, CPU time
 * counted).
 *
 * workerd: miniflare 3 drives the real workerd binary; each case gets a fresh
 * workerd process. workerd stands its clocks still during synchronous work, so time
 * is taken from outside: wall time on the Node side around `mf.dispatchFetch` (the
 * median of RUNS requests minus the median of RUNS empty requests, after one warm-up
 * request of each), and the CPU time of the workerd process's threads
 * (/proc/<pid>/task/<tid>/schedstat) per request, minus an empty request's; the CPU
 * column stays put on a busy machine where wall time does not. Memory
 * is the workerd process's peak RSS (VmHWM in /proc) after the first run and after
 * all of them, minus its peak after the empty requests. Local workerd enforces neither the 128 MB limit nor
 * Cloudflare's PBKDF2 cap (100,000 iterations, cloudflare/workerd#1346).
 *
 * Node: each case runs in a fresh `node` process: median wall time of RUNS calls
 * (after one warm-up), and the peak RSS (`resourceUsage().maxRSS`) after the first
 * and after all of them, minus the peak before.
 *
 * Run from the repository root after `pnpm build`:
 *   node bench/workerd-hashers.mjs            RUNS = 5
 *   RUNS=9 node bench/workerd-hashers.mjs
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(root, 'packages/core');
// miniflare, esbuild and @noble/hashes are @pauz/core's (dev) dependencies.
const requireFromCore = createRequire(join(core, 'package.json'));
const { Miniflare } = requireFromCore('miniflare');
const esbuild = requireFromCore('esbuild');
const RUNS = Number(process.env.RUNS ?? 5);

const COMPAT = ['nodejs_compat'];
const cases = [
  { id: 'noble-scrypt-15-8-3', label: '(a) @noble/hashes scrypt N=2^15 r=8 p=3', memory: '32 MiB', op: { kind: 'noble-scrypt', logN: 15, r: 8, p: 3 } },
  { id: 'node-scrypt-15-8-3', label: '(b) node:crypto scrypt N=2^15 r=8 p=3', memory: '32 MiB', op: { kind: 'node-scrypt', logN: 15, r: 8, p: 3 } },
  { id: 'pbkdf2-600k', label: '(c) Web Crypto PBKDF2-SHA256 600,000', memory: '-', op: { kind: 'pbkdf2', iterations: 600_000 } },
  { id: 'pbkdf2-100k', label: '(c) Web Crypto PBKDF2-SHA256 100,000', memory: '-', op: { kind: 'pbkdf2', iterations: 100_000 } },
  { id: 'noble-pbkdf2-600k', label: '@noble/hashes PBKDF2-SHA256 600,000', memory: '-', op: { kind: 'noble-pbkdf2', iterations: 600_000 } },
  { id: 'pauz-isolate', label: 'Pauz isolatePasswordHasher().hash', memory: '32 MiB', op: { kind: 'pauz', hasher: 'isolate' } },
  { id: 'pauz-isolate-noflags', label: '  same, workerd without nodejs_compat', memory: '32 MiB', op: { kind: 'pauz', hasher: 'isolate' }, flags: [], nodeToo: false },
  { id: 'pauz-pbkdf2', label: 'Pauz webCryptoPbkdf2PasswordHasher(100,000)', memory: '-', op: { kind: 'pauz', hasher: 'pbkdf2' } },
  { id: 'noble-scrypt-17-8-1', label: '(ref) @noble/hashes scrypt N=2^17 r=8 p=1', memory: '128 MiB', op: { kind: 'noble-scrypt', logN: 17, r: 8, p: 1 } },
  { id: 'node-scrypt-17-8-1', label: '(ref) node:crypto scrypt N=2^17 r=8 p=1', memory: '128 MiB', op: { kind: 'node-scrypt', logN: 17, r: 8, p: 1 } },
];

// One module for both runtimes: `run(op)` derives one 32-byte key.
const RUN_OP = `
import { scrypt as nobleScrypt } from '@noble/hashes/scrypt.js';
import { pbkdf2 as noblePbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { isolatePasswordHasher, webCryptoPbkdf2PasswordHasher } from ${JSON.stringify(join(core, 'dist/index.js'))};

const password = new TextEncoder().encode('correct horse battery staple');
// A fixed salt: workerd allows no random values at module scope, and the cost does not depend on it.
const salt = new Uint8Array(16).fill(7);
const pauz = { isolate: isolatePasswordHasher(), pbkdf2: webCryptoPbkdf2PasswordHasher({ iterations: 100_000 }) };
// Without importing node: (absent from workerd without nodejs_compat).
const nodeCrypto = globalThis.process?.getBuiltinModule?.('node:crypto');

export async function run(op) {
  switch (op.kind) {
    case 'empty':
      return 0;
    case 'noble-scrypt':
      return nobleScrypt(password, salt, { N: 2 ** op.logN, r: op.r, p: op.p, dkLen: 32, maxmem: 2 ** 32 }).length;
    case 'node-scrypt': {
      if (nodeCrypto === undefined) throw new Error('no node:crypto');
      const N = 2 ** op.logN;
      return new Promise((resolve, reject) =>
        nodeCrypto.scrypt(password, salt, 32, { N, r: op.r, p: op.p, maxmem: 256 * N * op.r + 2 ** 20 }, (error, key) =>
          error ? reject(error) : resolve(key.length),
        ),
      );
    }
    case 'pbkdf2': {
      const key = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
      const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: op.iterations }, key, 256);
      return bits.byteLength;
    }
    case 'noble-pbkdf2':
      return noblePbkdf2(sha256, password, salt, { c: op.iterations, dkLen: 32 }).length;
    case 'pauz':
      return (await pauz[op.hasher].hash('correct horse battery staple')).length;
    default:
      throw new Error('unknown op ' + op.kind);
  }
}
`;

const WORKER = `
import { run } from 'run-op';
export default {
  async fetch(request) {
    try {
      const op = JSON.parse(new URL(request.url).searchParams.get('op'));
      return Response.json({ result: await run(op) });
    } catch (error) {
      return Response.json({ error: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
`;

async function bundleWorker() {
  const result = await esbuild.build({
    stdin: { contents: WORKER, resolveDir: core, loader: 'js' },
    bundle: true,
    write: false,
    logLevel: 'error',
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    external: ['cloudflare:*', 'node:*'],
    plugins: [
      {
        name: 'run-op',
        setup(build) {
          build.onResolve({ filter: /^run-op$/ }, () => ({ path: 'run-op', namespace: 'run-op' }));
          build.onLoad({ filter: /.*/, namespace: 'run-op' }, () => ({ contents: RUN_OP, resolveDir: core, loader: 'js' }));
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The workerd processes descending from this one (miniflare spawns the binary). */
function workerdPids() {
  const parents = new Map();
  const names = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parents.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked: it is not ours to measure.
    }
  }
  const descends = (pid) => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...names].filter(([pid, name]) => name === 'workerd' && descends(pid)).map(([pid]) => pid);
}

/** CPU time used so far by all threads of a process, in ms (schedstat: nanoseconds on a CPU). */
function cpuMs(pid) {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended while we looked; its time is gone from the total either way.
    }
  }
  return ns / 1e6;
}

/** Peak resident memory (VmHWM) of a process, in MB. */
function peakRssMb(pid) {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match === null) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]) / 1024;
}

async function inWorkerd(script, op, compatibilityFlags) {
  const mf = new Miniflare({ modules: true, script, compatibilityDate: '2024-09-23', compatibilityFlags });
  try {
    const call = async (o) => {
      const started = performance.now();
      const response = await mf.dispatchFetch(`http://bench.local/?op=${encodeURIComponent(JSON.stringify(o))}`);
      const body = await response.json();
      const ms = performance.now() - started;
      if (body.error !== undefined) throw new Error(`workerd: ${body.error.split('\n')[0]}`);
      return ms;
    };
    await call({ kind: 'empty' });
    const pids = workerdPids();
    if (pids.length !== 1) throw new Error(`expected one workerd process under this one, found ${pids.length}`);
    const [pid] = pids;
    const empty = [];
    const emptyCpu = cpuMs(pid);
    for (let i = 0; i < RUNS; i++) empty.push(await call({ kind: 'empty' }));
    const emptyCpuEach = (cpuMs(pid) - emptyCpu) / RUNS;
    const baseline = peakRssMb(pid);
    await call(op); // warm-up: loads and compiles the code
    const first = peakRssMb(pid) - baseline;
    const times = [];
    const cpuBefore = cpuMs(pid);
    for (let i = 0; i < RUNS; i++) times.push(await call(op));
    const cpu = (cpuMs(pid) - cpuBefore) / RUNS - emptyCpuEach;
    const base = median(empty);
    return { ms: median(times) - base, min: Math.min(...times) - base, max: Math.max(...times) - base, cpu, firstMb: first, rssMb: peakRssMb(pid) - baseline };
  } catch (error) {
    return { error: String(error.message ?? error) };
  } finally {
    await mf.dispose();
  }
}

function onNode(op) {
  const program = `${RUN_OP}
const op = ${JSON.stringify(op)};
const before = process.resourceUsage().maxRSS;
await run(op);
const first = (process.resourceUsage().maxRSS - before) / 1024;
const times = [];
const cpuBefore = process.cpuUsage();
for (let i = 0; i < ${RUNS}; i++) { const t = performance.now(); await run(op); times.push(performance.now() - t); }
const used = process.cpuUsage(cpuBefore);
const cpu = (used.user + used.system) / 1000 / ${RUNS};
times.sort((a, b) => a - b);
const mid = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
console.log(JSON.stringify({ cpu, ms: mid, min: times[0], max: times.at(-1), firstMb: first, rssMb: (process.resourceUsage().maxRSS - before) / 1024 }));
`;
  try {
    // Run inside packages/core so @noble/hashes resolves.
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', program], { cwd: core, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.trim().split('\n').at(-1));
  } catch (error) {
    return { error: String(error.stderr ?? error.message).trim().split('\n').find((l) => /Error/.test(l)) ?? 'failed' };
  }
}

const fmt = (r) => (r.error !== undefined ? `error: ${r.error}` : `${r.ms.toFixed(0)} ms (${r.min.toFixed(0)}–${r.max.toFixed(0)})`);
const fmtCpu = (r) => (r.error !== undefined ? '-' : `${r.cpu.toFixed(0)} ms`);
const fmtMem = (r) => (r.error !== undefined ? '-' : `+${r.firstMb.toFixed(0)} / +${r.rssMb.toFixed(0)} MB`);

const script = await bundleWorker();
const { version: workerdVersion } = createRequire(requireFromCore.resolve('miniflare'))('workerd/package.json');
console.log(
  `workerd ${workerdVersion} (miniflare ${requireFromCore('miniflare/package.json').version}, compatibility date 2024-09-23, nodejs_compat unless said), Node ${process.version}\n` +
    `CPU: mean CPU time of the process per run (workerd: all threads, minus an empty request); wall: median of ${RUNS} runs after a warm-up (min–max), workerd minus an empty request;\n` +
    `memory: peak RSS rise after the first and after all ${RUNS + 1} runs\n`,
);
const rows = [];
for (const c of cases) {
  const w = await inWorkerd(script, c.op, c.flags ?? COMPAT);
  const n = c.nodeToo === false ? { skipped: true } : onNode(c.op);
  rows.push([c.label, c.memory, fmtCpu(w), fmt(w), fmtMem(w), n.skipped ? '' : fmtCpu(n), n.skipped ? '' : fmt(n), n.skipped ? '' : fmtMem(n)]);
  process.stderr.write(`done: ${c.id}\n`);
}
const header = ['hasher', 'memory', 'workerd CPU', 'workerd wall', 'workerd peak RSS 1st / all', 'Node CPU', 'Node wall', 'Node peak RSS 1st / all'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
