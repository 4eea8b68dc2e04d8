/**
 * testDatabase() inside workerd, on the real D1 binding miniflare provides: the
 * whole database contract through raindropSqlDatabase(env.PAUZ), as a Raindrop
 * service would run it.
 */
import { raindropSqlDatabase, type D1DatabaseLike } from '../../../src/raindrop.js';
import { testDatabase } from '../../../src/testing/database/index.js';
import { defineWorkerSuite } from '../harness/worker.js';

interface Env {
  PAUZ: D1DatabaseLike;
}

export default defineWorkerSuite<Env>((env) => {
  testDatabase({
    name: 'D1 in workerd',
    // The binding belongs to the runtime: closing is nothing to do.
    open: () => ({ db: raindropSqlDatabase(env.PAUZ), close: async () => {} }),
  });
});
