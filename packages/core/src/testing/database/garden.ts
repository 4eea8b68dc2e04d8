import { expect, it } from 'vitest';
import type { DatabaseHarness } from './fixture.js';
import { expectPauzError } from '../expect-code.js';
import { FLOWERS, MOODS } from '../../garden/moods.js';

export function gardenContract(h: () => DatabaseHarness): void {
  it('plants a flower for each mood with its flower type', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    for (const mood of MOODS) {
      const flower = await pauz.garden.add(user.id, { mood, note: ` felt ${mood} ` });
      expect(flower).toMatchObject({
        mood,
        flowerType: FLOWERS[mood].flowerType,
        note: `felt ${mood}`,
        date: '2026-06-15',
        sessionId: null,
        source: 'manual',
        createdAt: '2026-06-15T12:00:00.000Z',
      });
    }
    expect((await pauz.garden.list(user.id)).items).toHaveLength(MOODS.length);
  });

  it("dates a flower by the user's time zone when no date is given", async () => {
    const { pauz, newUser, clock } = h();
    const user = await newUser();
    clock.set('2026-03-01T02:00:00Z');
    expect((await pauz.garden.add(user.id, { mood: 'calm', timeZone: 'America/Los_Angeles' })).date).toBe('2026-02-28');
    expect((await pauz.garden.add(user.id, { mood: 'calm', timeZone: 'Asia/Tokyo' })).date).toBe('2026-03-01');
    expect((await pauz.garden.add(user.id, { mood: 'calm' })).date).toBe('2026-03-01');
    clock.set('2026-06-15T12:00:00Z');
  });

  it('refuses bad flowers without planting anything', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const bad = [
      { mood: 'furious' },
      {},
      { mood: 'happy', date: '2026-02-30' },
      { mood: 'happy', date: '15/06/2026' },
      { mood: 'happy', date: '2026-06-17' },
      { mood: 'happy', timeZone: 'Mars/Olympus_Mons' },
      { mood: 'happy', timeZone: '' },
      { mood: 'happy', note: 'x'.repeat(2001) },
      { mood: 'happy', colour: 'red' },
    ];
    for (const input of bad) {
      await expectPauzError(pauz.garden.add(user.id, input as never), 'VALIDATION_FAILED');
    }
    expect((await pauz.garden.list(user.id)).items).toEqual([]);
  });

  it('accepts a date that is already today somewhere on Earth', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    expect((await pauz.garden.add(user.id, { mood: 'happy', date: '2026-06-16' })).date).toBe('2026-06-16');
  });

  it('lists flowers in a date range, newest first, and deletes them', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const made = [];
    for (const date of ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']) {
      made.push(await pauz.garden.add(user.id, { mood: 'grateful', date }));
    }
    const range = await pauz.garden.list(user.id, { from: '2026-01-02', to: '2026-01-03' });
    expect(range.items.map((f) => f.date)).toEqual(['2026-01-03', '2026-01-02']);
    // The ends of the calendar are ordinary bounds.
    expect((await pauz.garden.list(user.id, { from: '0000-01-01', to: '9999-12-31' })).items).toHaveLength(4);
    expect((await pauz.garden.stats(user.id, { from: '0000-01-01', to: '9999-12-31' })).total).toBe(4);
    expect((await pauz.garden.list(user.id, { from: '9999-12-31' })).items).toEqual([]);
    await expectPauzError(pauz.garden.list(user.id, { from: '2026-01-03', to: '2026-01-02' }), 'VALIDATION_FAILED');
    await pauz.garden.delete(user.id, made[0]!.id);
    expect((await pauz.garden.list(user.id)).items.map((f) => f.date)).toEqual(['2026-01-04', '2026-01-03', '2026-01-02']);
    await expectPauzError(pauz.garden.delete(user.id, made[0]!.id), 'NOT_FOUND');
  });

  it('links a flower to one of the user’s sessions', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id);
    const flower = await pauz.garden.add(user.id, { mood: 'reflective', sessionId: session.id });
    expect(flower.sessionId).toBe(session.id);
    await expectPauzError(pauz.garden.add(user.id, { mood: 'reflective', sessionId: crypto.randomUUID() }), 'NOT_FOUND');
  });

  it('counts totals, moods and days over a range', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    await pauz.garden.add(user.id, { mood: 'happy', date: '2026-06-01' });
    await pauz.garden.add(user.id, { mood: 'happy', date: '2026-06-01' });
    await pauz.garden.add(user.id, { mood: 'sad', date: '2026-06-01' });
    await pauz.garden.add(user.id, { mood: 'calm', date: '2026-06-03' });
    await pauz.garden.add(user.id, { mood: 'calm', date: '2026-05-20' });
    const stats = await pauz.garden.stats(user.id, { from: '2026-06-01', to: '2026-06-30' });
    expect(stats.total).toBe(4);
    expect(stats.byMood).toEqual({ happy: 2, calm: 1, sad: 1, excited: 0, reflective: 0, anxious: 0, grateful: 0 });
    expect(stats.days).toEqual([
      { date: '2026-06-01', count: 3, moods: { happy: 2, sad: 1 } },
      { date: '2026-06-03', count: 1, moods: { calm: 1 } },
    ]);
    const all = await pauz.garden.stats(user.id);
    expect(all.total).toBe(5);
    expect(all.longestStreak).toBe(1);
    expect(all.currentStreak).toBe(0);
  });

  it('keeps a streak across a DST change in the user’s time zone', async () => {
    const { pauz, newUser, clock } = h();
    const user = await newUser();
    // 23:30 every evening in New York around the spring-forward night (2026-03-08).
    for (const instant of ['2026-03-07T04:30:00Z', '2026-03-08T04:30:00Z', '2026-03-09T03:30:00Z', '2026-03-10T03:30:00Z']) {
      clock.set(instant);
      await pauz.garden.add(user.id, { mood: 'calm', timeZone: 'America/New_York' });
    }
    const dates = (await pauz.garden.list(user.id)).items.map((f) => f.date).reverse();
    expect(dates).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']);
    clock.set('2026-03-10T12:00:00Z');
    const stats = await pauz.garden.stats(user.id, { tz: 'America/New_York' });
    expect(stats).toMatchObject({ currentStreak: 4, longestStreak: 4 });
    // And the autumn change in Paris (2026-10-25), planted just after local midnight.
    const paris = await newUser();
    for (const instant of ['2026-10-23T22:10:00Z', '2026-10-24T22:10:00Z', '2026-10-25T23:10:00Z']) {
      clock.set(instant);
      await pauz.garden.add(paris.id, { mood: 'happy', timeZone: 'Europe/Paris' });
    }
    expect((await pauz.garden.list(paris.id)).items.map((f) => f.date).reverse()).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(await pauz.garden.stats(paris.id, { tz: 'Europe/Paris' })).toMatchObject({ currentStreak: 3, longestStreak: 3 });
    clock.set('2026-06-15T12:00:00Z');
  });

  it('keeps a streak across a year boundary, and ends it after a missed day', async () => {
    const { pauz, newUser, clock } = h();
    const user = await newUser();
    for (const date of ['2025-12-25', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']) {
      await pauz.garden.add(user.id, { mood: 'grateful', date });
    }
    clock.set('2026-01-02T20:00:00Z');
    expect(await pauz.garden.stats(user.id, { tz: 'UTC' })).toMatchObject({ currentStreak: 4, longestStreak: 4 });
    clock.set('2026-01-03T20:00:00Z'); // today empty, yesterday counted
    expect(await pauz.garden.stats(user.id, { tz: 'UTC' })).toMatchObject({ currentStreak: 4, longestStreak: 4 });
    clock.set('2026-01-04T20:00:00Z'); // a whole day missed
    expect(await pauz.garden.stats(user.id, { tz: 'UTC' })).toMatchObject({ currentStreak: 0, longestStreak: 4 });
    // "Today" depends on the time zone: it is already 2026-01-03 in Kiritimati at 2026-01-02T12:00Z.
    clock.set('2026-01-02T12:00:00Z');
    expect((await pauz.garden.stats(user.id, { tz: 'Pacific/Kiritimati' })).currentStreak).toBe(4);
    clock.set('2026-01-03T12:00:00Z');
    expect((await pauz.garden.stats(user.id, { tz: 'Pacific/Kiritimati' })).currentStreak).toBe(0);
    expect((await pauz.garden.stats(user.id, { tz: 'Pacific/Pago_Pago' })).currentStreak).toBe(4);
    clock.set('2026-06-15T12:00:00Z');
  });

  it('refuses bad time-zone names and ranges in stats', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    for (const query of [{ tz: 'Europe/Atlantis' }, { tz: 'GMT+25' }, { tz: '' }, { from: '2026-13-01' }, { from: '2026-02-02', to: '2026-02-01' }]) {
      const error = await expectPauzError(pauz.garden.stats(user.id, query as never), 'VALIDATION_FAILED');
      expect(error.errors.length).toBeGreaterThan(0);
    }
    await expectPauzError(pauz.stats.overview(user.id, { tz: 'Nowhere/Land' }), 'VALIDATION_FAILED');
  });
}
