/**
 * Starts the built service (dist/index.js, exactly as `pnpm build` wrote it) in
 * miniflare 3 — the real workerd — with real D1 and R2 bindings persisted to a temp
 * directory (so a test can search the bytes on disk), the AI binding of
 * `raindropAiMiniflareBinding()` (raindrop.md §3), and the Vultr variables pointing at an S3 server on loopback.
 */
import { type RaindropAiEmulator, raindropAiMiniflareBinding } from '@pauz/core/testing';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll } from 'vitest';
import { type RunningS3rver, startS3rver } from '../../../packages/core/test/contract/s3rver-harness.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, '../dist/index.js');

/** A response as the tests read it: the status and the JSON body (the text when it is not JSON). */
export interface Call {
  status: number;
  body: any;
}

/** `fetch` → {@link Call}: reads the body once, as JSON where it is JSON. */
export const callOn =
  (fetch: (path: string, init?: RequestInit) => Promise<Response>) =>
  async (path: string, init: RequestInit = {}): Promise<Call> => {
    const res = await fetch(path, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON (workerd's own error page): kept as text.
    }
    return { status: res.status, body };
  };

export interface RunningService {
  mf: Miniflare;
  /** The AI binding's model service: its calls, failure modes. */
  ai: RaindropAiEmulator;
  /** Where D1 and R2 keep their files. */
  persistDir: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startService(options: { s3Endpoint: string; bucket: string; ai?: boolean; vars?: Record<string, string> }): Promise<RunningService> {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`pnpm build\` first`);
  const ai = raindropAiMiniflareBinding();
  const persistDir = mkdtempSync(join(tmpdir(), 'pauz-raindrop-'));
  const mf = new Miniflare({
    d1Persist: join(persistDir, 'd1'),
    r2Persist: join(persistDir, 'r2'),
    workers: [
      {
        name: 'api',
        modules: true,
        scriptPath: DIST,
        compatibilityDate: '2024-09-23',
        compatibilityFlags: ['nodejs_compat'],
        d1Databases: ['PAUZ'],
        r2Buckets: ['HINTS', 'GUIDED_JOURNALS', 'AUDIO_FILES'],
        bindings: {
          VULTR_ACCESS_KEY: 'S3RVER',
          VULTR_SECRET_KEY: 'S3RVER',
          VULTR_REGION: 'ewr1',
          VULTR_BUCKET_NAME: options.bucket,
          VULTR_ENDPOINT: options.s3Endpoint,
          ...options.vars,
        },
        ...(options.ai === false ? {} : ai.workerOptions),
      },
      ai.bindingWorker,
    ],
  });
  await mf.ready;
  return {
    mf,
    ai: ai.emulator,
    persistDir,
    fetch: (path, init) => mf.dispatchFetch(`http://pauz.test${path}`, init as never) as unknown as Promise<Response>,
    close: async () => {
      await mf.dispose();
      rmSync(persistDir, { recursive: true, force: true });
    },
  };
}

/** The service and its S3 server, for the tests of one describe block. */
export interface ServiceFixture {
  readonly s3: RunningS3rver;
  readonly service: RunningService;
  /** `service.fetch` read as a {@link Call}. */
  call(path: string, init?: RequestInit): Promise<Call>;
}

/** Starts s3rver and the service before the block's tests and stops both after. */
export function useServiceWithS3(): ServiceFixture {
  let s3: RunningS3rver | undefined;
  let service: RunningService | undefined;
  beforeAll(async () => {
    s3 = await startS3rver('journal-exports');
    service = await startService({ s3Endpoint: s3.endpoint, bucket: s3.bucket });
  });
  afterAll(async () => {
    await service?.close();
    await s3?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the service is not started (use useServiceWithS3() inside describe)');
    return value;
  };
  return {
    get s3() {
      return started(s3);
    },
    get service() {
      return started(service);
    },
    call: (path, init) => callOn(started(service).fetch)(path, init),
  };
}
