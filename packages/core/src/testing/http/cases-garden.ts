import { expect, it } from 'vitest';
import { expectJson, expectNoContent, expectProblem } from './client.js';
import type { ConformanceContext } from './context.js';
import { flowerListSchema, flowerSchema, gardenStatsSchema, overviewSchema, sessionSchema } from '../../http/schemas.js';

export function gardenCases(c: () => ConformanceContext): void {
  it('plants (201), lists and deletes (204) flowers, with and without the trailing slash', async () => {
    const { api, register } = c();
    const { token } = await register();
    const a = expectJson(await api.post('/garden/', { token, json: { mood: 'happy', note: 'sun', date: '2026-06-01' } }), 201, flowerSchema);
    const b = expectJson(await api.post('/garden', { token, json: { mood: 'calm', date: '2026-06-02' } }), 201, flowerSchema);
    expect(a).toMatchObject({ mood: 'happy', flowerType: 'sunflower', note: 'sun', date: '2026-06-01', source: 'manual', sessionId: null });
    for (const path of ['/garden/', '/garden']) {
      const list = expectJson(await api.get(path, { token }), 200, flowerListSchema);
      expect(list.items.map((f) => f.id)).toEqual([b.id, a.id]);
    }
    const ranged = expectJson(await api.get('/garden/?from=2026-06-02&to=2026-06-30', { token }), 200, flowerListSchema);
    expect(ranged.items.map((f) => f.id)).toEqual([b.id]);
    expectNoContent(await api.delete(`/garden/${a.id}`, { token }));
    expectProblem(await api.delete(`/garden/${a.id}`, { token }), 404, 'NOT_FOUND');
  });

  it('refuses bad flowers (400) and plants nothing', async () => {
    const { api, register } = c();
    const { token } = await register();
    for (const json of [{ mood: 'furious' }, { mood: 'happy', date: '2026-13-01' }, { mood: 'happy', timeZone: 'Mars/Base' }, {}]) {
      expectProblem(await api.post('/garden/', { token, json }), 400, 'VALIDATION_FAILED');
    }
    for (const query of ['from=2026-02-30', 'from=2026-03-02&to=2026-03-01', 'colour=red']) {
      expectProblem(await api.get(`/garden/?${query}`, { token }), 400, 'VALIDATION_FAILED');
    }
    expect(expectJson(await api.get('/garden/', { token }), 200, flowerListSchema).items).toEqual([]);
  });

  it('computes stats in the time zone asked for, and refuses unknown zones', async () => {
    const { api, register } = c();
    const { token } = await register();
    await api.post('/garden/', { token, json: { mood: 'happy', date: '2026-06-10' } });
    await api.post('/garden/', { token, json: { mood: 'sad', date: '2026-06-11' } });
    const stats = expectJson(await api.get('/garden/stats?tz=Europe/Paris&from=2026-06-01&to=2026-06-30', { token }), 200, gardenStatsSchema);
    expect(stats).toMatchObject({ total: 2, longestStreak: 2 });
    expect(stats.byMood).toMatchObject({ happy: 1, sad: 1, calm: 0 });
    expect(stats.days.map((d) => d.date)).toEqual(['2026-06-10', '2026-06-11']);
    const bad = expectProblem(await api.get('/garden/stats?tz=Not/AZone', { token }), 400, 'VALIDATION_FAILED');
    expect(bad.errors[0].field).toBe('tz');
  });

  it('sums the overview, for its owner only', async () => {
    const { api, register } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    await api.post(`/freejournal/${s.id}/save`, { token, json: { content: 'three small words' } });
    await api.post('/garden/', { token, json: { mood: 'grateful' } });
    const overview = expectJson(await api.get('/stats/overview?tz=UTC', { token }), 200, overviewSchema);
    expect(overview).toMatchObject({ freeJournals: 1, flowers: 1, words: 3 });
    expectProblem(await api.get('/stats/overview?tz=Atlantis/Capital', { token }), 400, 'VALIDATION_FAILED');
    const stranger = await register();
    expect(expectJson(await api.get('/stats/overview', { token: stranger.token }), 200, overviewSchema)).toEqual({
      freeJournals: 0,
      guidedJournals: 0,
      flowers: 0,
      words: 0,
      currentStreak: 0,
    });
  });

  it("answers 404 to another user's flower and never shows it", async () => {
    const { api, register } = c();
    const owner = await register();
    const intruder = await register();
    const flower = expectJson(await api.post('/garden/', { token: owner.token, json: { mood: 'anxious', note: 'private' } }), 201, flowerSchema);
    const foreign = await api.delete(`/garden/${flower.id}`, { token: intruder.token });
    const absent = await api.delete(`/garden/${crypto.randomUUID()}`, { token: intruder.token });
    expectProblem(foreign, 404, 'NOT_FOUND');
    expect(foreign.body).toEqual(absent.body);
    expect(expectJson(await api.get('/garden/', { token: intruder.token }), 200, flowerListSchema).items).toEqual([]);
    expect(expectJson(await api.get('/garden/stats', { token: intruder.token }), 200, gardenStatsSchema).total).toBe(0);
    const session = expectJson(await api.post('/freejournal/', { token: owner.token }), 201, sessionSchema);
    expectProblem(await api.post('/garden/', { token: intruder.token, json: { mood: 'calm', sessionId: session.id } }), 404, 'NOT_FOUND');
    expect(expectJson(await api.get('/garden/', { token: owner.token }), 200, flowerListSchema).items).toHaveLength(1);
  });
}
