import { expect, it } from 'vitest';
import { createPauzHttp } from '../../http/handler.js';
import type { AnyRoute } from '../../http/route.js';
import { makeWav } from '../audio.js';
import type { RequestOptions, TestClient, TestResponse } from './client.js';
import type { ConformanceContext } from './context.js';
import { createOwned, type Owned, paramValue, type ResourceKind, type RouteParam, routeParams } from './owned.js';
import { inputSchemaOf, minimalValue } from './schema-values.js';
import { userState } from './user-state.js';

/** The routes the suite's main server serves (built-in auth on), with their path parameters. */
export function idTakingRoutes(c: ConformanceContext): Array<{ route: AnyRoute; params: RouteParam[] }> {
  return createPauzHttp(c.harness.pauz)
    .routes.map((route) => ({ route, params: routeParams(route) }))
    .filter(({ params }) => params.length > 0);
}

function encodePath(value: string, segment: string): string {
  // A trailing `*rest` spans segments: each is encoded on its own.
  return segment.startsWith('*') ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
}

/** The request of `route` made by `caller` with `values` for its parameters: a valid one, so it gets past validation. */
function requestOf(route: AnyRoute, params: RouteParam[], values: Map<string, string>, caller: Owned): { path: string; options: RequestOptions } {
  let path = route.path;
  for (const param of params) path = path.replace(param.segment, encodePath(values.get(param.name) ?? '', param.segment));
  const query = new URLSearchParams();
  if (params.some((p) => p.kind === 'pdf')) {
    // The link is the permission: the caller's own signature, on someone else's key.
    for (const [k, v] of caller.pdf.query) query.append(k, v);
  } else {
    const schema = inputSchemaOf(route, 'query');
    if (schema !== undefined) for (const [k, v] of Object.entries(minimalValue(schema) as object)) query.set(k, String(v));
  }
  const search = query.size > 0 ? `?${query}` : '';
  const options: RequestOptions = route.auth ? { token: caller.token } : {};
  const body = inputSchemaOf(route, 'body');
  if (body !== undefined) options.json = minimalValue(body);
  else if (route.rawBody !== undefined) options.raw = { body: makeWav({ seconds: 0.1 }), contentType: 'audio/wav' };
  return { path: `${path}${search}`, options };
}

/** A value of the same length and kind that names nothing: fresh UUIDs in place of the owner's ids. */
function missingValue(owned: Owned, kind: ResourceKind): string {
  let value = paramValue(owned, kind);
  for (const id of [owned.userId, owned.session, owned.recording, owned.guided, owned.flower]) value = value.split(id).join(crypto.randomUUID());
  return value === paramValue(owned, kind) ? crypto.randomUUID() : value;
}

/** What an answer shows a caller, with the probed ids (in any encoding) replaced by one placeholder. */
function visible(response: TestResponse, ids: string[]): Record<string, unknown> {
  let text = response.text;
  for (const id of ids) {
    for (const form of new Set([id, encodeURIComponent(id), encodePath(id, '*')])) text = text.split(form).join('<probed id>');
  }
  const headers = [...response.headers].filter(([name]) => name !== 'date').sort(([a], [b]) => a.localeCompare(b));
  return { status: response.status, headers, text };
}

async function stateOf(c: ConformanceContext, owned: Owned): Promise<string> {
  const pdf = await fetch(owned.pdf.url);
  const bytes = new Uint8Array(await pdf.arrayBuffer());
  return `${await userState(c.harness, owned.userId)} pdf:${pdf.status}:${bytes.byteLength}:${bytes.reduce((h, b) => (h * 31 + b) >>> 0, 7)}`;
}

/** Every non-empty subset of the parameters: each swapped alone, and together. */
function subsets<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 1; mask < 2 ** items.length; mask++) out.push(items.filter((_, i) => (mask & (1 << i)) !== 0));
  return out;
}

/**
 * The ownership matrix, generated from the route table: for every route with a path
 * parameter, user B sends a valid request with user A's ids (each parameter swapped
 * alone and all together) and gets exactly what a nonexistent id gets — same status,
 * headers (length included) and body but for the id — while neither A's data nor B's
 * changes; B's own ids succeed, so the probe reached the ownership check.
 */
export function ownershipCases(c: () => ConformanceContext): void {
  it('knows what every path parameter of the route table names (a new route cannot skip the matrix)', () => {
    const unknown = idTakingRoutes(c()).flatMap(({ route, params }) =>
      params.filter((p) => p.kind === undefined).map((p) => `${route.method} ${route.path}: ${p.segment} (add it to PARAM_RESOURCES with a fixture in createOwned)`),
    );
    expect(unknown).toEqual([]);
    expect(idTakingRoutes(c()).length).toBeGreaterThanOrEqual(14);
  });

  it("answers B exactly as for a nonexistent id on every id-taking route given A's ids, changing nothing", async () => {
    const ctx = c();
    const api: TestClient = ctx.api;
    const owner = await createOwned(ctx);
    let ownerBefore = await stateOf(ctx, owner);
    const failures: string[] = [];
    let probes = 0;
    for (const { route, params } of idTakingRoutes(ctx)) {
      if (params.some((p) => p.kind === undefined)) continue;
      const intruder = await createOwned(ctx);
      const intruderBefore = await stateOf(ctx, intruder);
      const own = new Map(params.map((p) => [p.name, paramValue(intruder, p.kind as ResourceKind)]));
      const name = `${route.method} ${route.path}`;
      for (const swapped of subsets(params)) {
        const theirs = new Map(own);
        const missing = new Map(own);
        for (const p of swapped) {
          theirs.set(p.name, paramValue(owner, p.kind as ResourceKind));
          missing.set(p.name, missingValue(owner, p.kind as ResourceKind));
        }
        const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
        for (const method of methods) {
          const probe = requestOf(route, params, theirs, intruder);
          const control = requestOf(route, params, missing, intruder);
          ctx.transcription.mode = 'ok';
          const probed = await api.request(method, probe.path, probe.options);
          const absent = await api.request(method, control.path, control.options);
          probes += 1;
          const label = `${method} ${route.path} with A's ${swapped.map((p) => p.segment).join(' and ')}`;
          if (probed.status < 400) failures.push(`${label}: answered ${probed.status}`);
          const seen = visible(probed, swapped.map((p) => theirs.get(p.name) as string));
          const expected = visible(absent, swapped.map((p) => missing.get(p.name) as string));
          try {
            expect(seen).toEqual(expected);
          } catch {
            failures.push(`${label}: answered ${JSON.stringify(seen)}, a nonexistent id ${JSON.stringify(expected)}`);
          }
        }
      }
      const ownerNow = await stateOf(ctx, owner);
      if (ownerNow !== ownerBefore) failures.push(`${name}: A's data changed`);
      ownerBefore = ownerNow;
      if ((await stateOf(ctx, intruder)) !== intruderBefore) failures.push(`${name}: B's data changed by refused requests`);
      // Last, B's own ids: the same request succeeds, so the probes were refused for ownership, not for their input.
      const mine = requestOf(route, params, own, intruder);
      ctx.transcription.mode = 'ok';
      const allowed = await api.request(route.method, mine.path, mine.options);
      if (allowed.status >= 300) failures.push(`${name} with B's own ids: ${allowed.status} ${allowed.text.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    expect(probes).toBeGreaterThan(20);
  });
}
