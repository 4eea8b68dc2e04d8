import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPauz, memoryBuckets, memoryPdfStore } from '@pauz/core';
import { createSqliteDatabase } from '@pauz/core/sqlite';
import { makeAudioSample, type OpenAiEmulator, scriptedTranscriber, startOpenAiEmulator, TEST_PASSWORD_HASHER } from '@pauz/core/testing';
// Core's own test fixtures (not shipped): the Raindrop REST API and the service bindings.
import { fakeAiBinding } from '../../../packages/core/test/emulators/raindrop-ai.js';
import { createBindingEmulator } from '../../../packages/core/test/emulators/raindrop-binding.js';
import { sqliteD1 } from '../../../packages/core/test/emulators/d1-sqlite.js';
import { type RaindropRestEmulator, startRaindropRestEmulator } from '../../../packages/core/test/emulators/raindrop-rest.js';

/** Emulators of the clouds the examples call, started once for the whole run. */
export interface Upstreams {
  openai: OpenAiEmulator;
  raindrop: RaindropRestEmulator;
  close(): Promise<void>;
}

const OPENAI_KEY = 'sk-tsdoc-examples';

export async function startUpstreams(): Promise<Upstreams> {
  const [openai, raindrop] = await Promise.all([startOpenAiEmulator({ apiKey: OPENAI_KEY }), startRaindropRestEmulator()]);
  return { openai, raindrop, close: async () => void (await Promise.all([openai.close(), raindrop.close()])) };
}

/**
 * Where the URLs written in examples really go: each cloud to its in-repo emulator,
 * `llm.internal` (the chatWriter example's own model service) to a stub answering
 * `{ output }`, loopback as is. Anything else fails the example: none may reach the network.
 */
function routedFetch(upstreams: Upstreams, real: typeof fetch): typeof fetch {
  const prefixes: [string, string][] = [
    ['https://api.openai.com/v1', upstreams.openai.baseUrl],
    ['https://api.groq.com/openai/v1', upstreams.openai.baseUrl],
    ['https://api.raindrop.run', upstreams.raindrop.baseUrl],
  ];
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith('https://llm.internal/')) {
      return Response.json({ output: JSON.stringify({ text: 'What made the day feel long?' }) });
    }
    if (/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) return real(input, init);
    const route = prefixes.find(([prefix]) => url.startsWith(prefix));
    if (route === undefined) throw new Error(`an example tried to reach ${url}; route it to an emulator in prelude.ts`);
    const target = route[1] + url.slice(route[0].length);
    return input instanceof Request ? real(new Request(target, input), init) : real(target, init);
  };
}

/** The environment an example may read, with fixture values (emulator keys, a link secret). */
function exampleEnv(upstreams: Upstreams): Record<string, string> {
  return {
    PAUZ_STORAGE: 'local',
    PAUZ_LINK_SECRET: 'tsdoc-examples-link-secret-0123456789',
    PAUZ_LLM_API_KEY: OPENAI_KEY,
    PAUZ_TRANSCRIBE_API_KEY: OPENAI_KEY,
    AI_API_KEY: upstreams.raindrop.apiKey,
    S3_ACCESS_KEY: 'example-access-key',
    S3_SECRET_KEY: 'example-secret-key',
    VULTR_REGION: 'ewr1',
    VULTR_BUCKET_NAME: 'journal-exports',
    VULTR_ACCESS_KEY: 'example-access-key',
    VULTR_SECRET_KEY: 'example-secret-key',
  };
}

const CONFIG = /^(PAUZ_|DATABASE_URL$|AI_API_KEY$|RAINDROP_|APPLICATION_NAME$|VULTR_|S3_)/;
const NAMES = ['pauz', 'db', 'buckets', 'pdfs', 'user', 'audio', 'env'] as const;

/**
 * Sets the prelude up for one example: the globals of globals.d.ts, a fresh empty
 * working directory, the example environment and the routed fetch. Returns the
 * teardown, which puts everything back.
 */
export async function installPrelude(upstreams: Upstreams): Promise<() => Promise<void>> {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'pauz-tsdoc-example-'));
  const savedEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => CONFIG.test(k)));
  const realFetch = globalThis.fetch;

  for (const key of Object.keys(savedEnv)) delete process.env[key];
  Object.assign(process.env, exampleEnv(upstreams));
  process.chdir(dir);
  globalThis.fetch = routedFetch(upstreams, realFetch);

  const db = createSqliteDatabase();
  const buckets = memoryBuckets();
  const pdfs = memoryPdfStore({ secret: 'tsdoc-examples-link-secret-0123456789', publicBaseUrl: 'http://127.0.0.1:3000' });
  const pauz = createPauz({ db, buckets, pdfs, passwordHasher: TEST_PASSWORD_HASHER, transcriber: scriptedTranscriber('I walked by the river.') });
  await pauz.migrate();
  const { user } = await pauz.accounts.register({ email: 'reader@example.com', password: 'correct horse battery', name: 'Reader' });
  const d1 = sqliteD1();
  Object.assign(globalThis, {
    pauz,
    db,
    buckets,
    pdfs,
    user,
    audio: makeAudioSample('webm'),
    env: {
      HINTS: createBindingEmulator().binding,
      GUIDED_JOURNALS: createBindingEmulator().binding,
      AUDIO_FILES: createBindingEmulator().binding,
      AI: fakeAiBinding(),
      PAUZ: d1,
      VULTR_ACCESS_KEY: 'example-access-key',
      VULTR_SECRET_KEY: 'example-secret-key',
      VULTR_REGION: 'ewr1',
      VULTR_BUCKET_NAME: 'journal-exports',
    },
  });

  return async () => {
    for (const name of NAMES) delete (globalThis as Record<string, unknown>)[name];
    globalThis.fetch = realFetch;
    process.chdir(cwd);
    for (const key of Object.keys(process.env)) if (CONFIG.test(key)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    await db.destroy();
    d1.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
