import type { TestClient } from './client.js';
import type { DatabaseHarness } from '../database/fixture.js';

/** What every conformance case is handed. */
export interface ConformanceContext {
  harness: DatabaseHarness;
  /** The API with built-in bearer tokens. */
  api: TestClient;
  /** The same Pauz behind the host's own auth (`resolveUser` reading {@link HOST_USER_HEADER}). */
  hostApi: TestClient;
  /** A Pauz whose every service call fails unexpectedly, to test 500 answers. */
  brokenApi: TestClient;
  /** What the HTTP layer logged. */
  logs: Array<{ message: string; context: Record<string, unknown> }>;
  /** Registers a new user over HTTP. */
  register(): Promise<{ token: string; userId: string; email: string }>;
}

/** The header the conformance suite's host auth reads the signed-in user id from. */
export const HOST_USER_HEADER = 'x-host-user';
