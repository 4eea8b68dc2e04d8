import { expect, it } from 'vitest';
import { expectJson, expectNoContent, expectProblem } from './client.js';
import type { ConformanceContext } from './context.js';
import { hintSchema, pageSchema, sessionPreviewSchema, sessionSchema } from '../../http/schemas.js';

const page = pageSchema(sessionPreviewSchema, 'Page');

export function freeJournalCases(c: () => ConformanceContext): void {
  it('creates (201) and lists sessions with and without the trailing slash', async () => {
    const { api, register } = c();
    const { token } = await register();
    const a = expectJson(await api.post('/freejournal/', { token, json: { title: 'Slash' } }), 201, sessionSchema);
    const b = expectJson(await api.post('/freejournal', { token }), 201, sessionSchema);
    expect(a).toMatchObject({ title: 'Slash', version: 1, content: '', wordCount: 0, mood: null });
    expect(b.title).toBe('Untitled');
    for (const path of ['/freejournal/', '/freejournal']) {
      const list = expectJson(await api.get(path, { token }), 200, page) as { items: Array<{ id: string }>; nextCursor: null };
      expect(list.items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
      expect(list.nextCursor).toBeNull();
    }
  });

  it('gets, saves (version bump) and reports conflicts (409 with currentVersion)', async () => {
    const { api, register } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    expect(expectJson(await api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema)).toEqual(s);
    const saved = expectJson(
      await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'Dear diary, hello.', baseVersion: 1 } }),
      200,
      sessionSchema,
    );
    expect(saved).toMatchObject({ content: 'Dear diary, hello.', wordCount: 3, version: 2 });
    const conflict = expectProblem(
      await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'stale', baseVersion: 1 } }),
      409,
      'VERSION_CONFLICT',
    );
    expect(conflict.currentVersion).toBe(2);
  });

  it('pages, searches and filters the list through the query string', async () => {
    const { api, register } = c();
    const { token } = await register();
    for (const title of ['one', 'two', 'three']) await api.post('/freejournal/', { token, json: { title } });
    const first = expectJson(await api.get('/freejournal/?limit=2', { token }), 200, page) as { items: unknown[]; nextCursor: string };
    expect(first.items).toHaveLength(2);
    const second = expectJson(await api.get(`/freejournal/?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`, { token }), 200, page) as {
      items: unknown[];
      nextCursor: null;
    };
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const found = expectJson(await api.get('/freejournal/?q=TWO', { token }), 200, page) as { items: Array<{ title: string }> };
    expect(found.items.map((i) => i.title)).toEqual(['two']);
    expectJson(await api.get('/freejournal/?from=2000-01-01&to=2100-01-01', { token }), 200, page);
    for (const bad of ['limit=0', 'limit=abc', 'cursor=nope', 'from=2026-02-30', 'unknown=1']) {
      expectProblem(await api.get(`/freejournal/?${bad}`, { token }), 400, 'VALIDATION_FAILED');
    }
  });

  it('saves limits.contentChars characters of Unicode (500,000 by default, over 1 MB of JSON) and refuses more without changing anything', async () => {
    const { api, register, harness } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    const max = harness.pauz.limits.contentChars;
    const unit = 'Ελληνικά é “q” 日本語の日記を書く 🌻 ';
    const content = unit.repeat(Math.ceil(max / unit.length)).slice(0, max);
    const saved = expectJson(await api.post(`/freejournal/${s.id}/save`, { token, json: { content } }), 200, sessionSchema);
    expect(saved.content).toBe(content);
    const tooLong = expectProblem(await api.post(`/freejournal/${s.id}/save`, { token, json: { content: `${content}x` } }), 400, 'VALIDATION_FAILED');
    expect(tooLong.errors[0].field).toBe('content');
    expect(expectJson(await api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema).version).toBe(saved.version);
    // A hint on given content has the same limit.
    expectJson(await api.post(`/freejournal/${s.id}/hints`, { token, json: { content } }), 201, hintSchema);
    const hintTooLong = expectProblem(await api.post(`/freejournal/${s.id}/hints`, { token, json: { content: `${content}x` } }), 400, 'VALIDATION_FAILED');
    expect(hintTooLong.errors[0].field).toBe('content');
  });

  it('keeps the text of a save when the hints bucket fails (502 with savedVersion and the hints not stored)', async () => {
    const { api, register, harness } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    harness.buckets.hints.failNext('put');
    const failed = expectProblem(
      await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'Every word of this stays.', hints: ['Why?', 'And then?'], baseVersion: 1 } }),
      502,
      'SMARTBUCKET_FAILED',
    );
    expect(failed).toMatchObject({ savedVersion: 2, unsavedHints: ['Why?', 'And then?'] });
    expect(failed.detail).toMatch(/content was saved \(version 2\)/);
    expect(expectJson(await api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema)).toMatchObject({ content: 'Every word of this stays.', version: 2 });
    const again = expectJson(
      await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'Every word of this stays.', hints: failed.unsavedHints, baseVersion: failed.savedVersion } }),
      200,
      sessionSchema,
    );
    expect(again.version).toBe(3);
    expect((await api.get(`/freejournal/${s.id}/hints`, { token })).body.items.map((h: { text: string }) => h.text).sort()).toEqual(['And then?', 'Why?']);
  });

  it('refuses bad saves (400) and changes nothing', async () => {
    const { api, register } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    for (const json of [{}, { content: 7 }, { content: 'x', baseVersion: 'one' }, { content: 'x', surprise: true }, [], 'text']) {
      expectProblem(await api.post(`/freejournal/${s.id}/save`, { token, json }), 400, 'VALIDATION_FAILED');
    }
    expectProblem(await api.post('/freejournal/', { token, json: { title: 'x'.repeat(501) } }), 400, 'VALIDATION_FAILED');
    expect(expectJson(await api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema)).toEqual(s);
  });

  it('deletes (204), then answers 404', async () => {
    const { api, register } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    expectNoContent(await api.delete(`/freejournal/${s.id}`, { token }));
    expectProblem(await api.get(`/freejournal/${s.id}`, { token }), 404, 'NOT_FOUND');
    expectProblem(await api.delete(`/freejournal/${s.id}`, { token }), 404, 'NOT_FOUND');
  });

  it("answers 404 to another user's session, exactly as for a missing one", async () => {
    const { api, register } = c();
    const owner = await register();
    const intruder = await register();
    const s = expectJson(await api.post('/freejournal/', { token: owner.token, json: { title: 'private' } }), 201, sessionSchema);
    await api.post(`/freejournal/${s.id}/save`, { token: owner.token, json: { content: 'my secret' } });
    const missing = crypto.randomUUID();
    for (const [method, suffix, json] of [
      ['GET', '', undefined],
      ['POST', '/save', { content: 'overwrite' }],
      ['DELETE', '', undefined],
    ] as const) {
      const foreign = await api.request(method, `/freejournal/${s.id}${suffix}`, { token: intruder.token, ...(json ? { json } : {}) });
      const absent = await api.request(method, `/freejournal/${missing}${suffix}`, { token: intruder.token, ...(json ? { json } : {}) });
      expectProblem(foreign, 404, 'NOT_FOUND');
      expect(foreign.body).toEqual(absent.body);
    }
    const list = expectJson(await api.get('/freejournal/?q=secret', { token: intruder.token }), 200, page) as { items: unknown[] };
    expect(list.items).toEqual([]);
    const still = expectJson(await api.get(`/freejournal/${s.id}`, { token: owner.token }), 200, sessionSchema);
    expect(still.content).toBe('my secret');
  });
}
