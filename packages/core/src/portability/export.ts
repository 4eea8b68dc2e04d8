import type { SelectQueryBuilder } from 'kysely';
import { audioFileExtension } from '../audio/formats.js';
import type { PauzContext } from '../context.js';
import type { PauzTables } from '../db/schema.js';
import { notFound } from '../errors.js';
import { toSession } from '../free-journal/free-journal.js';
import type { FreeJournalSession } from '../free-journal/types.js';
import { toFlower } from '../garden/garden.js';
import type { GuidedJournal } from '../guided/types.js';
import type { Hint } from '../hints/hints.js';
import { toRecording } from '../recordings/recordings.js';
import { requireObject } from '../storage/write-rule.js';
import { freeJournalFileName, freeJournalMarkdown, guidedJournalFileName, guidedJournalMarkdown } from './markdown.js';
import { EXPORT_DOCUMENT, EXPORT_FORMAT, EXPORT_VERSION } from './format.js';
import { type ZipEntrySource, zipStream } from './zip-writer.js';

/** Rows read per query: a page of sessions holds at most this many texts at once. */
const PAGE = 20;

const encoder = new TextEncoder();

type Keyset = { created_at: string; id: string };
type PagedTable = 'pauz_free_sessions' | 'pauz_guided_journals' | 'pauz_flowers';

/**
 * Every row of a user's table, oldest first, a page at a time (keyset paging on
 * `created_at, id`). Not cut at the export's start: imported items keep their own
 * dates, which may lie ahead of this server's clock (a Day One entry dated tomorrow).
 */
async function* pages<T extends PagedTable, R extends Keyset>(
  ctx: PauzContext,
  table: T,
  userId: string,
  select: (query: SelectQueryBuilder<PauzTables, T, object>) => SelectQueryBuilder<PauzTables, T, R>,
): AsyncGenerator<R[]> {
  let after: Keyset | undefined;
  for (;;) {
    let query = select(ctx.db.selectFrom(table) as SelectQueryBuilder<PauzTables, T, object>)
      .where('user_id' as never, '=', userId as never);
    if (after !== undefined) {
      const { created_at, id } = after;
      query = query.where((eb) =>
        eb.or([eb('created_at' as never, '>', created_at as never), eb.and([eb('created_at' as never, '=', created_at as never), eb('id' as never, '>', id as never)])]),
      );
    }
    const rows = (await query.orderBy('created_at' as never).orderBy('id' as never).limit(PAGE).execute()) as R[];
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1] as R;
  }
}

interface ExportRun {
  ctx: PauzContext;
  userId: string;
  /** The instant the export started (`exportedAt`). */
  startedAt: string;
  signal: AbortSignal;
}

async function hintsOf(run: ExportRun, sessionId: string): Promise<Hint[]> {
  const rows = await run.ctx.db
    .selectFrom('pauz_hints')
    .select(['object_key'])
    .where('user_id', '=', run.userId)
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const hints: Hint[] = [];
  for (const row of rows) {
    const object = await requireObject(run.ctx.buckets.hints, row.object_key, { signal: run.signal });
    const { userId: _owner, ...hint } = await object.json<Hint & { userId: string }>();
    hints.push(hint);
  }
  return hints;
}

/** Where a recording's audio is in the archive: `audio/<recordingId>.<ext>`. */
export function audioFileName(recordingId: string, contentType: string): string {
  return `audio/${recordingId}.${audioFileExtension(contentType) ?? 'bin'}`;
}

async function guidedOf(run: ExportRun, objectKey: string): Promise<GuidedJournal> {
  const object = await requireObject(run.ctx.buckets.guidedJournals, objectKey, { signal: run.signal });
  const { userId: _owner, ...journal } = await object.json<GuidedJournal & { userId: string }>();
  return journal;
}

function sessions(run: ExportRun) {
  return pages(run.ctx, 'pauz_free_sessions', run.userId, (q) =>
    q.select(['id', 'user_id', 'title', 'content', 'word_count', 'mood', 'version', 'created_at', 'updated_at']),
  );
}

function guidedRows(run: ExportRun) {
  return pages(run.ctx, 'pauz_guided_journals', run.userId, (q) => q.select(['id', 'object_key', 'created_at', 'updated_at']));
}

/** `pauz-export.json`, written one item at a time (never the whole document as one string). */
async function* documentChunks(run: ExportRun, user: Record<string, unknown>): AsyncGenerator<Uint8Array> {
  const { ctx, userId } = run;
  const head = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: run.startedAt, user };
  yield encoder.encode(`${JSON.stringify(head).slice(0, -1)},\n"freeJournals":[`);
  let first = true;
  const staleBefore = new Date(ctx.clock.now().getTime() - ctx.limits.pendingRecordingSeconds * 1000).toISOString();
  for await (const page of sessions(run)) {
    for (const row of page) {
      const session: FreeJournalSession = toSession(row);
      const hints = await hintsOf(run, row.id);
      const recordings = await ctx.db
        .selectFrom('pauz_recordings')
        .selectAll()
        .where('user_id', '=', userId)
        .where('session_id', '=', row.id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const item = {
        ...session,
        hints,
        recordings: recordings.map((r) => ({ ...toRecording(r, staleBefore), file: audioFileName(r.id, r.content_type) })),
      };
      yield encoder.encode(`${first ? '\n' : ',\n'}${JSON.stringify(item)}`);
      first = false;
    }
  }
  yield encoder.encode('],\n"guidedJournals":[');
  first = true;
  for await (const page of guidedRows(run)) {
    for (const row of page) {
      yield encoder.encode(`${first ? '\n' : ',\n'}${JSON.stringify(await guidedOf(run, row.object_key))}`);
      first = false;
    }
  }
  yield encoder.encode('],\n"flowers":[');
  first = true;
  for await (const page of pages(ctx, 'pauz_flowers', userId, (q) => q.selectAll())) {
    const text = page.map((row) => JSON.stringify(toFlower(row))).join(',\n');
    yield encoder.encode(`${first ? '\n' : ',\n'}${text}`);
    first = false;
  }
  yield encoder.encode(']}\n');
}

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield encoder.encode(text);
}

/** Reads an audio object only when the zip writer asks for its bytes. */
async function* audioChunks(run: ExportRun, objectKey: string): AsyncGenerator<Uint8Array> {
  const object = await requireObject(run.ctx.buckets.audio, objectKey, { signal: run.signal });
  yield await object.bytes();
}

/** The archive's files in order: the JSON document, the Markdown of every journal, then the audio. */
async function* exportEntries(run: ExportRun, user: Record<string, unknown>): AsyncGenerator<ZipEntrySource> {
  const modified = new Date(run.startedAt);
  yield { name: EXPORT_DOCUMENT, method: 'deflate', modified, chunks: documentChunks(run, user) };
  for await (const page of sessions(run)) {
    for (const row of page) {
      const session = toSession(row);
      const markdown = freeJournalMarkdown(session, await hintsOf(run, row.id));
      yield { name: freeJournalFileName(session), method: 'deflate', modified: new Date(session.updatedAt), chunks: once(markdown) };
    }
  }
  for await (const page of guidedRows(run)) {
    for (const row of page) {
      const journal = await guidedOf(run, row.object_key);
      yield { name: guidedJournalFileName(journal), method: 'deflate', modified: new Date(journal.updatedAt), chunks: once(guidedJournalMarkdown(journal)) };
    }
  }
  let after: Keyset | undefined;
  for (;;) {
    let query = run.ctx.db
      .selectFrom('pauz_recordings')
      .select(['id', 'object_key', 'content_type', 'created_at'])
      .where('user_id', '=', run.userId);
    if (after !== undefined) {
      const { created_at, id } = after;
      query = query.where((eb) => eb.or([eb('created_at', '>', created_at), eb.and([eb('created_at', '=', created_at), eb('id', '>', id)])]));
    }
    const rows = await query.orderBy('created_at').orderBy('id').limit(PAGE).execute();
    for (const row of rows) {
      yield { name: audioFileName(row.id, row.content_type), method: 'store', modified: new Date(row.created_at), chunks: audioChunks(run, row.object_key) };
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1];
  }
}

/**
 * The export of a user's account as a zip stream (see `Portability.export`).
 * `NOT_FOUND` at once when the user does not exist or is being deleted; store
 * failures after that error the stream.
 */
export async function exportAccount(ctx: PauzContext, userId: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const row = await ctx.db
    .selectFrom('pauz_users')
    .select(['id', 'email', 'name', 'created_at'])
    .where('id', '=', userId)
    .where('deleting_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined) throw notFound('User');
  const abort = new AbortController();
  if (signal !== undefined) {
    if (signal.aborted) abort.abort(signal.reason);
    else signal.addEventListener('abort', () => abort.abort(signal.reason), { once: true });
  }
  const run: ExportRun = { ctx, userId, startedAt: ctx.clock.now().toISOString(), signal: abort.signal };
  const user = { id: row.id, email: row.email, name: row.name, createdAt: row.created_at };
  return zipStream(exportEntries(run, user), abort);
}
