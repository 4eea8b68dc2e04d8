import { createPauz, memoryBuckets, memoryPdfStore } from '@pauz/core';
import { createPauzHttp } from '@pauz/core/http';
import { openTempSqliteDatabase } from '@pauz/core/testing';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPauzClient } from '../src/index.js';
import { OPERATIONS } from '../src/operations.js';
import { type RunningApi, startApi } from './servers.js';

type Operation = {
  operationId: string;
  parameters?: Array<{ in: string }>;
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};

const camel = (name: string): string => name.replace(/\.(\w)/g, (_, first: string) => first.toUpperCase());

/*
 * The client's route table is typed against PauzContract (a wrong method, path or
 * kind, or a missing operation, fails `pnpm typecheck`); these tests compare it with
 * what the server actually serves, so it cannot drift at run time either.
 */
describe("the client's operation table", () => {
  let api: RunningApi;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    api = await startApi('hono');
    paths = ((await createPauzClient({ baseUrl: api.baseUrl }).meta.openapi()) as unknown as { paths: typeof paths }).paths;
  });
  afterAll(async () => {
    await api?.close();
  });

  it("is the server's route table: the same operations, methods and paths, in both directions", async () => {
    const opened = await openTempSqliteDatabase();
    try {
      const pauz = createPauz({ db: opened.db, buckets: memoryBuckets(), pdfs: memoryPdfStore({ secret: 'client-contract-test-secret-0123456789', publicBaseUrl: 'http://127.0.0.1:1' }) });
      const served = createPauzHttp(pauz, { authRoutes: true, logger: { error: () => {} } }).routes;
      const fromServer = Object.fromEntries(served.map((route) => [route.operation, [route.method, route.path]]));
      const fromClient = Object.fromEntries(Object.entries(OPERATIONS).map(([name, [method, path]]) => [name, [method, path]]));
      expect(fromClient).toEqual(fromServer);
    } finally {
      await opened.close();
    }
  });

  it('agrees with the served OpenAPI document on names, inputs, outputs and answered statuses', () => {
    const operations = Object.entries(paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
    );
    expect(operations.map((o) => o.operation.operationId).sort()).toEqual(Object.keys(OPERATIONS).map(camel).sort());
    for (const [name, [method, path, input, output, answers]] of Object.entries(OPERATIONS)) {
      const found = operations.find((o) => o.operation.operationId === camel(name));
      expect(found, name).toBeDefined();
      const { operation } = found as (typeof operations)[number];
      expect([found?.method, found?.path], name).toEqual([method, path.replace(/[:*](\w+)/g, '{$1}').replace(/(.)\/$/, '$1')]);
      const bodyTypes = Object.keys(operation.requestBody?.content ?? {});
      const queried = (operation.parameters ?? []).some((p) => p.in === 'query');
      const expectedInput = bodyTypes.length === 0 ? (queried ? 'query' : 'none') : bodyTypes.includes('application/json') ? 'body' : 'raw';
      expect(input, name).toBe(expectedInput);
      const statuses = Object.entries(operation.responses);
      const success = statuses.filter(([status]) => status.startsWith('2'));
      const json = success.every(([, r]) => r.content === undefined || 'application/json' in r.content);
      expect(output, name).toBe(json ? 'json' : 'bytes');
      const others = statuses.filter(([status, r]) => !status.startsWith('2') && r.content !== undefined && !('application/problem+json' in r.content));
      expect([...(answers ?? [])], name).toEqual(others.map(([status]) => Number(status)));
    }
  });

  it('is listed in the README, one row per operation with its method and path', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| `client.'));
    expect(rows).toHaveLength(Object.keys(OPERATIONS).length);
    for (const [name, [method, path]] of Object.entries(OPERATIONS)) {
      expect(rows.filter((row) => row.startsWith(`| \`client.${name}(`) && row.includes(`| \`${method} ${path}\` |`)), name).toHaveLength(1);
    }
  });
});
