import { expect, it } from 'vitest';
import { expectJson, expectProblem } from './client.js';
import type { ConformanceContext } from './context.js';
import { DEFAULT_MAX_JSON_BYTES } from '../../http/handler.js';
import { sessionSchema } from '../../http/schemas.js';

export function errorCases(c: () => ConformanceContext): void {
  it('answers malformed JSON with 400', async () => {
    const { api, register } = c();
    const { token } = await register();
    const res = await api.post('/freejournal/', { token, raw: { body: '{"title": ', contentType: 'application/json' } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.text).not.toContain('"title": ');
  });

  it('answers a body that is not JSON with 415', async () => {
    const { api, register } = c();
    const { token } = await register();
    expectProblem(await api.post('/freejournal/', { token, raw: { body: 'title=x', contentType: 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(
      await api.post('/freejournal/', { token, raw: { body: 'title=x', contentType: 'application/x-www-form-urlencoded' } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers a body over the JSON limit (2 MiB by default) with 413 and changes nothing', async () => {
    const { api, register } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    const res = await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'x'.repeat(DEFAULT_MAX_JSON_BYTES + 10) } });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(expectJson(await api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema).version).toBe(1);
  });

  it('answers unknown routes under the mount with a 404 problem', async () => {
    const { api, register } = c();
    const { token } = await register();
    for (const path of ['/nothing-here', '/freejournal/a/b/c/d', '/auth']) {
      expectProblem(await api.get(path, { token }), 404, 'NOT_FOUND');
    }
    expectProblem(await api.get('/nothing-here'), 404, 'NOT_FOUND');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const { api, register } = c();
    const { token } = await register();
    const res = await api.put('/garden/', { token, json: {} });
    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('answers HEAD on every GET route like GET, without the body (RFC 9110)', async () => {
    const { api, register } = c();
    const { token } = await register();
    const s = (await api.post('/freejournal/', { token, json: { title: 'Heads up' } })).body as { id: string };
    for (const path of ['/health', '/openapi.json', '/guided_journal/topics', `/freejournal/${s.id}`, '/freejournal/', '/garden/stats', '/stats/overview']) {
      const get = await api.get(path, { token });
      const head = await api.request('HEAD', path, { token });
      expect(head.status, path).toBe(get.status);
      expect(head.text, path).toBe('');
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      expect(Number(head.headers.get('content-length')), path).toBe(new TextEncoder().encode(get.text).byteLength);
    }
    for (const path of [`/freejournal/${crypto.randomUUID()}`, '/no-such-route', '/auth/register']) {
      const get = await api.get(path, { token });
      const head = await api.request('HEAD', path, { token });
      expect(head.status, path).toBe(get.status);
      expect(head.text, path).toBe('');
      expect(head.headers.get('content-length'), path).toBe(String(new TextEncoder().encode(get.text).byteLength));
    }
    expect((await api.request('HEAD', '/freejournal/', {})).status).toBe(401);
  });

  it('answers unexpected failures with a bare 500, logged with the same reference', async () => {
    const { brokenApi, logs } = c();
    const before = logs.length;
    const res = await brokenApi.post('/auth/register', { json: { email: `b${crypto.randomUUID()}@example.com`, password: 'correct horse' } });
    const body = expectProblem(res, 500, 'INTERNAL');
    expect(res.text).not.toContain('clock exploded');
    expect(logs.length).toBe(before + 1);
    const logged = logs[logs.length - 1];
    expect(String((logged?.context.error as Error).message)).toContain('clock exploded');
    expect(body.instance).toBe(`urn:uuid:${String(logged?.context.reference)}`);
  });
}
