import { Miniflare } from 'miniflare';
import type { D1DatabaseLike, D1PreparedStatementLike, D1ResultLike } from '../../src/raindrop.js';

/**
 * A real D1 (miniflare's workerd and its SQLite) for Node-side tests, reached two ways:
 *
 * - `binding`: miniflare's own proxy (`mf.getD1Database('PAUZ')`). Its `prepare()`
 *   and `bind()` are synchronous calls into workerd, and miniflare 3.20250718's
 *   synchronous fetcher can wake on the previous call's late notify under load
 *   (`assert(message?.id === id)` fails, and every later call with it) — fine for
 *   sequential tests, not for bursts of concurrent statements.
 * - `fetched`: the same binding driven through `mf.dispatchFetch()` to a worker that
 *   runs each statement or batch on `env.PAUZ` — all asynchronous, so concurrency tests
 *   stay reliable while every statement still runs on workerd's real D1.
 */
export interface OpenedD1 {
  mf: Miniflare;
  /** The `PAUZ` binding's Node-side proxy. */
  binding: D1DatabaseLike;
  /** The `PAUZ` binding, one `dispatchFetch` per `all()` or `batch()`. */
  fetched: D1DatabaseLike;
  dispose(): Promise<void>;
}

// Runs statements on the real binding; values travel as JSON, bytes as { $bytes: [...] }.
const WORKER = `
const decode = (v) => (v !== null && typeof v === 'object' && Array.isArray(v.$bytes) ? new Uint8Array(v.$bytes) : v);
const statement = (env, { sql, params }) => {
  const s = env.PAUZ.prepare(sql);
  return params.length === 0 ? s : s.bind(...params.map(decode));
};
export default {
  async fetch(request, env) {
    const body = await request.json();
    try {
      const result = body.op === 'batch'
        ? await env.PAUZ.batch(body.statements.map((s) => statement(env, s)))
        : await statement(env, body).all();
      return Response.json({ result });
    } catch (error) {
      return Response.json({ error: String(error && error.message || error) }, { status: 500 });
    }
  },
};`;

type Wire = { sql: string; params: unknown[] };

function encode(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: [...value] };
  if (value instanceof ArrayBuffer) return { $bytes: [...new Uint8Array(value)] };
  return value;
}

function fetchedBinding(mf: Miniflare): D1DatabaseLike {
  const call = async <T>(body: unknown): Promise<T> => {
    const response = await mf.dispatchFetch('http://d1.test/', { method: 'POST', body: JSON.stringify(body) });
    const answer = (await response.json()) as { result?: T; error?: string };
    if (answer.error !== undefined) throw new Error(answer.error);
    return answer.result as T;
  };
  const wire = new WeakMap<D1PreparedStatementLike, Wire>();
  const statement = (sql: string, params: unknown[]): D1PreparedStatementLike => {
    const s: D1PreparedStatementLike = {
      bind: (...values) => statement(sql, values.map(encode)),
      all: <Row>() => call<D1ResultLike<Row>>({ op: 'all', sql, params }),
    };
    wire.set(s, { sql, params });
    return s;
  };
  return {
    prepare: (sql) => statement(sql, []),
    batch: <Row>(statements: D1PreparedStatementLike[]) =>
      call<D1ResultLike<Row>[]>({
        op: 'batch',
        statements: statements.map((s) => {
          const w = wire.get(s);
          if (w === undefined) throw new Error('batch() takes statements of this binding');
          return w;
        }),
      }),
  };
}

export async function openD1(): Promise<OpenedD1> {
  const mf = new Miniflare({ modules: true, script: WORKER, d1Databases: ['PAUZ'], compatibilityDate: '2024-09-23' });
  // miniflare's type is workers-types' D1Database; Pauz's structural type is its subset.
  const binding = (await mf.getD1Database('PAUZ')) as unknown as D1DatabaseLike;
  return { mf, binding, fetched: fetchedBinding(mf), dispose: () => mf.dispose() };
}
