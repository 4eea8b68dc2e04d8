import { type Compilable, type SqlBool, sql } from 'kysely';
import { audioFileExtension } from '../audio/formats.js';
import { sniffAudioType } from '../audio/sniff.js';
import { nowIso, type PauzContext } from '../context.js';
import { atomicBatch, changedRows, chunked } from '../db/atomic.js';
import { guardedInsert, holds, liveSession, liveUser } from '../db/live-owner.js';
import type { FlowersTable, FreeSessionsTable, GuidedJournalsTable, HintsTable, PauzTables, RecordingsTable } from '../db/schema.js';
import { isPauzError, notFound, PauzError } from '../errors.js';
import { countWords, searchTextOf } from '../free-journal/text.js';
import { answeredCount, previewText } from '../guided/journals.js';
import { DOCUMENT_CONTENT_TYPE, objectKeys } from '../storage/buckets.js';
import { removeQuietly } from '../storage/write-rule.js';
import type { SmartBucket } from '../buckets/types.js';
import { throwIfAborted } from '../upstream.js';
import { fieldErrors } from '../validation.js';
import type * as z from 'zod';
import { dayOneEntries } from './dayone.js';
import { type DayOneJournal, dayOneJournalSchema, EXPORT_DOCUMENT, type ExportDocument, exportDocumentSchema } from './format.js';
import { badArchive, readArchive } from './zip-reader.js';
import { freeEntry, guidedEntry, hintEntry } from '../search/entries.js';
import { type SearchEntry, searchIndexStatements } from '../search/index-rows.js';

/**
 * Counts of one import, per kind of item.
 *
 * @category Services
 */
export interface ImportCounts {
  /** Free-journal sessions (a Day One entry becomes one). */
  freeJournals: number;
  /** Guided journals. */
  guidedJournals: number;
  /** Hints of the sessions. */
  hints: number;
  /** Recordings, each with its audio. */
  recordings: number;
  /** Flowers of the garden. */
  flowers: number;
}

/**
 * What `Portability.import` did.
 *
 * @category Services
 */
export interface ImportReport {
  /** The archive's format: a Pauz export, or a Day One JSON export. */
  format: 'pauz-export' | 'dayone';
  /** Items added to the account. */
  imported: ImportCounts;
  /**
   * Items not added, with why in the key: the five kinds are items the account holds
   * already (an archive imported before) or, for recordings, Day One audio in a
   * format Pauz does not accept; `tags` and `photos` count the Day One tags and
   * photos Pauz has no place for (always 0 for a Pauz export).
   */
  skipped: ImportCounts & {
    /** Day One tags, which Pauz cannot hold. */
    tags: number;
    /** Day One photos, which Pauz cannot hold. */
    photos: number;
  };
}

type Kind = 'session' | 'hint' | 'recording' | 'guided' | 'flower';
type KindTable = 'pauz_free_sessions' | 'pauz_hints' | 'pauz_recordings' | 'pauz_guided_journals' | 'pauz_flowers';
const TABLES: Record<Kind, KindTable> = {
  session: 'pauz_free_sessions',
  hint: 'pauz_hints',
  recording: 'pauz_recordings',
  guided: 'pauz_guided_journals',
  flower: 'pauz_flowers',
};

/** An item of the archive, before it is known whether the account holds it already. */
interface Candidate {
  kind: Kind;
  sourceKey: string;
  /** Its id in the archive when it may be the account's own (a Pauz export of this account). */
  ownId: string | null;
}

/** An audio file of the archive, stored in `audio-files` as it streamed past. */
interface StoredAudio {
  key: string;
  recordingId: string;
  contentType: string;
  size: number;
  used: boolean;
}

/** A recording to add, whose audio is the archive's `file`. */
interface PlannedRecording {
  sourceKey: string;
  file: string;
  /** The size the document says the audio has (a Pauz export); checked against the file. */
  size: number | null;
  sessionId: string;
  transcript: string | null;
  status: 'transcribed' | 'failed';
  createdAt: string;
}

/** Everything one import adds, in the order it goes in. */
interface Plan {
  format: ImportReport['format'];
  sessions: FreeSessionsTable[];
  hints: Array<{ row: HintsTable; text: string }>;
  recordings: PlannedRecording[];
  guided: Array<{ row: GuidedJournalsTable; doc: Record<string, unknown>; entries: ReadonlyArray<{ promptId: number; response: string }> }>;
  flowers: FlowersTable[];
  /** Source key → new item id, kind, for `pauz_imports`. */
  mappings: Array<{ sourceKey: string; kind: Kind; itemId: string }>;
  /** Mappings whose item is gone: replaced. */
  stale: string[];
  /** Audio files some recording needs. */
  files: Set<string>;
  report: ImportReport;
}

function counts(): ImportCounts {
  return { freeJournals: 0, guidedJournals: 0, hints: 0, recordings: 0, flowers: 0 };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonEntry(name: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(strictUtf8.decode(bytes)) as unknown;
  } catch {
    throw badArchive(`${name} is not valid UTF-8 JSON`);
  }
}

/** Field errors a refused document reports at most: a document can hold millions of wrong fields. */
const MAX_REPORTED_ERRORS = 20;

/** `value` checked by `schema`; `VALIDATION_FAILED` naming the document and its first problems (fields prefixed by its name). */
function parseDocument<S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const all = fieldErrors(result.error.issues).map((e) => ({ field: `${name}:${e.field}`, message: e.message }));
  const errors = all.slice(0, MAX_REPORTED_ERRORS);
  const more = all.length > errors.length ? ` (and ${all.length - errors.length} more)` : '';
  throw new PauzError('VALIDATION_FAILED', `${name} is not valid: ${errors.slice(0, 5).map((e) => `${e.field}: ${e.message}`).join('; ')}${more}`, { errors });
}

/** Whether `name` is an audio file of either format: `audio/<file>` (Pauz) or `audios/<file>` (Day One). */
function isAudioFile(name: string): boolean {
  return /^audios?\/[^/]+$/.test(name);
}

/** A root-level JSON file other than the Pauz document: a Day One journal. */
function isJournalFile(name: string): boolean {
  return !name.includes('/') && name.toLowerCase().endsWith('.json') && name !== EXPORT_DOCUMENT;
}

/** Which of `candidates` the account holds already (source key → its id there), and which mappings point at nothing. */
async function present(ctx: PauzContext, userId: string, candidates: readonly Candidate[]): Promise<{ held: Map<string, string>; stale: Set<string> }> {
  const { db } = ctx;
  const mapped = new Map<string, string>();
  for (const keys of chunked(candidates.map((c) => c.sourceKey))) {
    const rows = await db.selectFrom('pauz_imports').select(['source_key', 'item_id']).where('user_id', '=', userId).where('source_key', 'in', keys).execute();
    for (const row of rows) mapped.set(row.source_key, row.item_id);
  }
  const existing = new Set<string>();
  for (const kind of Object.keys(TABLES) as Kind[]) {
    const ids = new Set<string>();
    for (const c of candidates) {
      if (c.kind !== kind) continue;
      const id = mapped.get(c.sourceKey);
      if (id !== undefined) ids.add(id);
      if (c.ownId !== null) ids.add(c.ownId);
    }
    for (const slice of chunked([...ids])) {
      const rows = await db.selectFrom(TABLES[kind]).select('id').where('user_id', '=', userId).where('id', 'in', slice).execute();
      for (const row of rows) existing.add(`${kind}:${row.id}`);
    }
  }
  const held = new Map<string, string>();
  const stale = new Set<string>();
  for (const c of candidates) {
    const id = mapped.get(c.sourceKey);
    if (id !== undefined && existing.has(`${c.kind}:${id}`)) held.set(c.sourceKey, id);
    else if (c.ownId !== null && existing.has(`${c.kind}:${c.ownId}`)) held.set(c.sourceKey, c.ownId);
    else if (id !== undefined) stale.add(c.sourceKey);
  }
  return { held, stale };
}

function duplicateCheck(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw badArchive(`${EXPORT_DOCUMENT} lists the ${what} ${id} twice`);
    seen.add(id);
  }
}

/** The plan of a Pauz export: what is new, with new ids, and what the account holds already. */
async function planPauz(ctx: PauzContext, userId: string, doc: ExportDocument): Promise<Plan> {
  duplicateCheck(doc.freeJournals.map((s) => s.id), 'session');
  duplicateCheck(doc.freeJournals.flatMap((s) => s.hints.map((h) => h.id)), 'hint');
  duplicateCheck(doc.freeJournals.flatMap((s) => s.recordings.map((r) => r.id)), 'recording');
  duplicateCheck(doc.freeJournals.flatMap((s) => s.recordings.map((r) => r.file)), 'audio file');
  duplicateCheck(doc.guidedJournals.map((g) => g.id), 'guided journal');
  duplicateCheck(doc.flowers.map((f) => f.id), 'flower');
  const sessionIds = new Set(doc.freeJournals.map((s) => s.id));
  for (const flower of doc.flowers) {
    if (flower.sessionId !== null && !sessionIds.has(flower.sessionId)) {
      throw badArchive(`the flower ${flower.id} belongs to the session ${flower.sessionId}, which the archive does not hold`);
    }
  }
  for (const recording of doc.freeJournals.flatMap((s) => s.recordings)) {
    if (!/^audio\/[^/]+$/.test(recording.file)) throw badArchive(`the recording ${recording.id} names the file ${JSON.stringify(recording.file)}, not one under audio/`);
  }
  const key = (kind: Kind, id: string) => `pauz:${kind}:${id}`;
  const candidates: Candidate[] = [
    ...doc.freeJournals.flatMap((s) => [
      { kind: 'session' as const, sourceKey: key('session', s.id), ownId: s.id },
      ...s.hints.map((h) => ({ kind: 'hint' as const, sourceKey: key('hint', h.id), ownId: h.id })),
      ...s.recordings.map((r) => ({ kind: 'recording' as const, sourceKey: key('recording', r.id), ownId: r.id })),
    ]),
    ...doc.guidedJournals.map((g) => ({ kind: 'guided' as const, sourceKey: key('guided', g.id), ownId: g.id })),
    ...doc.flowers.map((f) => ({ kind: 'flower' as const, sourceKey: key('flower', f.id), ownId: f.id })),
  ];
  const { held, stale } = await present(ctx, userId, candidates);
  const plan = emptyPlan('pauz-export', stale);
  const { imported, skipped } = plan.report;
  const sessionIdOf = new Map<string, string>();
  for (const s of doc.freeJournals) {
    const sourceKey = key('session', s.id);
    let sessionId = held.get(sourceKey);
    if (sessionId !== undefined) skipped.freeJournals++;
    else {
      sessionId = ctx.ids();
      imported.freeJournals++;
      plan.mappings.push({ sourceKey, kind: 'session', itemId: sessionId });
      plan.sessions.push({
        id: sessionId,
        user_id: userId,
        title: s.title,
        content: s.content,
        search_text: searchTextOf(s.title, s.content),
        word_count: countWords(s.content),
        mood: s.mood,
        version: s.version,
        created_at: s.createdAt,
        updated_at: s.updatedAt,
      });
    }
    sessionIdOf.set(s.id, sessionId);
    for (const h of s.hints) {
      const hintKey = key('hint', h.id);
      if (held.has(hintKey)) {
        skipped.hints++;
        continue;
      }
      const id = ctx.ids();
      imported.hints++;
      plan.mappings.push({ sourceKey: hintKey, kind: 'hint', itemId: id });
      plan.hints.push({
        row: { id, user_id: userId, session_id: sessionId, object_key: objectKeys.hint(userId, id), source: h.source, created_at: h.createdAt },
        text: h.text,
      });
    }
    for (const r of s.recordings) {
      const recordingKey = key('recording', r.id);
      if (held.has(recordingKey)) {
        skipped.recordings++;
        continue;
      }
      plan.files.add(r.file);
      plan.recordings.push({
        sourceKey: recordingKey,
        file: r.file,
        size: r.size,
        sessionId,
        transcript: r.transcript,
        // Nothing here is transcribing a recording that was pending where it came from.
        status: r.status === 'transcribed' ? 'transcribed' : 'failed',
        createdAt: r.createdAt,
      });
    }
  }
  for (const g of doc.guidedJournals) {
    const sourceKey = key('guided', g.id);
    if (held.has(sourceKey)) {
      skipped.guidedJournals++;
      continue;
    }
    const id = ctx.ids();
    imported.guidedJournals++;
    plan.mappings.push({ sourceKey, kind: 'guided', itemId: id });
    const objectKey = objectKeys.journal(userId, id, g.version);
    plan.guided.push({
      row: {
        id,
        user_id: userId,
        object_key: objectKey,
        topic: g.topic,
        preview: previewText(g.prompts, g.entries),
        entry_count: answeredCount(g.entries),
        prompt_count: g.prompts.length,
        version: g.version,
        created_at: g.createdAt,
        updated_at: g.updatedAt,
      },
      doc: { id, userId, topic: g.topic, prompts: g.prompts, entries: g.entries, version: g.version, createdAt: g.createdAt, updatedAt: g.updatedAt },
      entries: g.entries,
    });
  }
  for (const f of doc.flowers) {
    const sourceKey = key('flower', f.id);
    if (held.has(sourceKey)) {
      skipped.flowers++;
      continue;
    }
    const id = ctx.ids();
    imported.flowers++;
    plan.mappings.push({ sourceKey, kind: 'flower', itemId: id });
    const sessionId = f.sessionId === null ? null : (sessionIdOf.get(f.sessionId) as string);
    plan.flowers.push({ id, user_id: userId, mood: f.mood, note: f.note, date: f.date, session_id: sessionId, source: f.source, created_at: f.createdAt });
  }
  return plan;
}

/** The plan of Day One journals: one session per entry, its audio as untranscribed recordings. */
async function planDayOne(ctx: PauzContext, userId: string, journals: ReadonlyArray<{ name: string; journal: DayOneJournal }>): Promise<Plan> {
  const entries = dayOneEntries(journals, ctx.limits.contentChars);
  const candidates: Candidate[] = entries.flatMap((e) => [
    { kind: 'session' as const, sourceKey: e.sourceKey, ownId: null },
    ...e.audios.map((a) => ({ kind: 'recording' as const, sourceKey: a.sourceKey, ownId: null })),
  ]);
  const { held, stale } = await present(ctx, userId, candidates);
  const plan = emptyPlan('dayone', stale);
  const { imported, skipped } = plan.report;
  const seen = new Set<string>();
  for (const entry of entries) {
    skipped.tags += entry.tags;
    skipped.photos += entry.photos;
    let sessionId = held.get(entry.sourceKey);
    // The same entry in two journal files is one session.
    if (sessionId !== undefined || seen.has(entry.sourceKey)) {
      skipped.freeJournals++;
      if (sessionId === undefined) continue;
    } else {
      seen.add(entry.sourceKey);
      sessionId = ctx.ids();
      imported.freeJournals++;
      plan.mappings.push({ sourceKey: entry.sourceKey, kind: 'session', itemId: sessionId });
      plan.sessions.push({
        id: sessionId,
        user_id: userId,
        title: entry.title,
        content: entry.content,
        search_text: searchTextOf(entry.title, entry.content),
        word_count: countWords(entry.content),
        mood: null,
        version: 1,
        created_at: entry.createdAt,
        updated_at: entry.updatedAt,
      });
    }
    for (const audio of entry.audios) {
      if (held.has(audio.sourceKey) || seen.has(audio.sourceKey)) {
        skipped.recordings++;
        continue;
      }
      seen.add(audio.sourceKey);
      plan.files.add(audio.file);
      // Day One keeps no transcript: the recording waits for the retry route to transcribe it.
      plan.recordings.push({ sourceKey: audio.sourceKey, file: audio.file, size: null, sessionId, transcript: null, status: 'failed', createdAt: entry.createdAt });
    }
  }
  return plan;
}

function emptyPlan(format: ImportReport['format'], stale: Set<string>): Plan {
  return {
    format,
    sessions: [],
    hints: [],
    recordings: [],
    guided: [],
    flowers: [],
    mappings: [],
    stale: [...stale],
    files: new Set(),
    report: { format, imported: counts(), skipped: { ...counts(), tags: 0, photos: 0 } },
  };
}

/**
 * The statements that keep derived data in step with one imported row, run in the
 * same batch as the row and only where the row landed: the search index entry of a
 * session, guided journal or hint.
 */
function derivedStatements(ctx: PauzContext, table: KindTable, id: string, entry: SearchEntry | undefined): Compilable<unknown>[] {
  if (entry === undefined) return [];
  const { db } = ctx;
  const landed = sql<SqlBool>`exists ${db.selectFrom(table).select('id').where('id', '=', id)}`;
  return searchIndexStatements(db, entry, landed);
}

/** Objects this import put, by bucket, removed again when it fails. */
class PutObjects {
  readonly #keys = new Map<SmartBucket, string[]>();

  constructor(private readonly ctx: PauzContext) {}

  async put(bucket: SmartBucket, key: string, body: Uint8Array | string, contentType: string, signal?: AbortSignal): Promise<void> {
    const keys = this.#keys.get(bucket) ?? [];
    this.#keys.set(bucket, keys);
    // Listed before the put: a put that fails after landing is removed too.
    keys.push(key);
    await bucket.put(key, body, { contentType, signal });
  }

  async removeAll(): Promise<void> {
    for (const [bucket, keys] of this.#keys) await removeQuietly(bucket, keys, this.ctx.logger);
    this.#keys.clear();
  }
}

/**
 * Imports a Pauz export or a Day One export into the user's account, all or nothing
 * (see `Portability.import`).
 */
export async function importAccount(
  ctx: PauzContext,
  userId: string,
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const { db, limits } = ctx;
  if (!(await holds(db, liveUser(db, userId)))) throw notFound('User');
  const objects = new PutObjects(ctx);
  try {
    let plan: Plan | null = null;
    let pauzDocument: unknown;
    const journals: Array<{ name: string; value: unknown }> = [];
    const audio = new Map<string, StoredAudio>();
    const unsupported = new Set<string>();
    const policy = (name: string): number | false => {
      if (name === EXPORT_DOCUMENT || isJournalFile(name)) return limits.importEntryBytes;
      if (!isAudioFile(name)) return false;
      // Once the document is read, only the audio it needs.
      if (plan !== null && !plan.files.has(name)) return false;
      return limits.audioBytes;
    };
    const archive = readArchive(
      source,
      { archiveBytes: limits.importBytes, expandedBytes: limits.importExpandedBytes, entryBytes: limits.importEntryBytes, entries: limits.importEntries },
      policy,
      signal,
    );
    for await (const entry of archive) {
      if (entry.name === EXPORT_DOCUMENT) {
        pauzDocument = parseJsonEntry(entry.name, entry.bytes);
        plan = await planPauz(ctx, userId, parseDocument(exportDocumentSchema(limits.contentChars), pauzDocument, EXPORT_DOCUMENT));
      } else if (isJournalFile(entry.name)) {
        journals.push({ name: entry.name, value: parseJsonEntry(entry.name, entry.bytes) });
      } else {
        const sniffed = sniffAudioType(entry.bytes);
        if (sniffed === null || entry.bytes.byteLength === 0) {
          unsupported.add(entry.name);
          continue;
        }
        const recordingId = ctx.ids();
        const key = objectKeys.audio(userId, recordingId, audioFileExtension(sniffed) ?? 'bin');
        await objects.put(ctx.buckets.audio, key, entry.bytes, sniffed, signal);
        audio.set(entry.name, { key, recordingId, contentType: sniffed, size: entry.bytes.byteLength, used: false });
      }
    }
    if (plan === null) {
      if (pauzDocument === undefined && journals.length === 0) {
        throw badArchive(`it is neither a Pauz export (no ${EXPORT_DOCUMENT}) nor a Day One export (no <journal>.json)`);
      }
      const parsed = journals.map(({ name, value }) => ({ name, journal: parseDocument(dayOneJournalSchema, value, name) }));
      plan = await planDayOne(ctx, userId, parsed);
    }
    const recordings = await placeAudio(ctx, userId, plan, audio, unsupported, objects, signal);
    throwIfAborted(signal, 'The import');
    for (const hint of plan.hints) {
      const stored = { id: hint.row.id, userId, sessionId: hint.row.session_id, text: hint.text, source: hint.row.source, createdAt: hint.row.created_at };
      await objects.put(ctx.buckets.hints, hint.row.object_key, JSON.stringify(stored), DOCUMENT_CONTENT_TYPE, signal);
    }
    for (const journal of plan.guided) {
      await objects.put(ctx.buckets.guidedJournals, journal.row.object_key, JSON.stringify(journal.doc), DOCUMENT_CONTENT_TYPE, signal);
    }
    await commit(ctx, userId, plan, recordings, objects);
    // Audio of the archive no recording took (skipped, or unreferenced).
    const unused = [...audio.values()].filter((a) => !a.used).map((a) => a.key);
    await removeQuietly(ctx.buckets.audio, unused, ctx.logger);
    return plan.report;
  } catch (error) {
    await objects.removeAll();
    // An account deleted meanwhile makes the stores fail under the import (its folders
    // gone, its objects swept): that is the account's absence, not a store's failure.
    if (!isPauzError(error, 'NOT_FOUND') && !(await holds(ctx.db, liveUser(ctx.db, userId)).catch(() => true))) throw notFound('User');
    throw error;
  }
}

/** Gives each planned recording its stored audio (a copy when two share a file); `VALIDATION_FAILED` for one whose file is missing. */
async function placeAudio(
  ctx: PauzContext,
  userId: string,
  plan: Plan,
  audio: Map<string, StoredAudio>,
  unsupported: Set<string>,
  objects: PutObjects,
  signal: AbortSignal | undefined,
): Promise<RecordingsTable[]> {
  const rows: RecordingsTable[] = [];
  const now = nowIso(ctx);
  for (const recording of plan.recordings) {
    const stored = audio.get(recording.file);
    if (stored === undefined) {
      if (unsupported.has(recording.file) && plan.format === 'dayone') {
        plan.report.skipped.recordings++;
        continue;
      }
      throw badArchive(
        unsupported.has(recording.file)
          ? `${recording.file} is not audio Pauz accepts (wav, mp3, m4a/mp4/aac, flac, ogg/opus, webm)`
          : `the archive has no ${recording.file}, which a recording needs`,
      );
    }
    if (recording.size !== null && recording.size !== stored.size) {
      throw badArchive(`${recording.file} has ${stored.size} bytes, the document says ${recording.size}`);
    }
    let { key, recordingId } = stored;
    if (stored.used) {
      const object = await ctx.buckets.audio.get(stored.key, { signal });
      if (object === null) throw new PauzError('SMARTBUCKET_FAILED', `SmartBucket get ${ctx.buckets.audio.name}/${stored.key}: the object is missing`);
      recordingId = ctx.ids();
      key = objectKeys.audio(userId, recordingId, audioFileExtension(stored.contentType) ?? 'bin');
      await objects.put(ctx.buckets.audio, key, await object.bytes(), stored.contentType, signal);
    }
    stored.used = true;
    plan.report.imported.recordings++;
    plan.mappings.push({ sourceKey: recording.sourceKey, kind: 'recording', itemId: recordingId });
    rows.push({
      id: recordingId,
      user_id: userId,
      session_id: recording.sessionId,
      object_key: key,
      content_type: stored.contentType,
      size: stored.size,
      transcript: recording.transcript,
      status: recording.status,
      created_at: recording.createdAt,
      updated_at: now,
    });
  }
  return rows;
}

/**
 * Every row in one atomic batch, each insert guarded by the account being live (and
 * a session's children by their session), so an import racing an account deletion
 * inserts nothing: it answers `NOT_FOUND` and the caller removes its objects. A
 * hint or recording whose session (one the account held already) was deleted
 * meanwhile is not inserted either; its object goes and it is not counted.
 */
async function commit(ctx: PauzContext, userId: string, plan: Plan, recordings: RecordingsTable[], objects: PutObjects): Promise<void> {
  const { db } = ctx;
  const live = () => liveUser(db, userId);
  const statements: Compilable<unknown>[] = [];
  /** The guarded inserts of items: their position in `statements`, and what to undo when one did not land. */
  const items: Array<{ at: number; counted: keyof ImportCounts; bucket?: SmartBucket; key?: string }> = [];
  const guarded = <T extends KindTable>(
    table: T,
    row: PauzTables[T] & { id: string },
    counted: keyof ImportCounts,
    options: { condition?: ReturnType<typeof live>; bucket?: SmartBucket; entry?: SearchEntry } = {},
  ) => {
    items.push({ at: statements.length, counted, bucket: options.bucket, key: (row as { object_key?: string }).object_key });
    statements.push(guardedInsert(db, table, row as never, options.condition ?? live()), ...derivedStatements(ctx, table, row.id, options.entry));
  };
  for (const row of plan.sessions) {
    const entry = freeEntry(userId, { id: row.id, title: row.title, content: row.content, createdAt: row.created_at, updatedAt: row.updated_at });
    guarded('pauz_free_sessions', row, 'freeJournals', { entry });
  }
  for (const { row, text } of plan.hints) {
    const entry = hintEntry(userId, { id: row.id, sessionId: row.session_id, text, createdAt: row.created_at });
    guarded('pauz_hints', row, 'hints', { condition: liveSession(db, userId, row.session_id), bucket: ctx.buckets.hints, entry });
  }
  for (const row of recordings) guarded('pauz_recordings', row, 'recordings', { condition: liveSession(db, userId, row.session_id), bucket: ctx.buckets.audio });
  for (const { row, entries } of plan.guided) {
    const entry = guidedEntry(userId, { id: row.id, topic: row.topic, entries, createdAt: row.created_at, updatedAt: row.updated_at });
    guarded('pauz_guided_journals', row, 'guidedJournals', { entry });
  }
  for (const row of plan.flowers) guarded('pauz_flowers', row, 'flowers');
  const now = nowIso(ctx);
  for (const keys of chunked(plan.stale)) statements.push(db.deleteFrom('pauz_imports').where('user_id', '=', userId).where('source_key', 'in', keys));
  for (const m of plan.mappings) {
    statements.push(guardedInsert(db, 'pauz_imports', { user_id: userId, source_key: m.sourceKey, item_kind: m.kind, item_id: m.itemId, created_at: now }, live()));
  }
  if (items.length === 0) return;
  const results = await atomicBatch(db, statements);
  const missed = items.filter((item) => changedRows(results[item.at]) === 0);
  if (missed.length === items.length) throw notFound('User');
  for (const item of missed) {
    plan.report.imported[item.counted]--;
    if (item.bucket !== undefined && item.key !== undefined) await removeQuietly(item.bucket, [item.key], ctx.logger);
  }
}
