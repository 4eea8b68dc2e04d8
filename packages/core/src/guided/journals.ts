import type { GuidedJournal, GuidedJournalPreview } from './types.js';
import {
  type CreateGuidedJournalInput,
  createGuidedJournalInputSchema,
  type GuidedEntry,
  guidedPromptsInputSchema,
  type ListGuidedJournalsQuery,
  listGuidedJournalsQuerySchema,
  type UpdateGuidedJournalInput,
  updateGuidedJournalInputSchema,
} from './schemas.js';
import { type GuidedPrompt, type GuidedTopic, type GuidedTopicInfo, listGuidedTopics } from './topics.js';
import type { GuidedPromptsResult } from '../ai/types.js';
import { nowIso, type PauzContext } from '../context.js';
import type { GuidedJournalsTable, PauzDatabase } from '../db/schema.js';
import { isPauzError, PauzError, notFound } from '../errors.js';
import { previewOf } from '../free-journal/text.js';
import { afterCursor, type Page, toPage } from '../paging.js';
import { DOCUMENT_CONTENT_TYPE, objectKeys } from '../storage/buckets.js';
import { putThenIndex, removeQuietly, requireObject } from '../storage/write-rule.js';
import { type CallOptions, throwIfAborted } from '../upstream.js';
import { assertId, parseInput } from '../validation.js';
import { holds, guardedInsert, liveUser } from '../db/live-owner.js';
import { eraseFreedSpace } from '../db/erase.js';
import { atomicBatch, changedRows } from '../db/atomic.js';
import { type SqlBool, sql } from 'kysely';
import { guidedEntry } from '../search/entries.js';
import { searchIndexStatements, searchRemoveStatements } from '../search/index-rows.js';

/** The journal's row while it points at `key`: proof, inside a batch, that this write's row landed. */
function pointsAt(db: PauzDatabase, journalId: string, key: string) {
  return sql<SqlBool>`exists ${db.selectFrom('pauz_guided_journals').select('id').where('id', '=', journalId).where('object_key', '=', key)}`;
}

interface StoredGuidedJournal extends GuidedJournal {
  userId: string;
}

/** @internal The preview of a journal's index row. */
export function previewText(prompts: GuidedPrompt[], entries: GuidedEntry[]): string {
  const answered = [...entries].sort((a, b) => a.promptId - b.promptId).find((e) => e.response.trim() !== '');
  return previewOf(answered?.response ?? prompts[0]?.text ?? '');
}

/** @internal Prompts with a non-empty answer. */
export function answeredCount(entries: GuidedEntry[]): number {
  return entries.filter((e) => e.response.trim() !== '').length;
}

function toPreview(row: Omit<GuidedJournalsTable, 'user_id' | 'object_key' | 'version'>): GuidedJournalPreview {
  return {
    id: row.id,
    topic: row.topic as GuidedTopic,
    entryCount: Number(row.entry_count),
    promptCount: Number(row.prompt_count),
    preview: row.preview,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function publicJournal(doc: StoredGuidedJournal): GuidedJournal {
  const { userId: _owner, ...journal } = doc;
  return journal;
}

/**
 * Guided journals: the complete document lives in the `guided-journals` bucket (one
 * object per version), an index row in SQL serves lists, counts and ownership.
 * Every method that reaches the Writer or the bucket takes `{ signal }` last; an
 * abort fails it with `ABORTED` and never leaves a document without its row or a
 * row pointing at a document not written (the write rule).
 *
 * @category Services
 */
export class GuidedJournals {
  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext): GuidedJournals {
    return new GuidedJournals(ctx);
  }

  private constructor(private readonly ctx: PauzContext) {}

  /** The ten topics with their descriptions and aspects. */
  topics(): GuidedTopicInfo[] {
    return listGuidedTopics();
  }

  /** Nine prompts for `topic` from the Writer, three per section. */
  async prompts(input: { topic: string }, options: CallOptions = {}): Promise<GuidedPromptsResult> {
    const { topic } = parseInput(guidedPromptsInputSchema, input, 'prompts request');
    return this.ctx.writer.guidedPrompts({ topic, signal: options.signal });
  }

  /** Creates a journal; without `prompts` the Writer proposes them. */
  async create(userId: string, input: CreateGuidedJournalInput, options: CallOptions = {}): Promise<GuidedJournal> {
    const parsed = parseInput(createGuidedJournalInputSchema, input, 'guided journal');
    const prompts = parsed.prompts ?? (await this.ctx.writer.guidedPrompts({ topic: parsed.topic, signal: options.signal })).prompts;
    const now = nowIso(this.ctx);
    const doc: StoredGuidedJournal = {
      id: this.ctx.ids(),
      userId,
      topic: parsed.topic,
      prompts,
      entries: parsed.entries ?? [],
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const key = objectKeys.journal(userId, doc.id, 1);
    const put = { contentType: DOCUMENT_CONTENT_TYPE, signal: options.signal };
    const { db } = this.ctx;
    // The row only while the account is live: a create racing an account deletion leaves nothing.
    await putThenIndex(this.ctx.buckets.guidedJournals, key, JSON.stringify(doc), put, async () => {
      const row = {
        id: doc.id,
        user_id: userId,
        object_key: key,
        topic: doc.topic,
        preview: previewText(doc.prompts, doc.entries),
        entry_count: answeredCount(doc.entries),
        prompt_count: doc.prompts.length,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      const [insert] = await atomicBatch(db, [
        guardedInsert(db, 'pauz_guided_journals', row, liveUser(db, userId)),
        ...searchIndexStatements(db, guidedEntry(userId, doc), pointsAt(db, doc.id, key)),
      ]);
      if (changedRows(insert) !== 1) throw notFound('User');
    }, this.ctx.logger, { what: 'User', live: () => holds(db, liveUser(db, userId)) });
    return publicJournal(doc);
  }

  /** One journal, read from its bucket document; `NOT_FOUND` when missing or not the user's. */
  async get(userId: string, journalId: string, options: CallOptions = {}): Promise<GuidedJournal> {
    return publicJournal((await this.#current(userId, journalId, options)).doc);
  }

  /** The user's journals, newest first, paged, optionally of one topic — from SQL alone. */
  async list(userId: string, query: ListGuidedJournalsQuery = {}): Promise<Page<GuidedJournalPreview>> {
    const { limit, cursor, topic } = parseInput(listGuidedJournalsQuerySchema, query, 'query');
    let select = this.ctx.db
      .selectFrom('pauz_guided_journals')
      .select(['id', 'topic', 'entry_count', 'prompt_count', 'preview', 'created_at', 'updated_at'])
      .where('user_id', '=', userId);
    if (topic !== undefined) select = select.where('topic', '=', topic);
    if (cursor !== undefined) select = select.where(afterCursor(cursor));
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, toPreview);
  }

  /**
   * Replaces the given fields and writes the whole document back to the bucket as a
   * new version. `baseVersion` mismatch → `VERSION_CONFLICT` with the current version;
   * of concurrent updates of one version exactly one wins.
   */
  async update(userId: string, journalId: string, input: UpdateGuidedJournalInput, options: CallOptions = {}): Promise<GuidedJournal> {
    const parsed = parseInput(updateGuidedJournalInputSchema, input, 'guided journal');
    const { row, doc: current } = await this.#current(userId, journalId, options);
    if (parsed.baseVersion !== undefined && parsed.baseVersion !== row.version) throw conflict(row.version);
    const next: StoredGuidedJournal = {
      ...current,
      topic: parsed.topic ?? current.topic,
      prompts: parsed.prompts ?? current.prompts,
      entries: parsed.entries ?? current.entries,
      version: row.version + 1,
      updatedAt: nowIso(this.ctx),
    };
    const key = objectKeys.journal(userId, journalId, next.version);
    const put = { contentType: DOCUMENT_CONTENT_TYPE, signal: options.signal };
    const updated = await putThenIndex(this.ctx.buckets.guidedJournals, key, JSON.stringify(next), put, async () => {
      const { db } = this.ctx;
      const update = db
        .updateTable('pauz_guided_journals')
        .set({
          object_key: key,
          topic: next.topic,
          preview: previewText(next.prompts, next.entries),
          entry_count: answeredCount(next.entries),
          prompt_count: next.prompts.length,
          version: next.version,
          updated_at: next.updatedAt,
        })
        .where('id', '=', journalId)
        .where('user_id', '=', userId)
        .where('version', '=', row.version)
        // Never for an account being deleted: its objects may be swept already.
        .where(liveUser(db, userId));
      const [result] = await atomicBatch(db, [update, ...searchIndexStatements(db, guidedEntry(userId, next), pointsAt(db, journalId, key))]);
      if (changedRows(result) !== 1) throw conflict((await this.#row(userId, journalId)).version);
      return next;
    }, this.ctx.logger, { what: 'Guided journal', live: () => holds(this.ctx.db, liveUser(this.ctx.db, userId)) });
    await removeQuietly(this.ctx.buckets.guidedJournals, [row.object_key], this.ctx.logger);
    return publicJournal(updated);
  }

  /** Resolves when the journal exists and is the user's; `NOT_FOUND` otherwise. No bucket read. */
  async exists(userId: string, journalId: string): Promise<void> {
    await this.#row(userId, journalId);
  }

  /**
   * Deletes the journal's PDF, its document and its index row, and the user's book,
   * which may print it. `signal` is checked once, before anything is removed; a
   * delete under way runs to its end.
   */
  async delete(userId: string, journalId: string, options: CallOptions = {}): Promise<void> {
    const row = await this.#row(userId, journalId);
    throwIfAborted(options.signal, `Deleting guided journal ${journalId}`);
    await this.ctx.pdfs.delete(objectKeys.guidedJournalPdf(userId, journalId));
    await this.ctx.pdfs.delete(objectKeys.bookPdf(userId));
    await this.ctx.buckets.guidedJournals.delete(row.object_key);
    const { db } = this.ctx;
    await atomicBatch(db, [
      ...searchRemoveStatements(db, { userId, kind: 'guided', itemIds: [journalId] }),
      db.deleteFrom('pauz_guided_journals').where('id', '=', journalId).where('user_id', '=', userId),
    ]);
    // SQLite: the WAL still holds the deleted pages (the answers' index tokens) until a checkpoint.
    await eraseFreedSpace(this.ctx);
  }

  async #row(userId: string, journalId: string): Promise<GuidedJournalsTable> {
    assertId(journalId, 'Guided journal');
    const row = await this.ctx.db
      .selectFrom('pauz_guided_journals')
      .selectAll()
      .where('id', '=', journalId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('Guided journal');
    return { ...row, version: Number(row.version) };
  }

  /**
   * The index row and the document it points at. A concurrent update may replace the
   * document between the two reads; then the row has moved on and is read again.
   */
  async #current(userId: string, journalId: string, options: CallOptions): Promise<{ row: GuidedJournalsTable; doc: StoredGuidedJournal }> {
    for (let attempt = 1; ; attempt++) {
      const row = await this.#row(userId, journalId);
      try {
        return { row, doc: await this.#read(row, options) };
      } catch (error) {
        if (isPauzError(error, 'ABORTED')) throw error;
        const moved = (await this.#row(userId, journalId)).object_key !== row.object_key;
        if (!moved || attempt >= 5) throw error;
      }
    }
  }

  async #read(row: GuidedJournalsTable, options: CallOptions): Promise<StoredGuidedJournal> {
    const object = await requireObject(this.ctx.buckets.guidedJournals, row.object_key, options);
    const doc = await object.json<StoredGuidedJournal>();
    if (doc.id !== row.id || doc.userId !== row.user_id) {
      throw new PauzError('SMARTBUCKET_FAILED', `SmartBucket get ${this.ctx.buckets.guidedJournals.name}/${row.object_key}: the object belongs to another journal`);
    }
    return doc;
  }
}

function conflict(currentVersion: number): PauzError {
  return new PauzError('VERSION_CONFLICT', `The journal has changed; it is now at version ${currentVersion}`, {
    details: { currentVersion },
  });
}
