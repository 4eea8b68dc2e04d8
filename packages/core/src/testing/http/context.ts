import type { TestClient } from './client.js';
import type { DatabaseHarness } from '../database/fixture.js';

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
  /** The OpenAI-compatible emulator's transcription endpoint, to make it fail. */
  transcription: { mode: 'ok' | 'fail' | 'hang' | 'malformed' | 'not-json' };
  /** What the HTTP layer logged. */
  logs: Array<{ message: string; context: Record<string, unknown> }>;
  /** Registers a new user over HTTP. */
  register(): Promise<{ token: string; userId: string; email: string }>;
}

/** The header the conformance suite's host auth reads the signed-in user id from. */
export const HOST_USER_HEADER = 'x-host-user';
