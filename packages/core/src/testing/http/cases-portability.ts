import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { expect, it } from 'vitest';
import { expectJson, expectProblem, type TestClient } from './client.js';
import type { ConformanceContext } from './context.js';
import { importReportSchema, recordingListSchema } from '../../http/schemas.js';
import { makeAudioSample, makeWav } from '../audio.js';

const NOTHING = { freeJournals: 0, guidedJournals: 0, hints: 0, recordings: 0, flowers: 0 };

async function download(api: TestClient, token: string, method = 'GET'): Promise<{ response: Response; bytes: Uint8Array }> {
  const response = await fetch(`${api.baseUrl}/account/export`, { method, headers: { authorization: `Bearer ${token}` } });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

function upload(api: TestClient, token: string, zip: Uint8Array, contentType = 'application/zip') {
  return api.post('/account/import', { token, raw: { body: zip, contentType } });
}

function documentOf(zip: Uint8Array): Record<string, any> {
  return JSON.parse(new TextDecoder().decode(unzipSync(zip)['pauz-export.json'])) as Record<string, any>;
}

/** The document with its ids numbered in order of appearance: exports of the same writing compare equal. */
function withoutIds(doc: Record<string, any>): unknown {
  const ids = new Map<string, string>();
  const text = JSON.stringify({ ...doc, user: null, exportedAt: null });
  return JSON.parse(
    text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `#${ids.size}`);
      return ids.get(id) as string;
    }),
  );
}

/** What a user's account holds, counted in SQL and in every bucket. */
async function holdings(c: ConformanceContext, userId: string): Promise<Record<string, number>> {
  const { harness } = c;
  const counts: Record<string, number> = {};
  for (const table of ['pauz_free_sessions', 'pauz_hints', 'pauz_recordings', 'pauz_guided_journals', 'pauz_flowers', 'pauz_imports'] as const) {
    const row = await harness.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  for (const [name, bucket] of Object.entries(harness.buckets)) {
    counts[`bucket:${name}`] = (await bucket.list({ prefix: `users/${userId}/` })).objects.length;
  }
  return counts;
}

async function fillAccount(c: ConformanceContext, userId: string): Promise<void> {
  const { pauz, clock } = c.harness;
  const session = await pauz.freeJournal.create(userId, { title: 'Over HTTP' });
  clock.advance(1000);
  await pauz.freeJournal.save(userId, session.id, { content: 'Words, café, 日本語.', hints: ['And then?'] });
  clock.advance(1000);
  await pauz.recordings.store(userId, session.id, { audio: makeWav({ seconds: 0.1 }) });
  clock.advance(1000);
  await pauz.guidedJournals.create(userId, { topic: 'joy', entries: [{ promptId: 1, response: 'Dancing.' }] });
  clock.advance(1000);
  await pauz.garden.add(userId, { mood: 'happy', sessionId: session.id });
  // Past the pending window: the recording reads `failed`, as an import makes it.
  clock.advance(11 * 60 * 1000);
}

export function portabilityCases(c: () => ConformanceContext): void {
  it('exports the account as a streamed zip, imports it into another account, and a second import adds nothing', async () => {
    const ctx = c();
    const { api, register } = ctx;
    const source = await register();
    const target = await register();
    await fillAccount(ctx, source.userId);
    const sourceBefore = await holdings(ctx, source.userId);
    const { response, bytes } = await download(api, source.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="pauz-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = Object.keys(unzipSync(bytes));
    expect(files).toContain('pauz-export.json');
    expect(files.filter((f) => f.startsWith('free-journal/') && f.endsWith('.md'))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('guided-journal/2026-06-15-joy-'))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('audio/') && f.endsWith('.wav'))).toHaveLength(1);

    const report = expectJson(await upload(api, target.token, bytes), 200, importReportSchema);
    expect(report).toEqual({ format: 'pauz-export', imported: { freeJournals: 1, guidedJournals: 1, hints: 1, recordings: 1, flowers: 1 }, skipped: { ...NOTHING, tags: 0, photos: 0 } });
    const again = await download(api, target.token);
    expect(withoutIds(documentOf(again.bytes))).toEqual(withoutIds(documentOf(bytes)));
    const targetAfter = await holdings(ctx, target.userId);
    const second = expectJson(await upload(api, target.token, bytes), 200, importReportSchema);
    expect(second.imported).toEqual(NOTHING);
    expect(second.skipped).toMatchObject({ freeJournals: 1, guidedJournals: 1, hints: 1, recordings: 1, flowers: 1 });
    expect(await holdings(ctx, target.userId)).toEqual(targetAfter);
    // The source account was read, never touched.
    expect(await holdings(ctx, source.userId)).toEqual(sourceBefore);
  });

  it('answers HEAD of the export with its headers and no body', async () => {
    const { api, register } = c();
    const { token } = await register();
    const { response, bytes } = await download(api, token, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(bytes.byteLength).toBe(0);
  });

  it('needs a signed-in user for both', async () => {
    const { api } = c();
    expectProblem(await api.get('/account/export'), 401, 'UNAUTHENTICATED');
    expectProblem(await api.post('/account/import', { raw: { body: zipSync({}), contentType: 'application/zip' } }), 401, 'UNAUTHENTICATED');
  });

  it('refuses hostile and broken archives (4xx) and imports nothing of them', async () => {
    const ctx = c();
    const { api, register } = ctx;
    const source = await register();
    const user = await register();
    await fillAccount(ctx, source.userId);
    const good = (await download(api, source.token)).bytes;
    const goodFiles = unzipSync(good);
    const before = await holdings(ctx, user.userId);
    const withFiles = (extra: Zippable): Uint8Array => zipSync({ ...goodFiles, ...extra });
    const doc = documentOf(good);
    const cases: Array<[string, Uint8Array, number, string, string?]> = [
      ['not a zip', strToU8('just some text, not an archive'), 400, 'VALIDATION_FAILED', 'application/zip'],
      ['truncated', good.slice(0, Math.floor(good.byteLength * 0.7)), 400, 'VALIDATION_FAILED'],
      ['a .. path', withFiles({ '../evil.txt': strToU8('x') }), 400, 'VALIDATION_FAILED'],
      ['an absolute path', withFiles({ '/abs.txt': strToU8('x') }), 400, 'VALIDATION_FAILED'],
      ['a backslash path', withFiles({ 'C:\\x.txt': strToU8('x') }), 400, 'VALIDATION_FAILED'],
      ['an unknown format', zipSync({ 'notes/readme.txt': strToU8('hello') }), 400, 'VALIDATION_FAILED'],
      ['JSON that is not JSON', zipSync({ 'pauz-export.json': strToU8('{"format": "pauz-export", ') }), 400, 'VALIDATION_FAILED'],
      ['a document failing validation', zipSync({ ...goodFiles, 'pauz-export.json': strToU8(JSON.stringify({ ...doc, flowers: [{ ...doc.flowers[0], mood: 'furious' }] })) }), 400, 'VALIDATION_FAILED'],
      [
        'a missing audio file',
        zipSync(Object.fromEntries(Object.entries(goodFiles).filter(([name]) => !name.startsWith('audio/')))),
        400,
        'VALIDATION_FAILED',
      ],
      ['audio that is not audio', zipSync({ ...goodFiles, [doc.freeJournals[0].recordings[0].file]: strToU8('not audio') }), 400, 'VALIDATION_FAILED'],
      ['the wrong content type', good, 415, 'UNSUPPORTED_MEDIA_TYPE', 'application/octet-stream'],
    ];
    for (const [what, zip, status, code, contentType] of cases) {
      const answer = await upload(api, user.token, zip, contentType);
      expect(answer.status, what).toBe(status);
      expectProblem(answer, status, code);
      expect(await holdings(ctx, user.userId), what).toEqual(before);
    }
    // The archive still imports cleanly after all that.
    expect(expectJson(await upload(api, user.token, good), 200, importReportSchema).imported.freeJournals).toBe(1);
  });

  it('refuses an archive of more entries than the limit (60,000 against 50,000): 413, nothing imported', async () => {
    const ctx = c();
    const { api, register } = ctx;
    const user = await register();
    const before = await holdings(ctx, user.userId);
    const files: Zippable = {};
    for (let i = 0; i < 60_000; i++) files[`e/${i}`] = [new Uint8Array(0), { level: 0 }];
    const answer = await upload(api, user.token, zipSync(files));
    expectProblem(answer, 413, 'PAYLOAD_TOO_LARGE');
    expect(await holdings(ctx, user.userId)).toEqual(before);
  });

  it('refuses an archive past the size limit while it streams in, and the client reads the 413', async () => {
    const ctx = c();
    const { api, register, harness } = ctx;
    const user = await register();
    const limit = harness.pauz.limits.importBytes;
    // A stored entry announcing more bytes than the limit, then zeros as they come.
    const name = strToU8('big.bin');
    const header = new Uint8Array(30 + name.byteLength);
    const view = new DataView(header.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true);
    view.setUint32(18, limit + 10 * 1024 * 1024, true);
    view.setUint32(22, limit + 10 * 1024 * 1024, true);
    view.setUint16(26, name.byteLength, true);
    header.set(name, 30);
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(header);
        if (sent > limit + 8 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${api.baseUrl}/account/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/zip' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('imports a Day One export: entries as sessions, audio as recordings, tags and photos counted in skipped', async () => {
    const ctx = c();
    const { api, register, harness } = ctx;
    const user = await register();
    const md5 = 'c0ffee'.padEnd(32, '0');
    const journal = {
      metadata: { version: '1.0' },
      entries: [
        {
          uuid: 'E0E0E0E0E0E0E0E0E0E0E0E0E0E0E0E0',
          creationDate: '2018-07-01T06:30:00Z',
          modifiedDate: '2018-07-01T07:00:00Z',
          timeZone: 'America/New_York',
          text: '# Sunrise\\!\n\nCoffee \\(black\\)\\. Then a run\\.',
          tags: ['morning'],
          photos: [{ identifier: 'P', md5: 'ff'.repeat(16), type: 'jpeg' }],
          audios: [{ identifier: 'A', md5, format: 'mp3', duration: 2 }],
        },
      ],
    };
    const zip = zipSync({ 'My Journal.json': strToU8(JSON.stringify(journal)), [`audios/${md5}.mp3`]: makeAudioSample('mp3') });
    const report = expectJson(await upload(api, user.token, zip), 200, importReportSchema);
    expect(report).toEqual({ format: 'dayone', imported: { ...NOTHING, freeJournals: 1, recordings: 1 }, skipped: { ...NOTHING, tags: 1, photos: 1 } });
    const [preview] = (await harness.pauz.freeJournal.list(user.userId)).items;
    expect(preview).toMatchObject({ title: 'Sunrise!', createdAt: '2018-07-01T06:30:00.000Z', updatedAt: '2018-07-01T07:00:00.000Z' });
    const session = await harness.pauz.freeJournal.get(user.userId, preview?.id as string);
    expect(session.content).toBe('Coffee (black). Then a run.');
    const recordings = expectJson(await api.get(`/freejournal/${session.id}/recordings`, { token: user.token }), 200, recordingListSchema);
    expect(recordings.items).toMatchObject([{ contentType: 'audio/mpeg', status: 'failed', transcript: null }]);
    // The retry route transcribes it.
    const retried = await api.post(`/freejournal/${session.id}/voice/${recordings.items[0]?.id}/transcribe`, { token: user.token });
    expect(retried.status).toBe(200);
    expect(retried.body.recording.status).toBe('transcribed');
  });
}
