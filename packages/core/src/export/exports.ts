import * as z from 'zod';
import type { PauzContext } from '../context.js';
import { timeZoneSchema } from '../dates.js';
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
import { notFound } from '../errors.js';

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
  locale: z
    .string()
    .max(35)
    .refine((tag) => {
      try {
        return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
      } catch {
        return false;
      }
    }, 'must be a supported BCP 47 locale')
    .optional(),
});

/**
 * Input of the exports.
 *
 * @category Schemas
 */
export type ExportInput = z.input<typeof exportInputSchema>;


/**
 * PDF exports of both journal kinds into the PdfStore. `signal` reaches the bucket
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
    const { items } = await this.hints.list(userId, sessionId, options);
    const doc = freeJournalPdfDocument({
      ...dates,
      title: session.title,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      mood: session.mood,
      content: session.content,
      hints: items.map((h) => h.text),
      author: await this.#author(userId),
    });
    return this.#store(userId, objectKeys.freeJournalPdf(userId, sessionId), doc, () => this.sessions.get(userId, sessionId), options);
  }

  /** Renders a guided journal (topic, then each section's prompts with their answers) and stores it. */
  async guidedJournal(userId: string, journalId: string, input: ExportInput = {}, options: CallOptions = {}): Promise<PdfExport> {
    const dates = parseInput(exportInputSchema, input, 'export request');
    const journal = await this.guided.get(userId, journalId, options);
    const doc = guidedJournalPdfDocument({
      ...dates,
      topic: journal.topic,
      prompts: journal.prompts.map((p) => ({ id: String(p.id), section: p.section, text: p.text })),
      entries: journal.entries.map((e) => ({ promptId: String(e.promptId), response: e.response })),
      createdAt: journal.createdAt,
      updatedAt: journal.updatedAt,
      author: await this.#author(userId),
    });
    return this.#store(userId, objectKeys.guidedJournalPdf(userId, journalId), doc, () => this.guided.exists(userId, journalId), options);
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
  async #store(userId: string, key: string, doc: JournalPdfDocument, stillThere: () => Promise<unknown>, options: CallOptions): Promise<PdfExport> {
    // Rendering takes a while: a client gone before or during it needs neither it nor the upload.
    const what = `PDF export ${key}`;
    throwIfAborted(options.signal, what);
    const bytes = await renderJournalPdf(doc, this.ctx.pdfOptions);
    throwIfAborted(options.signal, what);
    const { size } = await this.ctx.pdfs.put(key, bytes, options);
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
    const { url, expiresAt } = await this.ctx.pdfs.url(key, options);
    return { url, key, expiresAt, size };
  }
}
