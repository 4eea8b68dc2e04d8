import { type Compilable, type Expression, type SqlBool, sql } from 'kysely';
import type { FreeJournalPreview, FreeJournalSession, OnThisDay, OnThisDayItem } from './types.js';
import {
  type CreateSessionInput,
  createSessionInputSchema,
  type ListSessionsQuery,
  listSessionsQuerySchema,
  onThisDayQuerySchema,
  type OnThisDayQuery,
  type SaveSessionInput,
  saveSessionInputSchema,
} from './schemas.js';
import { countWords, previewOf, searchTextOf } from './text.js';
import { nowIso, type PauzContext } from '../context.js';
import type { FreeSessionsTable, PauzDatabase } from '../db/schema.js';
import { instantRange, localDate } from '../dates.js';
import { isPauzError, PauzError, notFound } from '../errors.js';
import type { Mood } from '../garden/moods.js';
import { afterCursor, type Page, toPage } from '../paging.js';
import { type CallOptions, throwIfAborted } from '../upstream.js';
import { assertContentLength, assertId, parseInput } from '../validation.js';
import { storeHint } from '../hints/hints.js';
import { objectKeys } from '../storage/buckets.js';
import { HotQuery } from '../db/hot-query.js';
import { atomicBatch, changedRows } from '../db/atomic.js';
import { eraseFreedSpace } from '../db/erase.js';
import { freeEntry, indexPending } from '../search/entries.js';
import { searchIndexStatements, searchRemoveStatements } from '../search/index-rows.js';
import { sessionHoldsWords } from '../search/match.js';
import { queryWords } from '../search/normalize.js';

const DEFAULT_TITLE = 'Untitled';
/** The most sessions `onThisDay` answers (the newest). */
const ON_THIS_DAY_MAX = 200;
const ON_THIS_DAY_DAYS_PER_QUERY = 40;

// Enough text for a 160-character preview after white space is collapsed.
const PREVIEW_SOURCE_CHARS = 800;
/** The user's sessions with what a preview needs (the text's head, not all of it). */
const previewsOf = (db: PauzDatabase, userId: string) =>
  db
    .selectFrom('pauz_free_sessions')
    .select(['id', 'title', 'word_count', 'mood', 'created_at', 'updated_at', sql<string>`substr(content, 1, ${PREVIEW_SOURCE_CHARS})`.as('head')])
    .where('user_id', '=', userId);

type PreviewRow = Awaited<ReturnType<ReturnType<typeof previewsOf>['executeTakeFirstOrThrow']>>;

const toPreview = (row: PreviewRow): FreeJournalPreview => ({
  id: row.id,
  title: row.title,
  preview: previewOf(row.head),
  wordCount: Number(row.word_count),
  mood: row.mood as Mood | null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * Conditional updates one write tries before giving up. Each miss means another
 * write landed in between, so with fewer concurrent writers than this every write
 * lands; running out takes a session written to nonstop (a loop, an attack).
 */
const MAX_WRITE_ATTEMPTS = 16;

// The queries of every read and save, compiled once per database.
const sessionById = new HotQuery(2, (db: PauzDatabase, sessionId: string, userId: string) =>
  db
    .selectFrom('pauz_free_sessions')
    .select(['id', 'user_id', 'title', 'content', 'word_count', 'mood', 'version', 'created_at', 'updated_at'])
    .where('id', '=', sessionId)
    .where('user_id', '=', userId),
);

/**
 * The statements that index a session's new text in the batch that writes it: they
 * run only while the session carries `stamp` as its `updated_at` (a marker only
 * this batch's UPDATE sets), then the stamp becomes the time. A write that lost its
 * race (0 rows) indexes nothing.
 */
function indexAtStamp(db: PauzDatabase, userId: string, session: FreeJournalSession, stamp: string): Compilable<unknown>[] {
  const stamped = db.selectFrom('pauz_free_sessions').select('id').where('id', '=', session.id).where('updated_at', '=', stamp);
  return [
    ...searchIndexStatements(db, freeEntry(userId, session), sql<SqlBool>`exists ${stamped}`),
    db.updateTable('pauz_free_sessions').set({ updated_at: session.updatedAt }).where('id', '=', session.id).where('updated_at', '=', stamp),
  ];
}

/** A marker no time stamp can equal (at most 32 characters, the column's size). @internal */
export function writeStamp(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `~write-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** @internal Maps a row to the session the API returns. */
export function toSession(row: Omit<FreeSessionsTable, 'search_text'>): FreeJournalSession {
  return {
    id: row.id,
    title: row.title,
    content: row.content,
    wordCount: Number(row.word_count),
    mood: row.mood as Mood | null,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Free-journal sessions: the text lives in SQL. Every method is scoped to the acting user.
 *
 * @category Services
 */
export class FreeJournal {
  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext): FreeJournal {
    return new FreeJournal(ctx);
  }

  private constructor(private readonly ctx: PauzContext) {}

  /** Starts an empty session (version 1). */
  async create(userId: string, input: CreateSessionInput = {}): Promise<FreeJournalSession> {
    const { title } = parseInput(createSessionInputSchema, input, 'session');
    const now = nowIso(this.ctx);
    const finalTitle = title === undefined || title === '' ? DEFAULT_TITLE : title;
    const row: FreeSessionsTable = {
      id: this.ctx.ids(),
      user_id: userId,
      title: finalTitle,
      content: '',
      search_text: searchTextOf(finalTitle, ''),
      word_count: 0,
      mood: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    const { db } = this.ctx;
    const session = toSession(row);
    await atomicBatch(db, [db.insertInto('pauz_free_sessions').values(row), ...searchIndexStatements(db, freeEntry(userId, session), sql<SqlBool>`1 = 1`)]);
    return session;
  }

  /** One session; `NOT_FOUND` when it does not exist or is not the user's. */
  async get(userId: string, sessionId: string): Promise<FreeJournalSession> {
    return this.#read(this.ctx.db, userId, sessionId);
  }

  async #read(db: PauzDatabase, userId: string, sessionId: string): Promise<FreeJournalSession> {
    assertId(sessionId, 'Session');
    const row = await sessionById.takeFirst(db, sessionId, userId);
    if (row === undefined) throw notFound('Session');
    return toSession(row);
  }

  /**
   * The user's sessions, newest first, in pages. `q` keeps the sessions whose title
   * or content holds every word of it, through the search index (case- and
   * accent-insensitive, as {@link Search.query}; a `q` without letters or digits
   * keeps none), `from`/`to` bound the creation time (inclusive; a bare date covers
   * that UTC day).
   */
  async list(userId: string, query: ListSessionsQuery = {}): Promise<Page<FreeJournalPreview>> {
    const { limit, cursor, q, from, to } = parseInput(listSessionsQuerySchema, query, 'query');
    const { start, end } = instantRange(from, to);
    let select = previewsOf(this.ctx.db, userId);
    if (start !== undefined) select = select.where('created_at', '>=', start);
    if (end !== undefined) select = select.where('created_at', '<', end);
    if (q !== undefined) {
      const words = queryWords(q);
      if (words.length === 0) return { items: [], nextCursor: null };
      await indexPending(this.ctx, userId);
      select = select.where(sessionHoldsWords(this.ctx.db, userId, words));
    }
    if (cursor !== undefined) select = select.where(afterCursor(cursor));
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, toPreview);
  }

  /**
   * Sessions written on the same month and day as `date` in earlier years, in the
   * time zone `tz`, newest first, each with how many `yearsAgo`. An entry of
   * 29 February shows on 28 February in years without one. At most
   * 200 items (the newest).
   */
  async onThisDay(userId: string, query: OnThisDayQuery = {}): Promise<OnThisDay> {
    const parsed = parseInput(onThisDayQuerySchema, query, 'query');
    const tz = parsed.tz ?? 'UTC';
    const date = parsed.date ?? localDate(this.ctx.clock.now(), tz);
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const { db } = this.ctx;
    const first = await db.selectFrom('pauz_free_sessions').select((eb) => eb.fn.min('created_at').as('first')).where('user_id', '=', userId).executeTakeFirst();
    if (first?.first == null) return { date, items: [] };
    // The earliest local year a session can fall in (time zones reach 14 hours either side of UTC).
    const earliest = Number(String(first.first).slice(0, 4)) - 1;
    const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const pad = (n: number): string => String(n).padStart(2, '0');
    const wanted = new Map<string, number>(); // local date → years ago
    for (let y = year - 1; y >= earliest && y >= 1; y--) {
      if (month === 2 && day === 29 && !leap(y)) continue;
      wanted.set(`${String(y).padStart(4, '0')}-${pad(month)}-${pad(day)}`, year - y);
      if (month === 2 && day === 28 && !leap(year) && leap(y)) wanted.set(`${String(y).padStart(4, '0')}-02-29`, year - y);
    }
    const items: OnThisDayItem[] = [];
    const days = [...wanted.keys()];
    // A UTC window around each local day, 2 bound parameters each: 40 a statement stays under D1's 100.
    for (let i = 0; i < days.length; i += ON_THIS_DAY_DAYS_PER_QUERY) {
      const windows = days.slice(i, i + ON_THIS_DAY_DAYS_PER_QUERY).map((d) => {
        const midnight = Date.parse(`${d}T00:00:00Z`);
        return [new Date(midnight - 14 * 3_600_000).toISOString(), new Date(midnight + 36 * 3_600_000).toISOString()] as const;
      });
      const rows = await previewsOf(db, userId)
        .where((eb) => eb.or(windows.map(([start, end]) => eb.and([eb('created_at', '>=', start), eb('created_at', '<', end)]))))
        .execute();
      for (const row of rows) {
        const yearsAgo = wanted.get(localDate(new Date(row.created_at), tz));
        if (yearsAgo === undefined) continue;
        items.push({ ...toPreview(row), yearsAgo });
      }
    }
    items.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
    return { date, items: items.slice(0, ON_THIS_DAY_MAX) };
  }

  /**
   * Replaces the session's content and bumps its version. With `baseVersion`, the
   * save only succeeds if the session is still at that version; otherwise
   * `VERSION_CONFLICT` with `details.currentVersion`. Of concurrent saves with the
   * same `baseVersion`, exactly one wins.
   *
   * The content is saved first, then the hints the save carries go to the `hints`
   * bucket: a bucket that is down (or a client that went away) never costs the text.
   * When a hint cannot be stored the save answers the bucket's error
   * (`SMARTBUCKET_FAILED`, `UPSTREAM_TIMEOUT`, `ABORTED`) saying the content was
   * saved, with `details.savedVersion` (the new version) and `details.unsavedHints`
   * (the hint texts not stored, in order): send them again with a save at
   * `baseVersion: savedVersion`. Hints stored before the failure stay.
   *
   * @example
   * {@includeCode ../../../../docs/snippets/api/core/free-journal/free-journal.ts}
   */
  async save(userId: string, sessionId: string, input: SaveSessionInput, options: CallOptions = {}): Promise<FreeJournalSession> {
    const { content, hints = [], baseVersion } = parseInput(saveSessionInputSchema, input, 'save');
    this.#checkLength(content);
    if (hints.length > this.ctx.limits.hintsPerSave) {
      throw new PauzError('VALIDATION_FAILED', `A save carries at most ${this.ctx.limits.hintsPerSave} hints`, {
        errors: [{ field: 'hints', message: `must have at most ${this.ctx.limits.hintsPerSave} items` }],
      });
    }
    if (hints.length > 0) throwIfAborted(options.signal, 'Saving the session');
    const saved = await this.#write(userId, sessionId, baseVersion, () => content);
    for (const [index, text] of hints.entries()) {
      try {
        await storeHint(this.ctx, userId, sessionId, text, 'client', options);
      } catch (error) {
        // The session is gone (deleted, or its account being deleted): nothing to send again.
        if (!isPauzError(error) || error.code === 'NOT_FOUND') throw error;
        const unsavedHints = hints.slice(index);
        throw new PauzError(
          error.code,
          `The content was saved (version ${saved.version}), but ${unsavedHints.length} of its ${hints.length} hints could not be stored: ${error.message}`,
          { errors: error.errors, details: { ...error.details, savedVersion: saved.version, unsavedHints }, cause: error },
        );
      }
    }
    return saved;
  }

  /**
   * Appends `text` to the session's content on a new line and bumps the version (how a
   * voice transcript joins the session). Never overwrites a concurrent write.
   */
  async append(userId: string, sessionId: string, text: string): Promise<FreeJournalSession> {
    return this.#write(userId, sessionId, undefined, (current) => (current === '' ? text : `${current}\n${text}`));
  }

  /**
   * What appending `text` to the session as it is now would write, for a caller that
   * runs the write inside its own atomic batch (the voice commit): the session read
   * now, the session after the append, and `update`, the conditional UPDATE of the
   * write rule (`version =` the version read) with the caller's extra condition, and
   * `updated_at` set to `stamp` (a marker a later statement of the batch can find)
   * instead of the time. `VALIDATION_FAILED` when the content would outgrow the limit.
   * @internal
   */
  async planAppend(userId: string, sessionId: string, text: string): Promise<AppendPlan> {
    const current = await this.#read(this.ctx.db, userId, sessionId);
    const content = current.content === '' ? text : `${current.content}\n${text}`;
    this.#checkLength(content);
    const updatedAt = nowIso(this.ctx);
    const wordCount = countWords(content);
    const searchText = searchTextOf(current.title, content);
    const next: FreeJournalSession = { ...current, content, wordCount, version: current.version + 1, updatedAt };
    return {
      current,
      next,
      update: (db, when, stamp) =>
        db
          .updateTable('pauz_free_sessions')
          .set({ content, search_text: searchText, word_count: wordCount, version: current.version + 1, updated_at: stamp })
          .where('id', '=', sessionId)
          .where('user_id', '=', userId)
          .where('version', '=', current.version)
          .where(when),
      index: (db, stamp) => indexAtStamp(db, userId, next, stamp),
    };
  }

  /**
   * Sets the session's mood (from reflection). The mood is derived from the text, not
   * part of it, so the version — which guards the text — is not bumped.
   */
  async setMood(userId: string, sessionId: string, mood: Mood): Promise<FreeJournalSession> {
    const session = await this.get(userId, sessionId);
    await this.ctx.db
      .updateTable('pauz_free_sessions')
      .set({ mood })
      .where('id', '=', sessionId)
      .where('user_id', '=', userId)
      .execute();
    return { ...session, mood };
  }

  /**
   * Deletes the session with its PDF, hints, recordings and reflection flower (flowers
   * the user planted stay in the garden, unlinked), and the user's book, which may
   * print it. `NOT_FOUND` when it does not exist or is not the user's.
   *
   * `signal` is checked once, before anything is removed (`ABORTED`, nothing
   * deleted). A delete under way runs to its end: stopping between its steps would
   * leave index rows pointing at objects already gone.
   */
  async delete(userId: string, sessionId: string, options: CallOptions = {}): Promise<void> {
    await this.get(userId, sessionId);
    throwIfAborted(options.signal, `Deleting session ${sessionId}`);
    const { db, buckets } = this.ctx;
    // Objects first: if a bucket fails the session stays, whole, and the delete can be retried.
    const [hints, recordings] = await Promise.all([
      db.selectFrom('pauz_hints').select('object_key').where('session_id', '=', sessionId).where('user_id', '=', userId).execute(),
      db.selectFrom('pauz_recordings').select('object_key').where('session_id', '=', sessionId).where('user_id', '=', userId).execute(),
    ]);
    await this.ctx.pdfs.delete(objectKeys.freeJournalPdf(userId, sessionId));
    // The book may print this session: it goes too (a re-export makes it again without it).
    await this.ctx.pdfs.delete(objectKeys.bookPdf(userId));
    if (hints.length > 0) await buckets.hints.delete(hints.map((r) => r.object_key));
    if (recordings.length > 0) await buckets.audio.delete(recordings.map((r) => r.object_key));
    // One atomic batch (a transaction; on D1 one batch()): the session and its rows go together.
    await atomicBatch(db, [
      // The index first: its queue finds the session's hints through their rows.
      ...searchRemoveStatements(db, { userId, session: sessionId }),
      db.deleteFrom('pauz_hints').where('session_id', '=', sessionId).where('user_id', '=', userId),
      db.deleteFrom('pauz_recordings').where('session_id', '=', sessionId).where('user_id', '=', userId),
      // The reflection flower goes with its session; flowers the user planted stay, unlinked.
      db
        .deleteFrom('pauz_flowers')
        .where('session_id', '=', sessionId)
        .where('user_id', '=', userId)
        .where('source', '=', 'reflection'),
      db.updateTable('pauz_flowers').set({ session_id: null }).where('session_id', '=', sessionId).where('user_id', '=', userId),
      db.deleteFrom('pauz_free_sessions').where('id', '=', sessionId).where('user_id', '=', userId),
    ]);
    // SQLite: the WAL still holds the deleted pages (the text, its index tokens) until a checkpoint.
    await eraseFreedSpace(this.ctx);
  }

  #checkLength(content: string): void {
    assertContentLength(content, this.ctx.limits.contentChars);
  }

  /**
   * The one write path: a conditional UPDATE (`version = expected`) so a concurrent
   * writer can never be overwritten unnoticed, even without `baseVersion`. Without
   * one, a write that keeps losing the race tries {@link MAX_WRITE_ATTEMPTS} times,
   * then gives up with `VERSION_CONFLICT` rather than spin.
   */
  async #write(
    userId: string,
    sessionId: string,
    baseVersion: number | undefined,
    nextContent: (current: string) => string,
  ): Promise<FreeJournalSession> {
    const { db } = this.ctx;
    for (let attempt = 1; ; attempt++) {
      const current = await this.#read(db, userId, sessionId);
      if (baseVersion !== undefined && current.version !== baseVersion) throw conflict(current.version);
      const content = nextContent(current.content);
      this.#checkLength(content);
      const updatedAt = nowIso(this.ctx);
      const wordCount = countWords(content);
      const next: FreeJournalSession = { ...current, content, wordCount, version: current.version + 1, updatedAt };
      const stamp = writeStamp();
      const [write] = await atomicBatch(db, [
        db
          .updateTable('pauz_free_sessions')
          .set({ content, search_text: searchTextOf(current.title, content), word_count: wordCount, version: next.version, updated_at: stamp })
          .where('id', '=', sessionId)
          .where('user_id', '=', userId)
          .where('version', '=', current.version),
        ...indexAtStamp(db, userId, next, stamp),
      ]);
      if (changedRows(write) === 1) return next;
      // Someone wrote in between. With a baseVersion that is a conflict; without one
      // (last write wins) try again on top of the new version, a bounded number of times.
      if (baseVersion !== undefined || attempt >= MAX_WRITE_ATTEMPTS) {
        const latest = await this.#read(db, userId, sessionId);
        if (baseVersion !== undefined) throw conflict(latest.version);
        throw new PauzError(
          'VERSION_CONFLICT',
          `The session kept changing while this write was applied (${attempt} attempts); it is now at version ${latest.version}. Try again.`,
          { details: { currentVersion: latest.version, attempts: attempt } },
        );
      }
    }
  }
}

/**
 * An append planned for a caller's atomic batch; see {@link FreeJournal.planAppend}.
 * @internal
 */
export interface AppendPlan {
  /** The session as read. */
  current: FreeJournalSession;
  /** The session once the append landed (with the time, not the stamp, as `updatedAt`). */
  next: FreeJournalSession;
  /** The conditional UPDATE: lands only while the session is at `current.version` and `when` holds. */
  update(db: PauzDatabase, when: Expression<SqlBool>, stamp: string): Compilable<unknown>;
  /** The statements that index the appended text, then turn `stamp` into the time: after `update` in the batch. */
  index(db: PauzDatabase, stamp: string): Compilable<unknown>[];
}

function conflict(currentVersion: number): PauzError {
  return new PauzError('VERSION_CONFLICT', `The session has changed; it is now at version ${currentVersion}`, {
    details: { currentVersion },
  });
}
