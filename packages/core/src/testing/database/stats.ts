import { expect, it } from 'vitest';
import type { DatabaseHarness } from './fixture.js';

export function statsContract(h: () => DatabaseHarness): void {
  it('sums journals, words and flowers, with the current streak', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    expect(await pauz.stats.overview(user.id)).toEqual({ freeJournals: 0, guidedJournals: 0, flowers: 0, words: 0, currentStreak: 0 });
    const a = await pauz.freeJournal.create(user.id);
    const b = await pauz.freeJournal.create(user.id);
    await pauz.freeJournal.save(user.id, a.id, { content: 'one two three' });
    await pauz.freeJournal.save(user.id, b.id, { content: 'four five' });
    await pauz.garden.add(user.id, { mood: 'happy', date: '2026-06-14' });
    await pauz.garden.add(user.id, { mood: 'calm', date: '2026-06-15' });
    expect(await pauz.stats.overview(user.id, { tz: 'Europe/Paris' })).toEqual({
      freeJournals: 2,
      guidedJournals: 0,
      flowers: 2,
      words: 5,
      currentStreak: 2,
    });
  });
}
