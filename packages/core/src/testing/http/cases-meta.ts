import { expect, it } from 'vitest';
import { expectJson, expectProblem } from './client.js';
import { type ConformanceContext, HOST_USER_HEADER } from './context.js';
import { healthSchema, sessionSchema } from '../../http/schemas.js';

/** Every path of the spec's HTTP table that exists today, in OpenAPI form. */
const SPEC_PATHS = [
  '/auth/register',
  '/auth/login',
  '/auth/logout',
  '/auth/me',
  '/freejournal',
  '/freejournal/on-this-day',
  '/freejournal/{id}',
  '/freejournal/{id}/save',
  '/freejournal/{id}/hints',
  '/freejournal/{id}/voice',
  '/freejournal/{id}/voice/{recordingId}/transcribe',
  '/freejournal/{id}/recordings',
  '/freejournal/{id}/recordings/{recordingId}/audio',
  '/freejournal/{id}/reflect',
  '/freejournal/{id}/export',
  '/guided_journal/{id}/export',
  '/export/book',
  '/files/pdf/{key}',
  '/guided_journal/topics',
  '/guided_journal/prompts',
  '/guided_journal',
  '/guided_journal/{id}',
  '/garden',
  '/garden/{id}',
  '/garden/stats',
  '/stats/overview',
  '/account/export',
  '/account/import',
  '/search',
  '/health',
  '/openapi.json',
];

export function metaCases(c: () => ConformanceContext): void {
  it('reports health from real checks, without details for the public', async () => {
    const { api } = c();
    const health = expectJson(await api.get('/health'), 200, healthSchema);
    expect(health).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'ok' },
        'smartbucket:hints': { status: 'ok' },
        'smartbucket:guided-journals': { status: 'ok' },
        'smartbucket:audio-files': { status: 'ok' },
        pdfs: { status: 'ok' },
      },
    });
  });

  it('serves an OpenAPI 3.1 document of every route', async () => {
    const { api } = c();
    const res = await api.get('/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as {
      openapi: string;
      paths: Record<string, Record<string, any>>;
      components: { schemas: Record<string, any> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([...SPEC_PATHS].sort());
    const save = doc.paths['/freejournal/{id}/save']?.post;
    expect(save.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/SaveSessionInput' } } } });
    expect(doc.components.schemas.SaveSessionInput.required).toEqual(['content']);
    expect(save.responses['409']).toBeDefined();
    expect(doc.paths['/freejournal']?.post.requestBody.required).toBe(false);
    expect(doc.paths['/auth/me']?.delete.responses['204']).toBeDefined();
    // Every reference resolves inside the document (the outside validators are in examples/openapi-client).
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const target = JSON.parse(`{${ref}}`).$ref as string;
      expect(target).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/);
      expect(doc.components.schemas[target.split('/').pop() as string], target).toBeDefined();
    }
  });

  it("uses the host's auth through resolveUser, with /auth/* off", async () => {
    const { hostApi } = c();
    const headers = { [HOST_USER_HEADER]: `host-${crypto.randomUUID()}` };
    expectProblem(await hostApi.get('/freejournal/'), 401, 'UNAUTHENTICATED');
    expectProblem(await hostApi.post('/auth/register', { json: { email: 'h@example.com', password: 'correct horse' } }), 404, 'NOT_FOUND');
    expectProblem(await hostApi.get('/auth/me', { headers }), 404, 'NOT_FOUND');
    const s = expectJson(await hostApi.post('/freejournal', { headers, json: { title: 'host user' } }), 201, sessionSchema);
    expect(expectJson(await hostApi.get(`/freejournal/${s.id}`, { headers }), 200, sessionSchema).title).toBe('host user');
    const other = { [HOST_USER_HEADER]: `host-${crypto.randomUUID()}` };
    expectProblem(await hostApi.get(`/freejournal/${s.id}`, { headers: other }), 404, 'NOT_FOUND');
    // Built-in bearer tokens mean nothing in this mode.
    const { token } = await c().register();
    expectProblem(await hostApi.get('/freejournal', { token }), 401, 'UNAUTHENTICATED');
  });
}
