import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authCases } from './cases-auth.js';
import { errorCases } from './cases-errors.js';
import { freeJournalCases } from './cases-free-journal.js';
import { gardenCases } from './cases-garden.js';
import { guidedCases } from './cases-guided.js';
import { metaCases } from './cases-meta.js';
import { type ObservedResponse, TestClient } from './client.js';
import { type OpenApiDocument, undeclaredAnswers } from './declared.js';
import { type ConformanceContext, HOST_USER_HEADER, type HttpHarness } from './context.js';
import { voiceCases } from './cases-voice.js';
import { exportCases } from './cases-export.js';
import { portabilityCases } from './cases-portability.js';
import { edgeCases, slowClientCases } from './cases-edge.js';
import { type OpenAiEmulator, startOpenAiEmulator } from '../emulators/openai.js';
import { openAiTranscriber } from '../../openai/transcriber.js';
import { openAiWriter } from '../../openai/writer.js';
import { raindropRestBucket } from '../../raindrop/bucket-rest.js';
import { memoryBucket } from '../../buckets/memory.js';
import { BUCKET_NAMES } from '../../storage/buckets.js';
import { abortCases } from './cases-abort.js';
import { ownershipCases } from './cases-ownership.js';
import { fuzzCases } from './cases-fuzz.js';
import { type HoldingServer, startHoldingServer } from '../emulators/holding-server.js';
import { createPauz, type Pauz } from '../../pauz.js';
import type { PauzTables } from '../../db/schema.js';
import type { PauzLogger } from '../../http/types.js';
import type { BodyTimeouts } from '../../http/drain.js';
import { harnessFor, type OpenedDatabase, TEST_PASSWORD_HASHER } from '../database/fixture.js';

const EMULATOR_KEY = 'sk-conformance-emulator-key';
// Far longer than any wait of the abort cases: an upstream call those cases see
// cancelled was cancelled by the client going away, not by its own timeout.
const SLOW_UPSTREAM_TIMEOUT_MS = 120_000;
// The body timeouts of the server the slow-client cases talk to.
const IMPATIENT_IDLE_MS = 300;
const IMPATIENT_TOTAL_MS = 1_500;

export { HOST_USER_HEADER } from './context.js';
export { type ObservedResponse, TestClient, type TestResponse, type RequestOptions } from './client.js';
export { type HostMiddlewareUnderTest, type HostUnderTest, testHostMiddleware } from './cases-hosts.js';

/**
 * How the conformance suite asks an adapter for a server.
 *
 * @category Testing
 */
export interface ConformanceServerOptions {
  /** The logger the adapter must pass to Pauz, so the suite can see what it logs. */
  logger: PauzLogger;
  /**
   * Wire `resolveUser` to return the value of this request header (or `null` when
   * absent) — the host's own auth, as the adapter's users would write it.
   *
   * @remarks No default: without it the server uses Pauz bearer tokens.
   */
  hostUserHeader?: string;
  /**
   * Pass it on as the adapter's `bodyTimeouts` option (the slow-client cases use short ones).
   *
   * @remarks No default: without it the adapter keeps its own defaults.
   */
  bodyTimeouts?: BodyTimeouts;
}

/**
 * A running server.
 *
 * @category Testing
 */
export interface ConformanceServer {
  /** Base URL of the mounted API, without a trailing slash (for example `http://127.0.0.1:4000/api`). */
  url: string;
  /** Stops the server; resolves once it has stopped. */
  close(): Promise<void>;
}

/**
 * What {@link mountedServer} needs of a listening server: a Node `http.Server` has it.
 *
 * @category Testing
 */
export interface ListeningServer {
  /** The bound address (`AddressInfo` with the port). */
  address(): unknown;
  /** Stops listening; calls back once every connection closed. */
  close(callback: (error?: Error) => void): unknown;
}

/**
 * The {@link ConformanceServer} of a server listening on 127.0.0.1 with Pauz mounted
 * at `path`: its base URL and a `close()` that waits for the server to stop.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/testing/http/index.1.ts#example}
 */
export function mountedServer(server: ListeningServer, path: string): ConformanceServer {
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * An HTTP adapter under test.
 *
 * @category Testing
 */
export interface HttpAdapterUnderTest<DB extends PauzTables = PauzTables> {
  /** Shown in the test names. */
  name: string;
  /** Opens an empty database for the suite. */
  open: () => Promise<OpenedDatabase<DB>> | OpenedDatabase<DB>;
  /** Starts a real listening server with Pauz mounted (ideally inside a host app, under a path). */
  start(pauz: Pauz, options: ConformanceServerOptions): Promise<ConformanceServer>;
}

/**
 * Registers the HTTP conformance suite: every endpoint, status code, error body and
 * header that matters, ownership and bad input, over a real listening server. Both
 * `@pauz/hono` and `@pauz/express` run it, so they answer identically.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/testing/http/index.2.ts#example}
 */
export function testHttpConformance<DB extends PauzTables>(adapter: HttpAdapterUnderTest<DB>): void {
  describe(`HTTP conformance: ${adapter.name}`, () => {
    let opened: OpenedDatabase<DB> | undefined;
    const observed: ObservedResponse[] = [];
    const servers: ConformanceServer[] = [];
    let context: ConformanceContext | undefined;
    let emulator: OpenAiEmulator | undefined;
    let holding: HoldingServer | undefined;

    beforeAll(async () => {
      opened = await adapter.open();
      emulator = await startOpenAiEmulator({ apiKey: EMULATOR_KEY });
      const held = await startHoldingServer();
      holding = held;
      const transcriber = openAiTranscriber({ baseUrl: emulator.baseUrl, apiKey: EMULATOR_KEY, model: 'whisper-1', timeoutMs: 5_000 });
      // A small audio cap keeps the oversized-upload cases quick.
      const base = harnessFor(opened.db, { transcriber, limits: { audioBytes: 512 * 1024 } });
      const tokens = new Map<string, string>();
      const harness: HttpHarness = {
        ...base,
        userIdOf: (token) => {
          const id = tokens.get(token);
          if (id === undefined) throw new Error('unknown token');
          return id;
        },
      };
      await harness.pauz.migrate();
      const logs: ConformanceContext['logs'] = [];
      const logger: PauzLogger = { error: (message, ctx) => logs.push({ message, context: ctx }) };
      const broken = createPauz({
        db: opened.db,
        buckets: harness.buckets,
        pdfs: harness.pdfs,
        passwordHasher: TEST_PASSWORD_HASHER,
        clock: {
          now: () => {
            throw new Error('clock exploded near SELECT * FROM pauz_users');
          },
        },
      });
      const noVoice = createPauz({
        db: opened.db,
        buckets: harness.buckets,
        pdfs: harness.pdfs,
        clock: harness.clock,
        passwordHasher: TEST_PASSWORD_HASHER,
      });
      const heldBucket = (name: string) =>
        raindropRestBucket({ apiKey: 'rd-conformance', applicationName: 'pauz-conformance', bucket: name, baseUrl: held.url, timeoutMs: SLOW_UPSTREAM_TIMEOUT_MS });
      const upstreamPauz = createPauz({
        db: opened.db,
        buckets: { hints: heldBucket(BUCKET_NAMES.hints), guidedJournals: heldBucket(BUCKET_NAMES.guidedJournals), audio: memoryBucket(BUCKET_NAMES.audio) },
        pdfs: harness.pdfs,
        clock: harness.clock,
        passwordHasher: TEST_PASSWORD_HASHER,
        writer: openAiWriter({ baseUrl: emulator.baseUrl, apiKey: EMULATOR_KEY, model: 'gpt-conformance', timeoutMs: SLOW_UPSTREAM_TIMEOUT_MS }),
        transcriber: openAiTranscriber({ baseUrl: emulator.baseUrl, apiKey: EMULATOR_KEY, model: 'whisper-1', timeoutMs: SLOW_UPSTREAM_TIMEOUT_MS }),
      });
      const upstreamLogs: ConformanceContext['logs'] = [];
      const upstreamLogger: PauzLogger = { error: (message, ctx) => upstreamLogs.push({ message, context: ctx }) };
      const [main, host, failing, silent, slow, impatient] = await Promise.all([
        adapter.start(harness.pauz, { logger }),
        adapter.start(harness.pauz, { logger, hostUserHeader: HOST_USER_HEADER }),
        adapter.start(broken, { logger }),
        adapter.start(noVoice, { logger }),
        adapter.start(upstreamPauz, { logger: upstreamLogger }),
        adapter.start(harness.pauz, { logger, bodyTimeouts: { idleMs: IMPATIENT_IDLE_MS, totalMs: IMPATIENT_TOTAL_MS } }),
      ]);
      servers.push(main, host, failing, silent, slow, impatient);
      harness.setPublicBaseUrl(main.url);
      const observe = (response: ObservedResponse): void => void observed.push(response);
      const api = new TestClient(main.url, observe);
      context = {
        harness,
        api,
        hostApi: new TestClient(host.url, observe),
        brokenApi: new TestClient(failing.url, observe),
        noVoiceApi: new TestClient(silent.url, observe),
        impatientApi: new TestClient(impatient.url, observe),
        transcription: emulator.transcriptions,
        logs,
        upstream: { api: new TestClient(slow.url), emulator, buckets: held, logs: upstreamLogs },
        async register() {
          const email = `http.${crypto.randomUUID()}@example.com`;
          const res = await api.post('/auth/register', { json: { email, password: 'correct horse battery' } });
          if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
          tokens.set(res.body.token as string, res.body.user.id as string);
          return { token: res.body.token as string, userId: res.body.user.id as string, email };
        },
      };
    });

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await emulator?.close();
      await holding?.close();
      await opened?.close();
    });

    const c = (): ConformanceContext => {
      if (context === undefined) throw new Error('HTTP conformance: the servers did not start');
      return context;
    };
    describe('meta and host auth', () => metaCases(c));
    describe('auth', () => authCases(c));
    describe('free journal', () => freeJournalCases(c));
    describe('guided journals and hints', () => guidedCases(c));
    describe('garden and stats', () => gardenCases(c));
    describe('voice and reflection', () => voiceCases(c));
    describe('export', () => exportCases(c));
    describe('account export and import', () => portabilityCases(c));
    describe('ownership matrix (every id-taking route)', () => ownershipCases(c));
    describe('fuzzing (every route)', () => fuzzCases(c));
    describe('errors', () => errorCases(c));
    describe('HTTP semantics at the edge', () => edgeCases(c));
    describe('slow clients', () => slowClientCases(c));
    describe('client disconnects', () => abortCases(c));

    // Last, after every case above: a client generated from the document must never meet
    // an answer it does not declare.
    it('declares in /openapi.json every status and media type it answered with', async () => {
      expect(observed.length).toBeGreaterThan(100);
      const undeclared: string[] = [];
      // Each server by its own document: the host-auth one serves no /auth/* routes.
      for (const baseUrl of new Set(observed.map((o) => o.baseUrl))) {
        const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as OpenApiDocument;
        undeclared.push(...undeclaredAnswers(document, observed.filter((o) => o.baseUrl === baseUrl)));
      }
      expect(undeclared).toEqual([]);
    });
  });
}
