import type { TestClient } from './client.js';
import type { DatabaseHarness } from '../database/fixture.js';
import type { HoldingServer } from '../emulators/holding-server.js';
import type { OpenAiEmulator } from '../emulators/openai.js';

/** The harness with a way back from a token to its user. */
export interface HttpHarness extends DatabaseHarness {
  userIdOf(token: string): string;
}

/** What every conformance case is handed. */
export interface ConformanceContext {
  harness: HttpHarness;
  /** The API with built-in bearer tokens. */
  api: TestClient;
  /** The same Pauz behind the host's own auth (`resolveUser` reading {@link HOST_USER_HEADER}). */
  hostApi: TestClient;
  /** A Pauz whose every service call fails unexpectedly, to test 500 answers. */
  brokenApi: TestClient;
  /** The same database and stores without a transcriber. */
  noVoiceApi: TestClient;
  /** The same Pauz with short body timeouts (300 ms idle, 1.5 s in all), for the slow-client cases. */
  impatientApi: TestClient;
  /** The OpenAI-compatible emulator's transcription endpoint, to make it fail. */
  transcription: { mode: 'ok' | 'fail' | 'hang' | 'malformed' | 'not-json' };
  /** What the HTTP layer logged. */
  logs: Array<{ message: string; context: Record<string, unknown> }>;
  /** A Pauz whose every upstream can be made to hold a call, for the client-disconnect cases. */
  upstream: UpstreamContext;
  /** Registers a new user over HTTP. */
  register(): Promise<{ token: string; userId: string; email: string }>;
}

/**
 * The same database behind a Pauz whose Writer and Transcriber are the
 * OpenAI-compatible emulator (with upstream timeouts far longer than any wait of
 * the suite) and whose `hints` and `guided-journals` buckets are Raindrop REST
 * buckets on a server that never answers; `audio-files` is in memory.
 */
export interface UpstreamContext {
  api: TestClient;
  /** The emulator's endpoints: set `mode = 'hang'` to hold a call, then read `held`. */
  emulator: Pick<OpenAiEmulator, 'chat' | 'transcriptions'>;
  /** The server behind the two REST buckets: holds every call. */
  buckets: Pick<HoldingServer, 'held' | 'requests'>;
  /** What this server's HTTP layer logged. */
  logs: Array<{ message: string; context: Record<string, unknown> }>;
}

/**
 * The header the conformance suite's host auth reads the signed-in user id from.
 *
 * @category Testing
 */
export const HOST_USER_HEADER = 'x-host-user';
