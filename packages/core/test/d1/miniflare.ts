import { Miniflare } from 'miniflare';
import type { D1DatabaseLike } from '../../src/raindrop.js';

/** A real D1 (miniflare's workerd and its SQLite), reached from Node through miniflare's proxy. */
export interface OpenedD1 {
  mf: Miniflare;
  /** The `PAUZ` binding's Node-side proxy. */
  binding: D1DatabaseLike;
  dispose(): Promise<void>;
}

export async function openD1(): Promise<OpenedD1> {
  const mf = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response(null, { status: 404 }) } }',
    d1Databases: ['PAUZ'],
    compatibilityDate: '2024-09-23',
  });
  // miniflare's type is workers-types' D1Database; Pauz's structural type is its subset.
  const binding = (await mf.getD1Database('PAUZ')) as unknown as D1DatabaseLike;
  return { mf, binding, dispose: () => mf.dispose() };
}
