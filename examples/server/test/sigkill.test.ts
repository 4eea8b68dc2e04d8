import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createPauzFromEnv } from '@pauz/core/env';
import { makeWav, type OpenAiEmulator, startOpenAiEmulator } from '@pauz/core/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, startServer } from './spawn-server.js';

/*
 * The reliability suite of the reference server on its defaults (a SQLite file and
 * local storage in PAUZ_DATA_DIR): concurrent saves, guided-journal PUTs, flowers
 * and voice uploads, the server SIGKILLed in the middle of them several times and
 * restarted on the same directory. After each kill: the database passes
 * `PRAGMA integrity_check`, every acknowledged write is there, and `reconcile()`
 * leaves no temp file, orphan object or dangling row. Finally every user deletes
 * their account, and no byte of their text or email is left in any file of the data
 * directory: the database, its -wal and -shm, buckets, PDFs.
 */

const KILLS = 4;
const USERS = 3;
const PASSWORD = 'correct horse battery';



function kill(server: SpawnedServer): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** The files of `dir` holding `needle`'s bytes anywhere. */
function filesHolding(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return filesUnder(dir).filter((file) => readFileSync(join(dir, file)).includes(bytes));
}

/** A user of the run: what the server acknowledged, and what was in flight when it died. */
interface Writer {
  marker: string;
  email: string;
  token: string;
  id: string;
  sessionId: string;
  voiceSessionId: string;
  journalId: string;
  save: { acked?: { content: string; version: number }; inFlight?: string };
  guided: { acked?: { response: string; version: number }; inFlight?: string };
  recordings: string[];
  flowers: string[];
  /** Whether a save (with a hint) was acknowledged. */
  saved: boolean;
  /** Kinds of write acknowledged in the current round. */
  round: Set<'save' | 'guided' | 'voice' | 'flower'>;
}

describe('reference server under SIGKILL', () => {
  let dataDir = '';
  let emulator: OpenAiEmulator;
  let env: Record<string, string>;
  const writers: Writer[] = [];
  let server: SpawnedServer | undefined;
  let counter = 0;

  const call = async (method: string, path: string, token: string | undefined, body?: unknown): Promise<Response> => {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    return fetch(`${server?.url}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pauz-sigkill-'));
    emulator = await startOpenAiEmulator({ apiKey: 'sk-test-sigkill' });
    env = { PORT: '0', PAUZ_DATA_DIR: dataDir, PAUZ_TRANSCRIBE_URL: emulator.baseUrl, PAUZ_TRANSCRIBE_API_KEY: 'sk-test-sigkill' };
    server = await startServer(env);
    for (let i = 0; i < USERS; i++) {
      const marker = `mk${crypto.randomUUID().replace(/-/g, '')}`;
      const email = `${marker}@example.com`;
      const registered = await call('POST', '/auth/register', undefined, { email, password: PASSWORD });
      expect(registered.status).toBe(201);
      const { token, user } = (await registered.json()) as { token: string; user: { id: string } };
      const session = (await (await call('POST', '/freejournal/', token, { title: `title ${marker}` })).json()) as { id: string };
      const voice = (await (await call('POST', '/freejournal/', token, {})).json()) as { id: string };
      const journal = await call('POST', '/guided_journal/', token, { topic: 'heart', entries: [{ promptId: 1, response: `first ${marker}` }] });
      expect(journal.status).toBe(201);
      const { id: journalId } = (await journal.json()) as { id: string };
      writers.push({ marker, email, token, id: user.id, sessionId: session.id, voiceSessionId: voice.id, journalId, save: {}, guided: {}, recordings: [], flowers: [], saved: false, round: new Set() });
    }
  });

  afterAll(async () => {
    if (server !== undefined) await kill(server);
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * One writer's loop of one kind of write, until the server dies. A request the
   * dying server did not answer (fetch's TypeError) is not acknowledged; any other
   * failure (an unexpected status) fails the run.
   */
  async function loop(stop: { stopped: boolean }, step: () => Promise<void>): Promise<void> {
    while (!stop.stopped) {
      try {
        await step();
      } catch (error) {
        if (error instanceof TypeError) return;
        throw error;
      }
    }
  }

  /** The answer of an acknowledged write, or a TypeError when the connection died before a whole answer. */
  async function acknowledged<T>(res: Response, status: number): Promise<T> {
    const text = await res.text();
    if (res.status !== status) throw new Error(`${res.url} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  function workload(stop: { stopped: boolean }): Promise<void>[] {
    const loops: Promise<void>[] = [];
    for (const w of writers) {
      loops.push(
        loop(stop, async () => {
          const content = `save ${++counter} ${w.marker} ${'words '.repeat(50)}`;
          w.save.inFlight = content;
          const res = await call('POST', `/freejournal/${w.sessionId}/save`, w.token, { content, hints: [`hint ${counter} ${w.marker}`] });
          const { version } = await acknowledged<{ version: number }>(res, 200);
          w.save.acked = { content, version };
          w.save.inFlight = undefined;
          w.saved = true;
          w.round.add('save');
        }),
        loop(stop, async () => {
          const response = `answer ${++counter} ${w.marker}`;
          w.guided.inFlight = response;
          const res = await call('PUT', `/guided_journal/${w.journalId}`, w.token, { entries: [{ promptId: 2, response }] });
          const { version } = await acknowledged<{ version: number }>(res, 200);
          w.guided.acked = { response, version };
          w.guided.inFlight = undefined;
          w.round.add('guided');
        }),
        loop(stop, async () => {
          const form = new FormData();
          form.append('audio', new Blob([makeWav({ seconds: 0.05 }) as BlobPart], { type: 'audio/wav' }), 'note.wav');
          const res = await call('POST', `/freejournal/${w.voiceSessionId}/voice`, w.token, form);
          w.recordings.push((await acknowledged<{ recording: { id: string } }>(res, 201)).recording.id);
          w.round.add('voice');
        }),
        loop(stop, async () => {
          const res = await call('POST', '/garden/', w.token, { mood: 'calm', note: `flower ${++counter} ${w.marker}` });
          w.flowers.push((await acknowledged<{ id: string }>(res, 201)).id);
          w.round.add('flower');
        }),
      );
    }
    return loops;
  }

  /** What must hold in the data directory while the server is down. */
  async function checkAtRest(): Promise<void> {
    const pauz = await createPauzFromEnv({ PAUZ_STORAGE: 'local', PAUZ_DATA_DIR: dataDir });
    try {
      const { db } = pauz;
      const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
      expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
      for (const w of writers) {
        const session = await db.selectFrom('pauz_free_sessions').select(['content', 'version']).where('id', '=', w.sessionId).executeTakeFirstOrThrow();
        // The last acknowledged save, or the one in flight when the server died.
        if (w.save.acked !== undefined) {
          expect([w.save.acked.content, w.save.inFlight]).toContain(session.content);
          expect(session.version).toBeGreaterThanOrEqual(w.save.acked.version);
        }
        // What survived is what the next round must keep.
        if (w.save.acked !== undefined || w.save.inFlight !== undefined) w.save = { acked: { content: session.content, version: session.version } };
        const flowers = await db.selectFrom('pauz_flowers').select('id').where('user_id', '=', w.id).execute();
        expect(flowers.map((f) => f.id)).toEqual(expect.arrayContaining(w.flowers));
        const recordings = await db.selectFrom('pauz_recordings').select('id').where('user_id', '=', w.id).execute();
        expect(recordings.map((r) => r.id)).toEqual(expect.arrayContaining(w.recordings));
      }

      await pauz.reconcile({ graceSeconds: 0 });
      // Nothing left to clear: no orphan, no dangling row, no temp file.
      expect(await pauz.reconcile({ graceSeconds: 0 })).toEqual({
        orphanObjects: { hints: [], guidedJournals: [], audio: [] },
        danglingRows: { hints: [], guidedJournals: [], audio: [] },
        incompleteWrites: { hints: [], guidedJournals: [], audio: [], pdfs: [] },
        finishedDeletions: [],
        expiredTokens: 0,
        searchIndexed: 0,
      });
      expect(filesUnder(dataDir).filter((file) => /(^|\/)\.tmp-|\.tmp$/.test(file))).toEqual([]);
      for (const w of writers) {
        // Every acknowledged guided PUT is readable, its object whole.
        const journal = await pauz.guidedJournals.get(w.id, w.journalId);
        const response = journal.entries.find((e) => e.promptId === 2)?.response;
        if (w.guided.acked !== undefined) {
          expect([w.guided.acked.response, w.guided.inFlight]).toContain(response);
          expect(journal.version).toBeGreaterThanOrEqual(w.guided.acked.version);
        }
        if (response !== undefined) w.guided = { acked: { response, version: journal.version } };
        for (const id of w.recordings) expect((await pauz.recordings.audio(w.id, w.voiceSessionId, id)).bytes.byteLength).toBeGreaterThan(0);
        if (w.saved) expect((await pauz.hints.list(w.id, w.sessionId)).items.length).toBeGreaterThan(0);
      }
    } finally {
      await pauz.close();
    }
  }

  it(`keeps every acknowledged write over ${KILLS} SIGKILLs, and deletion leaves no byte of a user anywhere`, async () => {
    for (let round = 0; round < KILLS; round++) {
      const stop = { stopped: false };
      const loops = workload(stop);
      // Let writes of every kind get under way (each acknowledged once per writer,
      // however slow the machine), then kill at a point no one chose.
      for (const w of writers) w.round.clear();
      for (let waited = 0; writers.some((w) => w.round.size < 4) && waited < 10_000; waited += 25) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 300)));
      await kill(server as SpawnedServer);
      stop.stopped = true;
      await Promise.all(loops);
      await checkAtRest();
      server = await startServer(env);
    }
    for (const w of writers) {
      expect(w.saved, 'a save was acknowledged').toBe(true);
      expect(w.recordings.length, 'a recording was acknowledged').toBeGreaterThan(0);
    }

    // Every data file is private to the server's user.
    for (const file of filesUnder(dataDir)) expect(`${file} ${(statSync(join(dataDir, file)).mode & 0o777).toString(8)}`).toBe(`${file} 600`);
    const dirs = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const dir of dirs.map((entry) => relative(dataDir, join(entry.parentPath, entry.name)))) {
      expect(`${dir} ${(statSync(join(dataDir, dir)).mode & 0o777).toString(8)}`).toBe(`${dir} 700`);
    }

    for (const w of writers) expect((await call('DELETE', '/auth/me', w.token)).status).toBe(204);
    // No graceful shutdown: what is on disk now is what a crash would leave.
    await kill(server as SpawnedServer);
    server = undefined;
    expect(filesUnder(dataDir).filter((file) => file.startsWith('pauz.db'))).toEqual(['pauz.db', 'pauz.db-shm', 'pauz.db-wal']);
    for (const w of writers) {
      expect(filesHolding(dataDir, w.marker), `files holding ${w.marker}`).toEqual([]);
      for (const store of ['buckets/hints', 'buckets/guided-journals', 'buckets/audio-files', 'pdfs']) {
        expect(existsSync(join(dataDir, store, 'users', w.id)), `${store}/users/${w.id}`).toBe(false);
      }
    }
    // Searched as the crash left them; now the database is opened (and recovered) once more.
    const pauz = await createPauzFromEnv({ PAUZ_STORAGE: 'local', PAUZ_DATA_DIR: dataDir });
    try {
      expect((await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(pauz.db)).rows).toEqual([{ integrity_check: 'ok' }]);
      expect(await pauz.db.selectFrom('pauz_users').select('id').execute()).toEqual([]);
    } finally {
      await pauz.close();
    }
  });
});
