/**
 * The worker side of the in-workerd test harness. A suite entry registers Pauz's
 * conformance suites with vitest's API (bundled against vitest-shim.ts) and exports
 * `defineWorkerSuite(register)`: a worker whose `POST /run` collects them with the
 * request's `env` (the real D1 / R2 / AI bindings) and runs them inside workerd.
 */
import { type CaseResult, resetCollection, runCollected } from './vitest-shim.js';

export type { CaseResult } from './vitest-shim.js';

/** A worker (module syntax) that runs the suites `register` declares. */
export interface WorkerSuite<Env> {
  fetch(request: Request, env: Env): Promise<Response>;
}

/** Builds the worker: `register(env)` declares suites with describe/it (from 'vitest'). */
export function defineWorkerSuite<Env>(register: (env: Env) => void | Promise<void>): WorkerSuite<Env> {
  return {
    async fetch(request, env) {
      const url = new URL(request.url);
      if (request.method !== 'POST' || url.pathname !== '/run') return new Response('POST /run', { status: 404 });
      const timeoutMs = Number(url.searchParams.get('timeoutMs') ?? 30_000);
      resetCollection();
      let results: CaseResult[];
      try {
        await register(env);
        results = await runCollected({ timeoutMs });
      } catch (error) {
        results = [{ path: ['(collection)'], state: 'fail', error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error), ms: 0 }];
      }
      return Response.json({ results });
    },
  };
}
