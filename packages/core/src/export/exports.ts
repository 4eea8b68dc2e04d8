import * as z from 'zod';
import type { PauzContext } from '../context.js';
import { localDayRange, timeZoneSchema } from '../dates.js';
import type { FreeJournal } from '../free-journal/free-journal.js';
import type { GuidedJournals } from '../guided/journals.js';
import type { Hints } from '../hints/hints.js';
import { freeJournalPdfDocument } from '../pdf/builders/free-journal.js';
import { guidedJournalPdfDocument } from '../pdf/builders/guided-journal.js';
import type { JournalPdfDocument } from '../pdf/document.js';
import { renderJournalPdf } from '../pdf/render.js';
import { objectKeys } from '../storage/buckets.js';
import { type CallOptions, throwIfAborted } from '../upstream.js';
import { parseInput } from '../validation.js';
import { holds, liveUser } from '../db/live-owner.js';
import { isPauzError, notFound } from '../errors.js';
import type { FreeJournalSession } from '../free-journal/types.js';
import type { GuidedJournal } from '../guided/types.js';
import { type JournalPdfBookEntry, renderJournalPdfBook } from '../pdf/book.js';
import type { PdfDateOptions } from '../pdf/builders/dates.js';
import {
  type BookExportInput,
  bookCover,
  bookExportInputSchema,
  bookRows,
  bookTooLong,
  contentsDate,
  countBookRows,
  pdfLocaleSchema,
  unlessDeleted,
} from './book.js';

/**
 * What an export answers: where to download the PDF.
 *
 * @category Domain
 */
export interface PdfExport {
  /** The download link: presigned and expiring, or permanent in `public` mode. */
  url: string;
  /** The stable key of the journal's PDF; a re-export replaces it. */
  key: string;
  /** When `url` stops working; `null` for a permanent public URL. */
  expiresAt: string | null;
  /** Size of the PDF in bytes. */
  size: number;
}

/**
 * Input of the exports: how dates are written in the PDF.
 *
 * @category Schemas
 */
export const exportInputSchema = z.strictObject({
  /** IANA time zone of the dates in the PDF. Default UTC. */
  timeZone: timeZoneSchema.optional(),
  /** BCP 47 locale of the dates in the PDF, for example `fr-FR`. Default `en-GB`. */
  locale: pdfLocaleSchema.optional(),
});

/**
 * Input of the exports.
 *
 * @category Schemas
 */
export type ExportInput = z.input<typeof exportInputSchema>;


/**
 * PDF exports into the PdfStore: one journal of either kind, or the book of them all. `signal` reaches the bucket
 * reads, is checked before and after rendering, and reaches the PDF put and the link;
 * an aborted export fails with `ABORTED` and at most replaces the journal's PDF
 * (under its stable key, which a re-export replaces anyway).
 *
 * @category Services
 */
export class Exports {
  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext, sessions: FreeJournal, hints: Hints, guided: GuidedJournals): Exports {
    return new Exports(ctx, sessions, hints, guided);
  }

  private constructor(
    private readonly ctx: PauzContext,
    private readonly sessions: FreeJournal,
    private readonly hints: Hints,
    private readonly guided: GuidedJournals,
  ) {}

  /** Renders a free-journal session (title, date, mood, content, hints) and stores it. */
  async freeJournal(userId: string, sessionId: string, input: ExportInput = {}, options: CallOptions = {}): Promise<PdfExport> {
    const dates = parseInput(exportInputSchema, input, 'export request');
    const session = await this.sessions.get(userId, sessionId);
    const doc = await this.#freeDocument(userId, session, dates, await this.#author(userId), options);
    const key = objectKeys.freeJournalPdf(userId, sessionId);
    return this.#store(userId, key, () => renderJournalPdf(doc, this.ctx.pdfOptions), () => this.sessions.get(userId, sessionId), options);
  }

  /** Renders a guided journal (topic, then each section's prompts with their answers) and stores it. */
  async guidedJournal(userId: string, journalId: string, input: ExportInput = {}, options: CallOptions = {}): Promise<PdfExport> {
    const dates = parseInput(exportInputSchema, input, 'export request');
    const doc = this.#guidedDocument(await this.guided.get(userId, journalId, options), dates, await this.#author(userId));
    const key = objectKeys.guidedJournalPdf(userId, journalId);
    return this.#store(userId, key, () => renderJournalPdf(doc, this.ctx.pdfOptions), () => this.guided.exists(userId, journalId), options);
  }

  /**
   * Renders the book of the user's writing and stores it under one key per user
   * (`users/<id>/book.pdf`; a re-export replaces it): a title page (name, range,
   * entry count), a table of contents with the page each entry starts on, then every
   * free and guided journal created from the local day `from` to the local day `to`
   * (both inclusive, in `tz`; default the whole history), oldest first, each from a
   * new page and printed as its own export prints it. An empty range makes a book of
   * its title page saying there are no entries.
   *
   * Memory stays bounded by the PDF itself: the journals are listed a page of ids at
   * a time and each is read (its hints, or its guided-journal document from the
   * bucket) only when it is typeset. A book longer than `limits.bookPages` pages
   * (more journals than that is known before typesetting) is `PAYLOAD_TOO_LARGE`,
   * and nothing is stored. A journal deleted while the book is typeset is left out.
   */
  async book(userId: string, input: BookExportInput = {}, options: CallOptions = {}): Promise<PdfExport> {
    const parsed = parseInput(bookExportInputSchema, input, 'book export request');
    const dates = { timeZone: parsed.tz ?? 'UTC', locale: parsed.locale ?? 'en-GB' };
    const range = localDayRange(parsed.from, parsed.to, dates.timeZone);
    const maxPages = this.ctx.limits.bookPages;
    if ((await countBookRows(this.ctx.db, userId, range)) > maxPages) throw bookTooLong(maxPages);
    const author = await this.#author(userId);
    const entries = this.#bookEntries(userId, range, dates, author, options);
    const render = async (): Promise<Uint8Array> => {
      try {
        const book = await renderJournalPdfBook(
          {
            cover: (count) => bookCover(author, parsed.from, parsed.to, dates.locale, count),
            metadata: { title: `${author}: journal`, author, subject: 'Journal book', creationDate: this.ctx.clock.now() },
            entries,
          },
          { ...this.ctx.pdfOptions, maxPages },
        );
        return book.bytes;
      } catch (error) {
        throw isPauzError(error, 'PAYLOAD_TOO_LARGE') ? bookTooLong(maxPages) : error;
      }
    };
    return this.#store(userId, objectKeys.bookPdf(userId), render, async () => {}, options);
  }

  /** The book's entries, each read when the renderer asks for it. */
  async *#bookEntries(
    userId: string,
    range: ReturnType<typeof localDayRange>,
    dates: Required<PdfDateOptions>,
    author: string,
    options: CallOptions,
  ): AsyncGenerator<JournalPdfBookEntry> {
    for await (const row of bookRows(this.ctx.db, userId, range)) {
      throwIfAborted(options.signal, `PDF export ${objectKeys.bookPdf(userId)}`);
      const document =
        row.kind === 'free'
          ? await unlessDeleted(async () => this.#freeDocument(userId, await this.sessions.get(userId, row.id), dates, author, options))
          : await unlessDeleted(async () => this.#guidedDocument(await this.guided.get(userId, row.id, options), dates, author));
      if (document !== undefined) yield { title: document.title, date: contentsDate(row.created_at, dates), document };
    }
  }

  /** A session as its PDF prints it: title, date, mood, content, hints. */
  async #freeDocument(userId: string, session: FreeJournalSession, dates: PdfDateOptions, author: string, options: CallOptions): Promise<JournalPdfDocument> {
    const { items } = await this.hints.list(userId, session.id, options);
    return freeJournalPdfDocument({
      ...dates,
      title: session.title,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      mood: session.mood,
      content: session.content,
      hints: items.map((h) => h.text),
      author,
    });
  }

  /** A guided journal as its PDF prints it: topic, then each section's prompts with their answers. */
  #guidedDocument(journal: GuidedJournal, dates: PdfDateOptions, author: string): JournalPdfDocument {
    return guidedJournalPdfDocument({
      ...dates,
      topic: journal.topic,
      prompts: journal.prompts.map((p) => ({ id: String(p.id), section: p.section, text: p.text })),
      entries: journal.entries.map((e) => ({ promptId: String(e.promptId), response: e.response })),
      createdAt: journal.createdAt,
      updatedAt: journal.updatedAt,
      author,
    });
  }

  async #author(userId: string): Promise<string> {
    const row = await this.ctx.db.selectFrom('pauz_users').select(['name', 'email']).where('id', '=', userId).executeTakeFirst();
    return row?.name || row?.email || 'Pauz';
  }

  /**
   * Stores the PDF, then checks the journal is still there: a delete that ran while
   * the PDF was rendering would otherwise leave a PDF nobody can delete any more. The
   * account must not be being deleted either (its sweep may have run already): then
   * the PDF goes again and the answer is `NOT_FOUND`. A failure to remove the PDF is
   * logged, and the caller still sees why it had to go.
   */
  async #store(userId: string, key: string, render: () => Promise<Uint8Array>, stillThere: () => Promise<unknown>, options: CallOptions): Promise<PdfExport> {
    // Rendering takes a while: a client gone before or during it needs neither it nor the upload.
    const what = `PDF export ${key}`;
    throwIfAborted(options.signal, what);
    const bytes = await render();
    throwIfAborted(options.signal, what);
    const { size, version } = await this.ctx.pdfs.put(key, bytes, options);
    try {
      await stillThere();
      if (!(await holds(this.ctx.db, liveUser(this.ctx.db, userId)))) throw notFound('User');
    } catch (error) {
      try {
        await this.ctx.pdfs.delete(key);
      } catch (removal) {
        this.ctx.logger.error('could not remove a PDF whose journal or account is gone', { key, error: removal });
      }
      throw error;
    }
    // For the bytes put above: a concurrent export of the same key does not make this link serve its file.
    const { url, expiresAt } = await this.ctx.pdfs.url(key, version === undefined ? options : { ...options, version });
    return { url, key, expiresAt, size };
  }
}
