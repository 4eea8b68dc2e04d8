import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeWav } from '@pauz/core/testing';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFlow } from '../src/flow.js';
import { generateClientTypes } from '../src/generate.js';
import { type OpenApiDocument, responseCheck } from '../src/response-check.js';
import { type RunningApi, startApi } from '../src/server.js';

/*
 * Pauz's /openapi.json as outsiders meet it: fetched from a running server, judged by
 * validators Pauz did not write, turned into a client by openapi-typescript, and that
 * client — compiled with tsc --strict — run through every route with every response
 * checked by ajv against the document.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** Runs a Node script of an installed tool, without blocking the server in this process. */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

describe('the OpenAPI document, checked by tools Pauz did not write', () => {
  let api: RunningApi | undefined;
  let document: OpenApiDocument;
  let documentUrl = '';
  let dir = '';

  beforeAll(async () => {
    api = await startApi();
    documentUrl = `${api.baseUrl}/openapi.json`;
    const res = await fetch(documentUrl);
    expect(res.status).toBe(200);
    document = (await res.json()) as OpenApiDocument;
    dir = mkdtempSync(join(tmpdir(), 'pauz-openapi-client-'));
  });

  afterAll(async () => {
    await api?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('is valid OpenAPI 3.1 for @seriousme/openapi-schema-validator', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('passes redocly lint with the recommended rules, no errors', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
    const lint = await run(cli, ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'json'], {
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      NO_COLOR: '1',
    });
    const report = JSON.parse(lint.stdout) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }> };
    const found = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(report.totals.errors, found.join('\n')).toBe(0);
    expect(lint.status, lint.stderr).toBe(0);
    // The only warnings: public operations that answer no 4xx at all (true, and said so).
    const expected = ['/guided_journal/topics', '/health', '/openapi.json'].map(
      (path) => `warn operation-4xx-response #/paths/${path.slice(1).replace(/^/, '~1').replace(/\/(?!$)/g, '~1')}/get/responses: Operation must have at least one \`4XX\` response.`,
    );
    expect(found.sort()).toEqual(expected.sort());
  });

  it('generates the committed client types with openapi-typescript', async () => {
    // Update with `pnpm vitest run --project example-openapi-client -u` after an API change.
    await expect(await generateClientTypes(document)).toMatchFileSnapshot('../src/generated/pauz-api.ts');
  });

  it('compiles the client program with tsc --strict', async () => {
    const tsc = await run(require.resolve('typescript/bin/tsc'), ['--strict', '--noEmit', '-p', join(root, 'tsconfig.client.json')]);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('runs every route through the generated client, every response matching its declared schema', async () => {
    if (api === undefined) throw new Error('the API did not start');
    // A generated client finds the API where `servers` says: relative to the document.
    const servers = document.servers as Array<{ url: string }>;
    const baseUrl = new URL(servers[0]?.url ?? '', documentUrl).href.replace(/\/$/, '');
    expect(baseUrl).toBe(api.baseUrl);

    const check = responseCheck(document);
    await runFlow({ baseUrl, middleware: [check.middleware], hooks: api.hooks, wav: makeWav({ seconds: 0.2 }) });

    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    const called = new Set(check.checked.map((c) => `${c.method} ${c.path}`));
    expect(operations.filter((op) => !called.has(op))).toEqual([]);
    const statuses = new Set(check.checked.map((c) => c.status));
    expect([...statuses].sort()).toEqual([200, 201, 204, 400, 401, 404, 409, 415, 429, 502, 503]);
  });
});
