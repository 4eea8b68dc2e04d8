import { expect, it } from 'vitest';
import type { DatabaseHarness } from './fixture.js';
import { expectPauzError } from '../expect-code.js';

/** Every operation a second user tries on the first user's ids must fail as not found. */
export function ownershipContract(h: () => DatabaseHarness): void {
  it("never lets one user read, change or learn of another user's data", async () => {
    const { pauz, newUser } = h();
    const owner = await newUser();
    const intruder = await newUser();
    const session = await pauz.freeJournal.create(owner.id, { title: 'secret' });
    await pauz.freeJournal.save(owner.id, session.id, { content: 'my secret text' });
    const flower = await pauz.garden.add(owner.id, { mood: 'sad', note: 'secret', sessionId: session.id });
    const before = await pauz.freeJournal.get(owner.id, session.id);

    const missing = crypto.randomUUID();
    for (const [label, attempt] of [
      ['get session', (id: string) => pauz.freeJournal.get(intruder.id, id)],
      ['save session', (id: string) => pauz.freeJournal.save(intruder.id, id, { content: 'overwritten' })],
      ['save session with version', (id: string) => pauz.freeJournal.save(intruder.id, id, { content: 'x', baseVersion: 1 })],
      ['delete session', (id: string) => pauz.freeJournal.delete(intruder.id, id)],
      ['link flower to session', (id: string) => pauz.garden.add(intruder.id, { mood: 'happy', sessionId: id })],
    ] as const) {
      const foreign = await expectPauzError(attempt(session.id), 'NOT_FOUND');
      const absent = await expectPauzError(attempt(missing), 'NOT_FOUND');
      expect(foreign.message, label).toBe(absent.message);
      expect(foreign.details, label).toEqual(absent.details);
    }
    const foreignFlower = await expectPauzError(pauz.garden.delete(intruder.id, flower.id), 'NOT_FOUND');
    const absentFlower = await expectPauzError(pauz.garden.delete(intruder.id, missing), 'NOT_FOUND');
    expect(foreignFlower.message).toBe(absentFlower.message);
    await expectPauzError(pauz.accounts.delete(crypto.randomUUID()), 'NOT_FOUND');

    expect((await pauz.freeJournal.list(intruder.id)).items).toEqual([]);
    expect((await pauz.freeJournal.list(intruder.id, { q: 'secret' })).items).toEqual([]);
    expect((await pauz.garden.list(intruder.id)).items).toEqual([]);
    expect((await pauz.garden.stats(intruder.id)).total).toBe(0);
    expect(await pauz.stats.overview(intruder.id)).toMatchObject({ freeJournals: 0, flowers: 0, words: 0 });

    expect(await pauz.freeJournal.get(owner.id, session.id)).toEqual(before);
    expect((await pauz.garden.list(owner.id)).items).toHaveLength(1);
  });
}
