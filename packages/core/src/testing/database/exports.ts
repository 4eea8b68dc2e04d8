import { expect, it } from 'vitest';
import { type DatabaseHarness, harnessFor } from './fixture.js';
import { expectPauzError } from '../expect-code.js';

const PDF_MAGIC = '%PDF-';

/** PDF exports and their clean-up. */
export function exportsContract(h: () => DatabaseHarness): void {
  it('exports both journal kinds under stable keys, a re-export replacing the PDF', async () => {
    const { pauz, newUser, pdfs } = h();
    const user = await newUser();
    const session = await pauz.freeJournal.create(user.id, { title: 'Evening' });
    await pauz.freeJournal.save(user.id, session.id, { content: 'Quiet evening.', hints: ['What made it quiet?'] });
    const first = await pauz.exports.freeJournal(user.id, session.id);
    expect(first).toMatchObject({ key: `users/${user.id}/free-journal-${session.id}.pdf`, expiresAt: expect.any(String) });
    const stored = await pdfs.get?.(first.key);
    expect(new TextDecoder().decode(stored?.slice(0, 5))).toBe(PDF_MAGIC);
    expect(stored?.byteLength).toBe(first.size);
    await pauz.freeJournal.save(user.id, session.id, { content: 'A much longer evening. '.repeat(300) });
    const second = await pauz.exports.freeJournal(user.id, session.id, { timeZone: 'Europe/Paris', locale: 'fr-FR' });
    expect(second.key).toBe(first.key);
    expect((await pdfs.get?.(first.key))?.byteLength).toBe(second.size);
    expect(second.size).toBeGreaterThan(first.size);

    const journal = await pauz.guidedJournals.create(user.id, { topic: 'heart', entries: [{ promptId: 5, response: 'Listen more.' }] });
    const guided = await pauz.exports.guidedJournal(user.id, journal.id);
    expect(guided.key).toBe(`users/${user.id}/guided-journal-${journal.id}.pdf`);
    await expectPauzError(pauz.exports.freeJournal(user.id, session.id, { locale: 'not a locale!' }), 'VALIDATION_FAILED');
  });

  it('deletes PDFs with their journal and with the account', async () => {
    const { pauz, newUser, pdfs } = h();
    const user = await newUser();
    const a = await pauz.freeJournal.create(user.id);
    const b = await pauz.freeJournal.create(user.id);
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'body' });
    const [pa, pb, pj] = [
      await pauz.exports.freeJournal(user.id, a.id),
      await pauz.exports.freeJournal(user.id, b.id),
      await pauz.exports.guidedJournal(user.id, journal.id),
    ];
    await pauz.freeJournal.delete(user.id, a.id);
    expect(await pdfs.get?.(pa.key)).toBeNull();
    expect(await pdfs.get?.(pb.key)).not.toBeNull();
    await pauz.accounts.delete(user.id);
    expect(await pdfs.get?.(pb.key)).toBeNull();
    expect(await pdfs.get?.(pj.key)).toBeNull();
  });

  it("never exports someone else's journal", async () => {
    const { pauz, newUser, pdfs } = h();
    const owner = await newUser();
    const intruder = await newUser();
    const session = await pauz.freeJournal.create(owner.id);
    const journal = await pauz.guidedJournals.create(owner.id, { topic: 'money' });
    await expectPauzError(pauz.exports.freeJournal(intruder.id, session.id), 'NOT_FOUND');
    await expectPauzError(pauz.exports.guidedJournal(intruder.id, journal.id), 'NOT_FOUND');
    expect(await pdfs.get?.(`users/${intruder.id}/free-journal-${session.id}.pdf`)).toBeNull();
  });

  it('exports the book under one key per user, a re-export replacing it; deleting a journal or the account deletes it', async () => {
    const { pauz, newUser, pdfs, clock } = h();
    const user = await newUser();
    const other = await newUser();
    clock.set('2026-06-15T12:00:00Z');
    const session = await pauz.freeJournal.create(user.id, { title: 'Evening' });
    await pauz.freeJournal.save(user.id, session.id, { content: 'Quiet evening.', hints: ['What made it quiet?'] });
    const journal = await pauz.guidedJournals.create(user.id, { topic: 'heart', entries: [{ promptId: 5, response: 'Listen more.' }] });
    const first = await pauz.exports.book(user.id, { tz: 'Europe/Paris' });
    expect(first).toMatchObject({ key: `users/${user.id}/book.pdf`, expiresAt: expect.any(String) });
    const stored = await pdfs.get?.(first.key);
    expect(new TextDecoder().decode(stored?.slice(0, 5))).toBe(PDF_MAGIC);
    expect(stored?.byteLength).toBe(first.size);
    // A range without the entries: the same key, a smaller book.
    const empty = await pauz.exports.book(user.id, { from: '2020-01-01', to: '2020-01-31' });
    expect(empty.key).toBe(first.key);
    expect(empty.size).toBeLessThan(first.size);
    expect((await pdfs.get?.(first.key))?.byteLength).toBe(empty.size);
    const theirs = await pauz.exports.book(other.id);
    expect(theirs.key).toBe(`users/${other.id}/book.pdf`);

    await pauz.exports.book(user.id);
    await pauz.guidedJournals.delete(user.id, journal.id);
    expect(await pdfs.get?.(first.key)).toBeNull();
    await pauz.exports.book(user.id);
    await pauz.freeJournal.delete(user.id, session.id);
    expect(await pdfs.get?.(first.key)).toBeNull();
    await pauz.exports.book(user.id);
    await pauz.accounts.delete(user.id);
    expect(await pdfs.get?.(first.key)).toBeNull();
    expect(await pdfs.get?.(theirs.key)).not.toBeNull();
  });

  it('refuses a bad book request naming the field, and a book past limits.bookPages', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const field = async (input: Record<string, unknown>): Promise<string | undefined> =>
      (await expectPauzError(pauz.exports.book(user.id, input), 'VALIDATION_FAILED')).errors[0]?.field;
    expect(await field({ tz: 'Nowhere/Special' })).toBe('tz');
    expect(await field({ from: '2026-06-02', to: '2026-06-01' })).toBe('from');
    expect(await field({ to: 'yesterday' })).toBe('to');
    const limited = harnessFor(h().db, { limits: { bookPages: 2 } });
    const small = await limited.newUser();
    for (const title of ['one', 'two', 'three']) await limited.pauz.freeJournal.create(small.id, { title });
    const error = await expectPauzError(limited.pauz.exports.book(small.id), 'PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('limits.bookPages');
    expect(await limited.pdfs.get?.(`users/${small.id}/book.pdf`)).toBeNull();
  });

  it('answers a guided-journal bucket failure while typesetting the book with SMARTBUCKET_FAILED, the previous book kept', async () => {
    const { pauz, newUser, pdfs, buckets } = h();
    const user = await newUser();
    await pauz.freeJournal.create(user.id, { title: 'before the guided one' });
    await pauz.guidedJournals.create(user.id, { topic: 'joy', entries: [{ promptId: 1, response: 'Dancing.' }] });
    const kept = await pauz.exports.book(user.id);
    const bytes = await pdfs.get?.(kept.key);
    buckets.guidedJournals.failNext('get');
    await expectPauzError(pauz.exports.book(user.id), 'SMARTBUCKET_FAILED');
    expect(await pdfs.get?.(kept.key)).toEqual(bytes);
    const aborted = new AbortController();
    aborted.abort(new Error('the client went away'));
    await expectPauzError(pauz.exports.book(user.id, {}, { signal: aborted.signal }), 'ABORTED');
    expect(await pdfs.get?.(kept.key)).toEqual(bytes);
  });
}
