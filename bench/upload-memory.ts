/**
 * Upload memory benchmark: how much a 25 MB voice recording raises the peak memory of
 * the reference server (examples/server: Hono on @hono/node-server, SQLite, filesystem
 * buckets) while it parses the upload, stores it and hands it to an OpenAI-compatible
 * transcriber (the loopback emulator, in this process so its memory is not counted).
 *
 * Every scenario gets a fresh server process, run with --expose-gc and a probe
 * (bench/memory-probe.mjs) that reports the idle baseline after a warm-up upload and
 * the peaks since then: RSS from the kernel's high-water mark, V8's arrayBuffers and
 * heap sampled every 2 ms. Results are ratios to the recording's size, medians of
 * PAUZ_BENCH_UPLOAD_RUNS (default 3) runs; nothing is asserted.
 *
 * Run from the repository root (after `pnpm build`):
 *   pnpm run bench:upload
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeWav } from '../packages/core/src/testing/audio.js';
import { startOpenAiEmulator } from '../packages/core/src/testing/emulators/openai.js';

const RUNS = Number(process.env.PAUZ_BENCH_UPLOAD_RUNS ?? 3);
const AUDIO_BYTES = Number(process.env.PAUZ_BENCH_UPLOAD_BYTES ?? 25_000_000);
const MB = 1_000_000;

/** The repository root: this file runs from node_modules/.cache/pauz-bench or from bench/. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (dir.endsWith('node_modules/.cache/pauz-bench')) return resolve(dir, '../../..');
    if (dir.endsWith('/bench')) return resolve(dir, '..');
    dir = dirname(dir);
  }
  return process.cwd();
}

interface Usage {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}
type ProbeMessage =
  | { kind: 'settled'; usage: Usage; rss: number | null; hwmReset: boolean }
  | { kind: 'peak'; peak: Usage; hwm: number | null };

interface Server {
  url: string;
  ask<K extends ProbeMessage['kind']>(message: string, kind: K): Promise<Extract<ProbeMessage, { kind: K }>>;
  stop(): Promise<void>;
}

async function startServer(root: string, transcribeUrl: string): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pauz-bench-upload-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', join(root, 'bench/memory-probe.mjs'), join(root, 'examples/server/dist/main.js')],
    {
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: {
        PATH: process.env.PATH,
        PAUZ_STORAGE: 'local',
        PAUZ_DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        PAUZ_TRANSCRIBE_URL: transcribeUrl,
        PAUZ_TRANSCRIBE_MODEL: 'whisper-1',
      },
    },
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${out}`)));
  });
  return {
    url,
    ask: (message, kind) =>
      new Promise((resolveAnswer) => {
        const listen = (answer: ProbeMessage): void => {
          if (answer.kind !== kind) return;
          child.off('message', listen);
          resolveAnswer(answer as never);
        };
        child.on('message', listen);
        child.send(message);
      }),
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function call(url: string, init: RequestInit & { token?: string }): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  const response = await fetch(url, { ...init, headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type Kind = 'multipart' | 'raw';

function upload(server: Server, token: string, sessionId: string, wav: Blob, kind: Kind): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = `${server.url}/freejournal/${sessionId}/voice`;
  if (kind === 'raw') return call(url, { method: 'POST', token, body: wav, headers: { 'content-type': 'audio/wav' } });
  const form = new FormData();
  form.append('audio', wav, 'note.wav');
  return call(url, { method: 'POST', token, body: form });
}

interface Measured {
  rss: number;
  arrayBuffers: number;
  heapAndBuffers: number;
  hwmReset: boolean;
}

/** One fresh server: warm up, settle, send `count` uploads at once, read the peaks. */
async function measure(root: string, transcribeUrl: string, wav: Blob, kind: Kind, count: number): Promise<Measured> {
  const server = await startServer(root, transcribeUrl);
  try {
    const email = `bench-${crypto.randomUUID()}@example.com`;
    const { body: user } = await call(`${server.url}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a long enough password' }),
    });
    const token = user.token as string;
    const sessions: string[] = [];
    for (let i = 0; i < count; i++) {
      sessions.push((await call(`${server.url}/freejournal/`, { method: 'POST', token, body: '{}', headers: { 'content-type': 'application/json' } })).body.id as string);
    }
    // Warm-up: every code path the measured uploads take is loaded and compiled first.
    const small = new Blob([makeWav({ seconds: 2 })], { type: 'audio/wav' });
    for (const warm of ['multipart', 'raw'] as const) {
      const answer = await upload(server, token, sessions[0] as string, small, warm);
      if (answer.status !== 201) throw new Error(`warm-up ${warm} upload answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    const idle = await server.ask('settle', 'settled');
    const answers = await Promise.all(sessions.map((id) => upload(server, token, id, wav, kind)));
    for (const answer of answers) {
      const recording = answer.body.recording as { size?: number } | undefined;
      if (answer.status !== 201 || recording?.size !== wav.size) throw new Error(`upload answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    const { peak, hwm } = await server.ask('peak', 'peak');
    const idleRss = idle.rss ?? idle.usage.rss;
    return {
      rss: (idle.hwmReset && hwm !== null ? hwm : peak.rss) - idleRss,
      arrayBuffers: peak.arrayBuffers - idle.usage.arrayBuffers,
      heapAndBuffers: peak.heapUsed + peak.arrayBuffers - (idle.usage.heapUsed + idle.usage.arrayBuffers),
      hwmReset: idle.hwmReset,
    };
  } finally {
    await server.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const emulator = await startOpenAiEmulator();
  const wav = new Blob([makeWav({ seconds: (AUDIO_BYTES - 44) / 32_000 })], { type: 'audio/wav' });
  const size = wav.size;
  console.log(`Upload memory benchmark: a ${(size / MB).toFixed(1)} MB WAV to POST /freejournal/:id/voice on the reference server`);
  console.log(`(fresh server per run, peak over the idle baseline after a warm-up, median of ${RUNS} runs, node ${process.version})`);
  console.log('  body            at once   peak RSS          arrayBuffers      heap+arrayBuffers  RSS min–max');
  let hwm = true;
  try {
    for (const kind of ['multipart', 'raw'] as const) {
      for (const count of [1, 4]) {
        const runs: Measured[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await measure(root, emulator.baseUrl, wav, kind, count));
        hwm &&= runs.every((r) => r.hwmReset);
        const cell = (key: 'rss' | 'arrayBuffers' | 'heapAndBuffers'): string => {
          const value = median(runs.map((r) => r[key]));
          return `+${(value / MB).toFixed(0).padStart(4)} MB ${(value / size).toFixed(2).padStart(5)}×`.padEnd(18);
        };
        const label = kind === 'multipart' ? 'multipart/form' : 'raw audio/wav';
        const rss = runs.map((r) => r.rss / size);
        const range = `${Math.min(...rss).toFixed(2)}–${Math.max(...rss).toFixed(2)}×`;
        console.log(`  ${label.padEnd(15)} ${String(count).padStart(7)}   ${cell('rss')}${cell('arrayBuffers')}${cell('heapAndBuffers')} ${range}`);
      }
    }
  } finally {
    await emulator.close();
  }
  console.log('  (× = the increase divided by the size of one recording; with 4 at once, divide by 4 for per-upload cost)');
  if (!hwm) console.log('  note: /proc/self/clear_refs was not writable, so peak RSS is sampled every 2 ms instead of the kernel high-water mark');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
