import { expect, it } from 'vitest';
import { expectJson, expectNoContent, expectProblem } from './client.js';
import type { ConformanceContext } from './context.js';
import {
  guidedJournalSchema,
  guidedPreviewSchema,
  guidedPromptsResponseSchema,
  guidedTopicListSchema,
  hintListSchema,
  hintSchema,
  pageSchema,
  sessionSchema,
} from '../../http/schemas.js';

const guidedPage = pageSchema(guidedPreviewSchema, 'Page');

export function guidedCases(c: () => ConformanceContext): void {
  it('lists the ten topics and proposes nine prompts for one', async () => {
    const { api, register } = c();
    const { token } = await register();
    const topics = expectJson(await api.get('/guided_journal/topics'), 200, guidedTopicListSchema);
    expect(topics.items.map((t) => t.id)).toEqual(['mind', 'body', 'heart', 'friends', 'family', 'romance', 'mission', 'growth', 'money', 'joy']);
    const prompts = expectJson(await api.post('/guided_journal/prompts', { token, json: { topic: 'heart' } }), 200, guidedPromptsResponseSchema);
    expect(prompts.prompts.map((p) => p.section)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expectProblem(await api.post('/guided_journal/prompts', { json: { topic: 'heart' } }), 401, 'UNAUTHENTICATED');
    expectProblem(await api.post('/guided_journal/prompts', { token, json: { topic: 'weather' } }), 400, 'VALIDATION_FAILED');
  });

  it('creates (201), lists, reads, updates and deletes (204) guided journals', async () => {
    const { api, register } = c();
    const { token } = await register();
    const created = expectJson(
      await api.post('/guided_journal/', { token, json: { topic: 'growth', entries: [{ promptId: 2, response: 'Reading again.' }] } }),
      201,
      guidedJournalSchema,
    );
    expect(created).toMatchObject({ topic: 'growth', version: 1 });
    for (const path of ['/guided_journal/', '/guided_journal']) {
      const list = expectJson(await api.get(path, { token }), 200, guidedPage) as { items: Array<{ id: string; preview: string }> };
      expect(list.items.map((i) => [i.id, i.preview])).toEqual([[created.id, 'Reading again.']]);
    }
    expect(expectJson(await api.get(`/guided_journal/${created.id}`, { token }), 200, guidedJournalSchema)).toEqual(created);
    const updated = expectJson(
      await api.put(`/guided_journal/${created.id}`, { token, json: { entries: [{ promptId: 7, response: 'Weekends off.' }], baseVersion: 1 } }),
      200,
      guidedJournalSchema,
    );
    expect(updated).toMatchObject({ version: 2, entries: [{ promptId: 7, response: 'Weekends off.' }] });
    const conflict = expectProblem(await api.put(`/guided_journal/${created.id}`, { token, json: { entries: [], baseVersion: 1 } }), 409, 'VERSION_CONFLICT');
    expect(conflict.currentVersion).toBe(2);
    expectJson(await api.get('/guided_journal/?topic=growth&limit=1', { token }), 200, guidedPage);
    expectProblem(await api.get('/guided_journal/?topic=weather', { token }), 400, 'VALIDATION_FAILED');
    expectNoContent(await api.delete(`/guided_journal/${created.id}`, { token }));
    expectProblem(await api.get(`/guided_journal/${created.id}`, { token }), 404, 'NOT_FOUND');
  });

  it('refuses bad guided journals (400) and stores nothing', async () => {
    const { api, register } = c();
    const { token } = await register();
    for (const json of [{}, { topic: 'mind', entries: [{ promptId: 12, response: 'x' }] }, { topic: 'mind', prompts: [] }, { topic: 'mind', x: 1 }]) {
      expectProblem(await api.post('/guided_journal/', { token, json }), 400, 'VALIDATION_FAILED');
    }
    expect((expectJson(await api.get('/guided_journal/', { token }), 200, guidedPage) as { items: unknown[] }).items).toEqual([]);
  });

  it("answers 404 to another user's guided journal, exactly as for a missing one", async () => {
    const { api, register } = c();
    const owner = await register();
    const intruder = await register();
    const journal = expectJson(await api.post('/guided_journal/', { token: owner.token, json: { topic: 'money' } }), 201, guidedJournalSchema);
    const missing = crypto.randomUUID();
    for (const [method, json] of [['GET', undefined], ['PUT', { entries: [] }], ['DELETE', undefined]] as const) {
      const foreign = await api.request(method, `/guided_journal/${journal.id}`, { token: intruder.token, ...(json ? { json } : {}) });
      const absent = await api.request(method, `/guided_journal/${missing}`, { token: intruder.token, ...(json ? { json } : {}) });
      expectProblem(foreign, 404, 'NOT_FOUND');
      expect(foreign.body).toEqual(absent.body);
    }
    expect((expectJson(await api.get('/guided_journal/', { token: intruder.token }), 200, guidedPage) as { items: unknown[] }).items).toEqual([]);
    expect(expectJson(await api.get(`/guided_journal/${journal.id}`, { token: owner.token }), 200, guidedJournalSchema)).toEqual(journal);
  });

  it('generates (201) and lists hints; a save stores the hints it carries', async () => {
    const { api, register } = c();
    const owner = await register();
    const session = expectJson(await api.post('/freejournal/', { token: owner.token }), 201, sessionSchema);
    const hint = expectJson(await api.post(`/freejournal/${session.id}/hints`, { token: owner.token }), 201, hintSchema);
    expect(hint).toMatchObject({ sessionId: session.id, source: 'writer' });
    const saved = await api.post(`/freejournal/${session.id}/save`, { token: owner.token, json: { content: 'Hi', hints: ['Why today?'] } });
    expectJson(saved, 200, sessionSchema);
    const list = expectJson(await api.get(`/freejournal/${session.id}/hints`, { token: owner.token }), 200, hintListSchema);
    expect(list.items.map((h) => h.source).sort()).toEqual(['client', 'writer']);
    expectProblem(await api.post(`/freejournal/${session.id}/hints`, { token: owner.token, json: { content: 42 } }), 400, 'VALIDATION_FAILED');

    const intruder = await register();
    expectProblem(await api.post(`/freejournal/${session.id}/hints`, { token: intruder.token }), 404, 'NOT_FOUND');
    expectProblem(await api.get(`/freejournal/${session.id}/hints`, { token: intruder.token }), 404, 'NOT_FOUND');
  });
}
