/**
 * Memory of Pauz's audio path INSIDE workerd (miniflare 3 drives the real runtime):
 * Pauz built in a worker as a Raindrop service builds it (createPauz on real D1 and R2
 * bindings, raindropTranscriber on the emulated env.AI wrapped binding, @pauz/hono),
 * and the resident memory of the workerd process read from /proc — baseline after a
 * warm-up, peak while one request runs (VmHWM after clear_refs, and 2 ms samples),
 * and 1 s after — and the isolate's own heap (V8 heap + ArrayBuffers, through the
 * inspector's Runtime.getHeapUsage): for the probes, live after a full GC (a heap
 * snapshot) with what they built kept alive; for the voice scenarios, while the AI
 * model runs (the emulator answers slowly), garbage included — a snapshot during a
 * request crashes this workerd, so no GC can be forced then. RSS is an upper
 * bound (garbage V8 has not collected yet, the R2/D1 simulators and the HTTP layer of
 * the same process); the live heap is what a 128 MB isolate limit is about. The AI's
 * model service runs in this Node process, so only what the isolate holds (the bytes,
 * the number[] and the JSON text the binding serialises) is counted. Each scenario
 * gets a fresh workerd. Nothing is asserted.
 *
 * The isolate limit on Cloudflare's runtime (and so Raindrop's) is 128 MB; workerd
 * run locally enforces none, so a scenario over it completes here and would not there.
 *
 * Run from the repository root after `pnpm build`:
 *   node bench/workerd-memory.mjs            (PAUZ_BENCH_AUDIO_MB=25 by default)
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(root, 'packages/core');
const require = createRequire(join(core, 'package.json'));
// esbuild and miniflare are @pauz/core's dev dependencies.
const { Miniflare } = require('miniflare');
const { build } = require('esbuild');
// A WebSocket client for the inspector (Node 20 has none without a flag): miniflare's undici.
const { WebSocket } = createRequire(require.resolve('miniflare'))('undici');
const { raindropAiMiniflareBinding, makeWav } = await import(join(core, 'dist/testing.js'));

const MB = 1_000_000;
const AUDIO_BYTES = Math.round(Number(process.env.PAUZ_BENCH_AUDIO_MB ?? 25) * MB);
const SMALL_BYTES = 4 * 1024 * 1024;

// ------------------------------------------------------------------ workerd's memory

/** The workerd processes this Node process started (miniflare spawns `workerd serve`). */
function workerdPids() {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (Number(fields[1]) === process.pid && comm.startsWith('workerd')) pids.push(Number(entry));
    } catch {
      // The process ended between readdir and read.
    }
  }
  return pids;
}

function status(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets the peak (VmHWM) to the current RSS; false when the kernel refuses. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` while sampling the process's RSS every 2 ms; the peak is the larger of samples and VmHWM. */
async function measure(pid, work) {
  await sleep(300);
  const baseline = status(pid).rss;
  const hwmReset = resetPeak(pid);
  let sampled = baseline;
  let running = true;
  const sampler = (async () => {
    while (running) {
      sampled = Math.max(sampled, status(pid).rss);
      await sleep(2);
    }
  })();
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  running = false;
  await sampler;
  const peak = Math.max(sampled, hwmReset ? status(pid).hwm : 0);
  await sleep(1000);
  return { baseline, peak, after: status(pid).rss, ms, result, hwmReset };
}

// ------------------------------------------------------------------ the isolate's heap

const INSPECTOR_PORT = Number(process.env.PAUZ_BENCH_INSPECTOR_PORT ?? 41399);

/** A CDP session with the worker's isolate; `live()` is its heap after a full GC, in bytes. */
async function inspect(worker) {
  const ws = new WebSocket(`ws://127.0.0.1:${INSPECTOR_PORT}/core:user:${worker}`);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve);
    ws.addEventListener('error', reject);
  });
  let id = 0;
  const pending = new Map();
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const call = (method, params = {}) =>
    new Promise((resolve) => {
      const n = ++id;
      pending.set(n, resolve);
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  await call('HeapProfiler.enable');
  return {
    async live() {
      // workerd answers no HeapProfiler.collectGarbage; a snapshot collects first.
      await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
      const { result } = await call('Runtime.getHeapUsage');
      return result.usedSize + (result.backingStorageSize ?? 0);
    },
    /** The heap now, garbage included: a snapshot (a GC) during a request crashes workerd 1.20250718. */
    async used() {
      const { result } = await call('Runtime.getHeapUsage');
      return result.usedSize + (result.backingStorageSize ?? 0);
    },
    close: () => ws.close(),
  };
}

// ------------------------------------------------------------------ the worker

const script = (
  await build({
    entryPoints: [join(root, 'bench/workerd-memory.worker.js')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser', 'import', 'default'],
    external: ['cloudflare:*', 'node:*'],
    nodePaths: [join(root, 'examples/raindrop-service/node_modules'), join(core, 'node_modules')],
    logLevel: 'error',
  })
).outputFiles[0].text;

async function startWorker(maxAudioBytes) {
  const ai = raindropAiMiniflareBinding();
  const mf = new Miniflare({
    inspectorPort: INSPECTOR_PORT,
    workers: [
      {
        name: 'pauz',
        modules: true,
        script,
        compatibilityDate: '2024-09-23',
        compatibilityFlags: ['nodejs_compat'],
        d1Databases: ['PAUZ'],
        r2Buckets: ['HINTS', 'GUIDED_JOURNALS', 'AUDIO_FILES'],
        bindings: { MAX_AUDIO_BYTES: maxAudioBytes === undefined ? '' : String(maxAudioBytes) },
        ...ai.workerOptions,
      },
      ai.bindingWorker,
    ],
  });
  await mf.ready;
  const pids = workerdPids();
  if (pids.length !== 1) throw new Error(`expected one workerd child process, found ${pids.length}`);
  return { mf, pid: pids[0], ai, heap: await inspect('pauz') };
}

// ------------------------------------------------------------------ requests

async function json(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

async function signUp(mf) {
  const auth = await json(
    await mf.dispatchFetch('http://pauz.test/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: 'correct horse battery staple' }),
    }),
  );
  const headers = { authorization: `Bearer ${auth.token}` };
  const session = await json(
    await mf.dispatchFetch('http://pauz.test/freejournal/', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' }),
  );
  if (typeof session.id !== 'string') throw new Error(`no session: ${JSON.stringify(session)}`);
  return { headers, sessionId: session.id };
}

function wavOf(bytes) {
  // 16 kHz 16-bit mono: 32 000 bytes a second.
  const wav = makeWav({ seconds: (bytes - 44) / 32_000, sampleRate: 16_000 });
  return wav;
}

function multipart(audio) {
  const boundary = '----pauz-bench-boundary';
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="voice.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const body = new Uint8Array(head.byteLength + audio.byteLength + tail.byteLength);
  body.set(head);
  body.set(audio, head.byteLength);
  body.set(tail, head.byteLength + audio.byteLength);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(mf, user, audio, kind) {
  const { body, contentType } = kind === 'multipart' ? multipart(audio) : { body: audio, contentType: 'audio/wav' };
  const response = await mf.dispatchFetch(`http://pauz.test/freejournal/${user.sessionId}/voice`, {
    method: 'POST',
    headers: { ...user.headers, 'content-type': contentType, 'content-length': String(body.byteLength) },
    body,
  });
  const answer = await json(response);
  return { status: response.status, code: answer.code, detail: answer.detail ?? answer.message ?? '', recording: answer.recording };
}

// ------------------------------------------------------------------ scenarios

const big = wavOf(AUDIO_BYTES);
const small = wavOf(SMALL_BYTES);
const warm = wavOf(64 * 1024);

const scenarios = [
  { name: 'probe: hold the bytes only', audio: big, probe: '/probe/bytes' },
  { name: 'probe: Array.from(bytes)', audio: big, probe: '/probe/array?method=from' },
  { name: 'probe: push loop (transcriber)', audio: big, probe: '/probe/array?method=push' },
  { name: 'probe: push loop + JSON (binding)', audio: big, probe: '/probe/array?method=push&json=1' },
  { name: 'probe: push loop + JSON (binding)', audio: small, probe: '/probe/array?method=push&json=1' },
  { name: 'voice raw, default bound → 413, kept', audio: big, kind: 'raw' },
  { name: 'voice multipart, default bound → 413, kept', audio: big, kind: 'multipart' },
  { name: 'voice raw, transcribed', audio: small, kind: 'raw' },
  { name: 'voice multipart, transcribed', audio: small, kind: 'multipart' },
  { name: 'voice raw, no bound (what broke)', audio: big, kind: 'raw', maxAudioBytes: Infinity },
];

const rows = [];
const log = (line) => process.stderr.write(`${line}\n`);
for (const scenario of scenarios) {
  log(`… ${scenario.name} (${(scenario.audio.byteLength / MB).toFixed(1)} MB)`);
  const { mf, pid, ai, heap } = await startWorker(scenario.maxAudioBytes);
  try {
    let outcome;
    let liveBase;
    let live = NaN;
    if (scenario.probe !== undefined) {
      // Warm the isolate with a small probe first.
      await (await mf.dispatchFetch(`http://pauz.test${scenario.probe}`, { method: 'POST', body: warm })).text();
      await (await mf.dispatchFetch('http://pauz.test/probe/clear')).text();
      liveBase = await heap.live();
      const m = await measure(pid, async () => json(await mf.dispatchFetch(`http://pauz.test${scenario.probe}`, { method: 'POST', body: scenario.audio })));
      live = await heap.live();
      outcome = { ...m, status: 200, note: m.result.json ? `JSON ${(m.result.json / MB).toFixed(1)} MB` : '' };
    } else {
      const user = await signUp(mf);
      const warmUp = await upload(mf, user, warm, scenario.kind);
      if (warmUp.status !== 201) throw new Error(`warm-up upload: ${JSON.stringify(warmUp)}`);
      liveBase = await heap.live();
      // While the model runs the isolate holds all it holds for the run: weigh it then.
      ai.emulator.mode = 'slow';
      ai.emulator.delayMs = 3000;
      const callsBefore = ai.emulator.calls.length;
      const weigh = (async () => {
        const deadline = Date.now() + 60_000;
        while (ai.emulator.calls.length === callsBefore && Date.now() < deadline) await sleep(5);
        if (ai.emulator.calls.length > callsBefore) live = await heap.used();
      })();
      const m = await measure(pid, () => upload(mf, user, scenario.audio, scenario.kind));
      await weigh;
      const listed = await json(await mf.dispatchFetch(`http://pauz.test/freejournal/${user.sessionId}/recordings`, { headers: user.headers }));
      const last = listed.items?.at(-1);
      const kept = last !== undefined && last.size === scenario.audio.byteLength ? `kept (${last.status})` : 'not kept';
      // The emulated model answers after 3 s (so the heap can be read while it runs): the ms include them.
      outcome = { ...m, status: m.result.status, note: m.result.status === 201 ? 'transcribed (ms: +3 s model)' : `${m.result.code} ${kept}` };
    }
    const audioMb = scenario.audio.byteLength / MB;
    rows.push({
      scenario: scenario.name,
      'audio MB': audioMb.toFixed(1),
      status: outcome.status,
      'baseline MB': (outcome.baseline / MB).toFixed(0),
      'peak MB': (outcome.peak / MB).toFixed(0),
      'peak − baseline MB': ((outcome.peak - outcome.baseline) / MB).toFixed(0),
      '× audio': ((outcome.peak - outcome.baseline) / scenario.audio.byteLength).toFixed(1),
      'after MB': (outcome.after / MB).toFixed(0),
      'idle heap MB': (liveBase / MB).toFixed(1),
      'heap Δ MB': Number.isNaN(live) ? '–' : ((live - liveBase) / MB).toFixed(1),
      'heap × audio': Number.isNaN(live) ? '–' : ((live - liveBase) / scenario.audio.byteLength).toFixed(1),
      ms: outcome.ms.toFixed(0),
      note: outcome.note,
    });
    if (!outcome.hwmReset) rows.at(-1).note += ' (peak from samples only)';
  } finally {
    heap.close();
    await mf.dispose();
  }
}

console.log(`workerd memory, ${process.platform} ${process.arch}, Node ${process.version}, audio ${(AUDIO_BYTES / MB).toFixed(1)} MB`);
console.log('RSS of the workerd process (baseline, peak, 1 s after). Heap of the isolate over its idle live heap: probes live after a GC; voice while the model runs, garbage included');
console.table(rows);
