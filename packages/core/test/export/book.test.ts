import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPauz, type Pauz, memoryPdfStore, type PdfStore } from '../../src/index.js';
import { memoryBuckets } from '../../src/storage/memory.js';
import { expectPauzError, manualClock, openTempSqliteDatabase, type OpenedDatabase, TEST_PASSWORD_HASHER } from '../../src/testing/index.js';
import { openPostgresSchema, postgresSkipReason } from '../postgres.js';
import { CJK_FONT_PATH, cjkFontMissing, pdfinfo, pdftotext, popplerMissing } from '../pdf/poppler.js';

/*
 * The book (POST /export/book) read back with poppler: the table of contents points
 * at the page each entry really starts on, whatever the number of entries, their
 * length and their script; the range is taken in the user's time zone; nobody
 * else's writing gets in; the limit is enforced before anything is stored.
 */

const clock = manualClock('2026-01-01T08:00:00Z');
let opened: OpenedDatabase;
let pauz: Pauz;
let pdfs: PdfStore & { get(key: string): Promise<Uint8Array | null> };

/** Opens `open()`'s database (SQLite first, then PostgreSQL) for the tests of one describe block. */
function onDatabase(open: () => Promise<OpenedDatabase>): void {
  beforeAll(async () => {
    opened = await open();
    pdfs = memoryPdfStore({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1:9', clock }) as typeof pdfs;
    pauz = createPauz({
      db: opened.db,
      buckets: memoryBuckets({ clock }),
      pdfs,
      clock,
      passwordHasher: TEST_PASSWORD_HASHER,
      pdf: cjkFontMissing ? {} : { fallbackFonts: [{ bytes: readFileSync(CJK_FONT_PATH) }] },
    });
    await pauz.migrate();
  });
  afterAll(() => opened.close());
}

async function newUser(name: string): Promise<string> {
  const { user } = await pauz.accounts.register({ email: `${crypto.randomUUID()}@example.com`, password: 'correct horse battery', name });
  return user.id;
}

async function bookPdf(key: string): Promise<Uint8Array> {
  const bytes = await pdfs.get(key);
  if (bytes === null) throw new Error(`no PDF at ${key}`);
  return bytes;
}

/** The pages of the PDF as `pdftotext -layout` lays them out. */
async function pages(bytes: Uint8Array): Promise<string[]> {
  const text = await pdftotext(bytes, '-layout');
  return text.split('\f').slice(0, -1);
}

const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The table-of-contents lines: `date  title ...... page`. */
function contentsLines(pageTexts: readonly string[]): Array<{ line: string; title: string; page: number }> {
  const lines = [];
  for (const text of pageTexts) {
    for (const raw of text.split('\n')) {
      const m = /^\s*(\d{1,2} \w{3} \d{4})\s+(.+?)(?:\s*\.{2,})?\s+(\d+)\s*$/.exec(raw);
      if (m !== null) lines.push({ line: raw, title: m[2]!.trim(), page: Number(m[3]) });
    }
  }
  return lines;
}

describe.skipIf(popplerMissing)('the book, read back with poppler', () => {
  onDatabase(openTempSqliteDatabase);
  it('points every table-of-contents line at the page its entry starts on: 300 entries, long ones, CJK and accents', async () => {
    const userId = await newUser('Zoë Ångström');
    clock.set('2025-03-01T09:00:00Z');
    const titles: string[] = [];
    for (let i = 0; i < 300; i++) {
      clock.advance(3_600_000 * 7);
      if (i % 25 === 7) {
        const journal = await pauz.guidedJournals.create(userId, {
          topic: 'heart',
          entries: [{ promptId: 1, response: `Guided answer ${i}: déjà vu, 今日は良い日でした。` }],
        });
        titles.push(`Guided journal: Heart`);
        expect(journal.id).toBeTruthy();
        continue;
      }
      const title =
        i % 3 === 0 ? `Entrée ${i} — café, naïve façade` : i % 3 === 1 ? `日記 ${i} 東京の朝と雨` : `Entry ${i} by the river ${'and further along '.repeat(i % 7 === 0 ? 6 : 0)}`.trim();
      const session = await pauz.freeJournal.create(userId, { title });
      const long = i % 20 === 0;
      const content = long
        ? Array.from({ length: 60 }, (_, p) => `Paragraph ${p} of entry ${i}. ${'Walked to the river and watched the light on the water. '.repeat(6)}`).join('\n\n')
        : `Short entry ${i}. Crème brûlée, Šťastný, Ελληνικά, 中文字符 ${i}.`;
      await pauz.freeJournal.save(userId, session.id, { content, hints: i % 4 === 0 ? [`Hint for ${i}?`] : [] });
      titles.push(title);
    }
    const exported = await pauz.exports.book(userId, { tz: 'Europe/Paris' });
    expect(exported.key).toBe(`users/${userId}/book.pdf`);
    const bytes = await bookPdf(exported.key);
    expect(bytes.byteLength).toBe(exported.size);
    const pageTexts = await pages(bytes);
    if (process.env.PAUZ_BOOK_DUMP) (await import('node:fs')).writeFileSync(process.env.PAUZ_BOOK_DUMP, bytes);
    expect(Number((await pdfinfo(bytes)).Pages)).toBe(pageTexts.length);

    // The title page: name, range, count.
    expect(flat(pageTexts[0]!)).toContain('Zoë Ångström');
    expect(flat(pageTexts[0]!)).toContain('Journal · All entries');
    expect(flat(pageTexts[0]!)).toContain('300 entries');

    const toc = contentsLines(pageTexts);
    expect(toc).toHaveLength(300);
    // The table takes several pages, and the first entry follows it.
    const tocPages = new Set(pageTexts.flatMap((text, i) => (contentsLines([text]).length > 0 ? [i + 1] : [])));
    expect(tocPages.size).toBeGreaterThanOrEqual(5);
    expect(toc[0]!.page).toBe(Math.max(...tocPages) + 1);
    for (const [i, entry] of toc.entries()) {
      const expected = titles[i]!;
      // A title too long for one line ends in … in the table; the entry's page starts with the whole of it.
      const shown = entry.title.replace(/…$/, '');
      expect(expected.startsWith(shown), `${entry.line} / ${expected}`).toBe(true);
      const page = flat(pageTexts[entry.page - 1] ?? '');
      expect(page.startsWith(flat(expected)), `line ${i + 1} "${entry.line.trim()}": page ${entry.page} starts "${page.slice(0, 60)}"`).toBe(true);
      if (i > 0) expect(entry.page).toBeGreaterThan(toc[i - 1]!.page);
    }
    // Long entries span several pages; the last entry runs to the last page.
    const longest = Math.max(...toc.slice(1).map((e, i) => e.page - toc[i]!.page));
    expect(longest).toBeGreaterThanOrEqual(3);
    // Accents and CJK come back out of the table and of the entries.
    expect(toc.some((e) => e.title.startsWith('Entrée 3 — café, naïve façade'))).toBe(true);
    if (!cjkFontMissing) expect(toc.some((e) => e.title.startsWith('日記 1 東京の朝と雨'))).toBe(true);
    expect(flat(pageTexts[toc[4]!.page - 1]!)).toContain('Short entry 4. Crème brûlée, Šťastný, Ελληνικά');
    expect(flat(pageTexts[toc[4]!.page - 1]!)).toContain('Hint for 4?');
    expect(flat(pageTexts[toc[7]!.page - 1]!)).toContain('Guided answer 7: déjà vu');

    // pdftotext -f N -l N agrees page by page, for a sample of the table.
    for (const entry of [toc[0]!, toc[137]!, toc[299]!]) {
      const single = flat(await pdftotext(bytes, '-f', String(entry.page), '-l', String(entry.page)));
      expect(single.startsWith(flat(titles[toc.indexOf(entry)]!))).toBe(true);
    }
    expect(flat(pageTexts.at(-1)!)).toContain(`Page ${pageTexts.length} of ${pageTexts.length}`);
  }, 120_000);
});

for (const [name, open, skip] of [
  ['sqlite', openTempSqliteDatabase, false],
  ['postgres', openPostgresSchema, postgresSkipReason()],
] as const) {
  describe.skipIf(skip)(`the book on ${name}: range, order, validation, limits`, () => {
    onDatabase(open);
    it('takes from and to as local days of tz, oldest first across both kinds', async () => {
      const userId = await newUser('Ada');
      const at = async (instant: string, title: string, kind: 'free' | 'guided' = 'free'): Promise<void> => {
        clock.set(instant);
        if (kind === 'free') await pauz.freeJournal.create(userId, { title });
        else await pauz.guidedJournals.create(userId, { topic: 'joy' });
      };
      // Paris is UTC+1 in March: 2026-03-01 there runs from 2026-02-28T23:00Z to 2026-03-01T23:00Z.
      await at('2026-02-28T22:59:59.999Z', 'before the range');
      await at('2026-02-28T23:00:00.000Z', 'first of the range');
      await at('2026-03-01T12:00:00.000Z', 'a guided one', 'guided');
      await at('2026-03-02T22:59:59.999Z', 'last of the range');
      await at('2026-03-02T23:00:00.000Z', 'after the range');
      const exported = await pauz.exports.book(userId, { from: '2026-03-01', to: '2026-03-02', tz: 'Europe/Paris' });
      if (popplerMissing) return;
      const text = flat(await pdftotext(await bookPdf(exported.key), '-layout'));
      expect(text).toContain('3 entries');
      expect(text).toContain('1 March 2026 – 2 March 2026');
      expect(text).not.toContain('before the range');
      expect(text).not.toContain('after the range');
      const order = ['first of the range', 'Guided journal: Joy', 'last of the range'].map((t) => text.lastIndexOf(t));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(Math.min(...order)).toBeGreaterThan(0);
    });

    it('makes a one-page book saying so for a range without entries', async () => {
      const userId = await newUser('Nobody Yet');
      const exported = await pauz.exports.book(userId, { from: '2020-01-01', to: '2020-12-31' });
      const bytes = await bookPdf(exported.key);
      expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
      if (popplerMissing) return;
      expect(Number((await pdfinfo(bytes)).Pages)).toBe(1);
      expect(flat(await pdftotext(bytes))).toContain('There are no journal entries in this range.');
    });

    it('refuses bad input naming the field, and stores nothing', async () => {
      const userId = await newUser('Bad Input');
      const fields = async (input: unknown): Promise<string[]> =>
        (await expectPauzError(pauz.exports.book(userId, input as never), 'VALIDATION_FAILED')).errors.map((e) => e.field);
      expect(await fields({ tz: 'Mars/Olympus' })).toEqual(['tz']);
      expect(await fields({ from: '2026-02-30' })).toEqual(['from']);
      expect(await fields({ to: '2026-3-1' })).toEqual(['to']);
      expect(await fields({ from: '2026-03-02', to: '2026-03-01' })).toEqual(['from']);
      expect(await fields({ locale: 'not a locale!' })).toEqual(['locale']);
      expect(await fields({ timeZone: 'UTC' })).toEqual(['(body)']);
      expect(await pdfs.get(`users/${userId}/book.pdf`)).toBeNull();
    });

    it("never prints another user's writing", async () => {
      const mine = await newUser('Me');
      const theirs = await newUser('Them');
      clock.set('2026-05-01T10:00:00Z');
      await pauz.freeJournal.create(mine, { title: 'my own words' });
      await pauz.freeJournal.save(mine, (await pauz.freeJournal.list(mine)).items[0]!.id, { content: 'mine only' });
      await pauz.freeJournal.create(theirs, { title: 'their secret words' });
      await pauz.guidedJournals.create(theirs, { topic: 'money', entries: [{ promptId: 1, response: 'their secret answer' }] });
      const exported = await pauz.exports.book(mine);
      expect(exported.key).toBe(`users/${mine}/book.pdf`);
      if (popplerMissing) return;
      const text = flat(await pdftotext(await bookPdf(exported.key)));
      expect(text).toContain('my own words');
      expect(text).toContain('1 entry');
      expect(text).not.toContain('secret');
      expect(text).not.toContain('Money');
    });

    it('is refused past limits.bookPages (413 naming it) before or while typesetting, the old book kept', async () => {
      const limited = createPauz({
        db: opened.db,
        buckets: memoryBuckets({ clock }),
        pdfs,
        clock,
        passwordHasher: TEST_PASSWORD_HASHER,
        limits: { bookPages: 4 },
      });
      const { user } = await limited.accounts.register({ email: `${crypto.randomUUID()}@example.com`, password: 'correct horse battery' });
      const session = await limited.freeJournal.create(user.id, { title: 'one' });
      const kept = await limited.exports.book(user.id);
      const before = await bookPdf(kept.key);
      // Too long while typesetting: one entry of many pages.
      await limited.freeJournal.save(user.id, session.id, { content: 'A line of text that goes on. '.repeat(2_000) });
      const typeset = await expectPauzError(limited.exports.book(user.id), 'PAYLOAD_TOO_LARGE');
      expect(typeset.message).toContain('limits.bookPages');
      expect(await bookPdf(kept.key)).toEqual(before);
      // Too many entries: refused from the count, before typesetting.
      await limited.freeJournal.save(user.id, session.id, { content: 'short again' });
      for (let i = 0; i < 4; i++) await limited.freeJournal.create(user.id, { title: `more ${i}` });
      const counted = await expectPauzError(limited.exports.book(user.id), 'PAYLOAD_TOO_LARGE');
      expect(counted.message).toContain('4 pages (limits.bookPages)');
      expect(await bookPdf(kept.key)).toEqual(before);
    });
  });
}
