import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Kysely } from 'kysely';
import { createPauz, memoryPdfStore, type Pauz, type PauzLimits, type PauzTables } from '../../src/index.js';
import { createSqliteDatabase } from '../../src/sqlite.js';
import { makeAudioSample, makeWav, manualClock, memoryBuckets, scriptedTranscriber, TEST_PASSWORD_HASHER } from '../../src/testing/index.js';
import type { PauzBuckets } from '../../src/storage/buckets.js';

/** A Pauz on a real SQLite file and memory buckets. */
export interface PortabilityWorld {
  pauz: Pauz;
  db: Kysely<PauzTables>;
  buckets: PauzBuckets;
  clock: ReturnType<typeof manualClock>;
  close(): Promise<void>;
}

export async function openWorld(limits: Partial<PauzLimits> = {}): Promise<PortabilityWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'pauz-portability-'));
  const db = createSqliteDatabase({ filename: join(dir, 'pauz.db') });
  const buckets = memoryBuckets();
  const clock = manualClock('2026-06-15T12:00:00Z');
  const pauz = createPauz({
    db,
    buckets,
    pdfs: memoryPdfStore({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1:9' }),
    transcriber: scriptedTranscriber('what I said out loud'),
    passwordHasher: TEST_PASSWORD_HASHER,
    clock,
    limits,
  });
  await pauz.migrate();
  return {
    pauz,
    db,
    buckets,
    clock,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** A user with something of every kind: two sessions with hints and recordings (one transcribed), a guided journal, flowers. */
export async function fullAccount(world: PortabilityWorld, marker = 'm'): Promise<{ id: string; token: string }> {
  const { pauz, clock } = world;
  counter++;
  const { user, token } = await pauz.accounts.register({ email: `${marker}${counter}@example.com`, password: 'correct horse battery', name: `Name ${marker}` });
  const tick = () => clock.advance(60_000);
  tick();
  const first = await pauz.freeJournal.create(user.id, { title: `Morning pages ${marker}` });
  tick();
  await pauz.freeJournal.save(user.id, first.id, { content: `Café au lait, naïve "quotes" — ${marker}\n\nSecond paragraph.`, hints: [`What did ${marker} feel?`] });
  tick();
  await pauz.hints.generate(user.id, first.id);
  tick();
  await pauz.voice.record(user.id, first.id, { audio: makeWav({ seconds: 0.2 }) });
  tick();
  await pauz.reflections.reflect(user.id, first.id);
  tick();
  const second = await pauz.freeJournal.create(user.id, { title: '' });
  tick();
  await pauz.freeJournal.save(user.id, second.id, { content: `Ünïcode ✓ 日本語 ${marker}` });
  tick();
  await pauz.recordings.store(user.id, second.id, { audio: makeAudioSample('webm') });
  tick();
  await pauz.guidedJournals.create(user.id, { topic: 'heart', entries: [{ promptId: 2, response: `answer ${marker}` }, { promptId: 7, response: 'a boundary' }] });
  tick();
  await pauz.garden.add(user.id, { mood: 'grateful', note: `flower ${marker}`, date: '2026-06-14' });
  tick();
  await pauz.garden.add(user.id, { mood: 'calm', sessionId: second.id });
  // The stored-only recording's transcription is long given up: it reads `failed`, as an import makes it.
  clock.advance(11 * 60_000);
  return { id: user.id, token };
}

export async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function exportZip(world: PortabilityWorld, userId: string): Promise<Uint8Array> {
  return streamBytes(await world.pauz.portability.export(userId));
}

export function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export function documentOf(zip: Uint8Array): Record<string, any> {
  return JSON.parse(new TextDecoder().decode(unzip(zip)['pauz-export.json'])) as Record<string, any>;
}

/** The document with every id, and what follows from ids, replaced by its position: two exports of the same writing compare equal. */
export function withoutIds(doc: Record<string, any>): unknown {
  const ids = new Map<string, string>();
  const rename = (id: string | null) => {
    if (id === null) return null;
    if (!ids.has(id)) ids.set(id, `#${ids.size}`);
    return ids.get(id);
  };
  const free = doc.freeJournals.map((s: any) => ({
    ...s,
    id: rename(s.id),
    hints: s.hints.map((h: any) => ({ ...h, id: rename(h.id), sessionId: rename(h.sessionId) })),
    recordings: s.recordings.map((r: any) => ({ ...r, id: rename(r.id), sessionId: rename(r.sessionId), file: r.file.replace(/^audio\/[^.]+/, 'audio/ID') })),
  }));
  return {
    format: doc.format,
    version: doc.version,
    freeJournals: free,
    guidedJournals: doc.guidedJournals.map((g: any) => ({ ...g, id: rename(g.id) })),
    flowers: doc.flowers.map((f: any) => ({ ...f, id: rename(f.id), sessionId: rename(f.sessionId) })),
  };
}

/** Row counts of every table that holds a user's data, and every object key: what "nothing changed" compares. */
export async function snapshot(world: PortabilityWorld): Promise<Record<string, unknown>> {
  const tables = ['pauz_users', 'pauz_free_sessions', 'pauz_hints', 'pauz_recordings', 'pauz_guided_journals', 'pauz_flowers', 'pauz_imports'] as const;
  const counts: Record<string, unknown> = {};
  for (const table of tables) {
    const row = await world.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  for (const [name, bucket] of Object.entries(world.buckets)) {
    counts[`bucket:${name}`] = (await bucket.list({ prefix: '' })).objects.map((o: { key: string }) => o.key).sort();
  }
  return counts;
}

export function zipOf(files: Zippable): Uint8Array {
  return zipSync(files);
}

export function asStream(bytes: Uint8Array, chunk = 7_000): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + chunk));
        at += chunk;
      }
    },
  });
}

/** A Day One journal file as Day One writes it. */
export function dayOneJournal(entries: unknown[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ metadata: { version: '1.0' }, entries }, null, 2));
}
