import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectPauzError, makeAudioSample } from '../../src/testing/index.js';
import {
  asStream,
  dayOneJournal,
  documentOf,
  exportZip,
  fullAccount,
  openWorld,
  type PortabilityWorld,
  snapshot,
  unzip,
  withoutIds,
  zipOf,
} from './fixtures.js';

describe('account export and import', () => {
  let world: PortabilityWorld;
  beforeEach(async () => {
    world = await openWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('exports the JSON document, Markdown of every journal and the original audio', async () => {
    const user = await fullAccount(world, 'exp');
    const files = unzip(await exportZip(world, user.id));
    const doc = documentOf(await exportZip(world, user.id));
    expect(doc).toMatchObject({ format: 'pauz-export', version: 1, user: { id: user.id, name: 'Name exp' } });
    expect(Object.keys(doc.user).sort()).toEqual(['createdAt', 'email', 'id', 'name']);
    expect(doc.freeJournals).toHaveLength(2);
    const [first, second] = doc.freeJournals;
    expect(Object.keys(first).sort()).toEqual(['content', 'createdAt', 'hints', 'id', 'mood', 'recordings', 'title', 'updatedAt', 'version', 'wordCount']);
    expect(first.hints).toHaveLength(2);
    expect(first.recordings[0]).toMatchObject({ status: 'transcribed', transcript: 'what I said out loud', contentType: 'audio/wav' });
    expect(second.recordings[0]).toMatchObject({ contentType: 'audio/webm', transcript: null });
    expect(doc.guidedJournals).toHaveLength(1);
    expect(doc.flowers).toHaveLength(3);
    // The API's own answers, field for field.
    expect(first).toMatchObject(await world.pauz.freeJournal.get(user.id, first.id));
    expect(first.hints).toEqual((await world.pauz.hints.list(user.id, first.id)).items);
    expect(doc.guidedJournals[0]).toEqual(await world.pauz.guidedJournals.get(user.id, doc.guidedJournals[0].id));
    expect(doc.flowers).toEqual(expect.arrayContaining((await world.pauz.garden.list(user.id)).items));
    for (const recording of [...first.recordings, ...second.recordings]) {
      const audio = await world.pauz.recordings.audio(user.id, recording.sessionId, recording.id);
      expect(files[recording.file]).toEqual(audio.bytes);
    }
    const names = Object.keys(files).sort();
    expect(names.filter((n) => n.startsWith('free-journal/'))).toEqual(
      [`free-journal/2026-06-15-morning-pages-exp-${first.id.slice(0, 8)}.md`, `free-journal/2026-06-15-untitled-${second.id.slice(0, 8)}.md`].sort(),
    );
    const markdown = new TextDecoder().decode(files[`free-journal/2026-06-15-morning-pages-exp-${first.id.slice(0, 8)}.md`]);
    expect(markdown).toContain('# Morning pages exp');
    expect(markdown).toContain('Café au lait');
    expect(markdown).toContain('What did exp feel?');
    expect(markdown).toContain(`**Mood:** ${first.mood}`);
    const guided = new TextDecoder().decode(files[names.find((n) => n.startsWith('guided-journal/2026-06-15-heart-')) as string]);
    expect(guided).toContain('answer exp');
    expect(JSON.stringify(doc)).not.toMatch(/password|token|hash/i);
  });

  it('round trip: export, import into a new account, export again gives the same document (ids aside)', async () => {
    const source = await fullAccount(world, 'rt');
    const zip = await exportZip(world, source.id);
    const { user: target } = await world.pauz.accounts.register({ email: 'target@example.com', password: 'correct horse battery' });
    const report = await world.pauz.portability.import(target.id, asStream(zip));
    expect(report).toEqual({
      format: 'pauz-export',
      imported: { freeJournals: 2, guidedJournals: 1, hints: 2, recordings: 2, flowers: 3 },
      skipped: { freeJournals: 0, guidedJournals: 0, hints: 0, recordings: 0, flowers: 0, tags: 0, photos: 0 },
    });
    const again = documentOf(await exportZip(world, target.id));
    expect(withoutIds(again)).toEqual(withoutIds(documentOf(zip)));
    expect(again.freeJournals.map((s: any) => s.id)).not.toContain(documentOf(zip).freeJournals[0].id);
    // The audio came along, byte for byte, and can be read through the service.
    const recording = again.freeJournals[1].recordings[0];
    expect((await world.pauz.recordings.audio(target.id, recording.sessionId, recording.id)).bytes).toEqual(makeAudioSample('webm'));
    // The untranscribed one can be transcribed with the retry route.
    const retried = await world.pauz.voice.retry(target.id, recording.sessionId, recording.id);
    expect(retried.recording.status).toBe('transcribed');
    expect(retried.session.content).toContain('what I said out loud');
    // Nothing of the source account changed.
    expect(withoutIds(documentOf(await exportZip(world, source.id)))).toEqual(withoutIds(documentOf(zip)));
    // What came in is in the search index, written in the import's batch: the session, the guided journal, the hint.
    const kindsOf = async (q: string) => (await world.pauz.search.query(target.id, { q })).items.map((item) => item.kind).sort();
    expect(await kindsOf('cafe lait')).toEqual(['free']);
    expect(await kindsOf('日本語')).toEqual(['free']);
    expect(await kindsOf('answer rt')).toContain('guided');
    expect(await kindsOf('feel')).toContain('hint');
  });

  it('keeps imported instants in UTC whatever offset the archive wrote them with (found by an outside test)', async () => {
    const source = await fullAccount(world, 'tz');
    const files = unzip(await exportZip(world, source.id));
    const doc = documentOf(zipOf(files));
    // 05:00 at +14:00 is 15:00 UTC the day before; Pauz compares and sorts instants as text.
    doc.freeJournals[0].createdAt = '2026-12-01T05:00:00+14:00';
    doc.freeJournals[0].updatedAt = '2026-12-01T05:30:00+14:00';
    files['pauz-export.json'] = new TextEncoder().encode(JSON.stringify(doc));
    const { user: target } = await world.pauz.accounts.register({ email: 'tz-target@example.com', password: 'correct horse battery' });
    await world.pauz.portability.import(target.id, asStream(zipOf(files)));
    const imported = documentOf(await exportZip(world, target.id)).freeJournals.find((s: any) => s.title === doc.freeJournals[0].title);
    expect(imported.createdAt).toBe('2026-11-30T15:00:00.000Z');
    expect(imported.updatedAt).toBe('2026-11-30T15:30:00.000Z');
  });

  it('importing the same archive twice imports nothing the second time', async () => {
    const source = await fullAccount(world, 'twice');
    const zip = await exportZip(world, source.id);
    const { user: target } = await world.pauz.accounts.register({ email: 'twice@example.com', password: 'correct horse battery' });
    await world.pauz.portability.import(target.id, asStream(zip));
    const before = await snapshot(world);
    const second = await world.pauz.portability.import(target.id, asStream(zip));
    expect(second.imported).toEqual({ freeJournals: 0, guidedJournals: 0, hints: 0, recordings: 0, flowers: 0 });
    expect(second.skipped).toMatchObject({ freeJournals: 2, guidedJournals: 1, hints: 2, recordings: 2, flowers: 3 });
    expect(await snapshot(world)).toEqual(before);
    // Its own export imported into itself: everything is there already.
    const own = await world.pauz.portability.import(source.id, asStream(zip));
    expect(own.imported).toEqual({ freeJournals: 0, guidedJournals: 0, hints: 0, recordings: 0, flowers: 0 });
    expect(await snapshot(world)).toEqual(before);
  });

  it('imports an item again when the one it made was deleted since', async () => {
    const source = await fullAccount(world, 'del');
    const zip = await exportZip(world, source.id);
    const { user: target } = await world.pauz.accounts.register({ email: 'del@example.com', password: 'correct horse battery' });
    await world.pauz.portability.import(target.id, asStream(zip));
    const { items } = await world.pauz.garden.list(target.id);
    await world.pauz.garden.delete(target.id, items[0]?.id as string);
    const report = await world.pauz.portability.import(target.id, asStream(zip));
    expect(report.imported).toEqual({ freeJournals: 0, guidedJournals: 0, hints: 0, recordings: 0, flowers: 1 });
  });

  it('an import racing the account deletion leaves nothing behind', async () => {
    const source = await fullAccount(world, 'race');
    const zip = await exportZip(world, source.id);
    const { user: target } = await world.pauz.accounts.register({ email: 'race@example.com', password: 'correct horse battery' });
    const before = await snapshot(world);
    // The deletion's tombstone lands while the archive streams in.
    let marked = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(zip.slice(0, zip.byteLength - 100));
      },
      async pull(controller) {
        if (!marked) {
          marked = true;
          await world.db.updateTable('pauz_users').set({ deleting_at: new Date().toISOString() }).where('id', '=', target.id).execute();
        }
        controller.enqueue(zip.slice(zip.byteLength - 100));
        controller.close();
      },
    });
    await expectPauzError(world.pauz.portability.import(target.id, body), 'NOT_FOUND');
    expect(await snapshot(world)).toEqual(before);
  });

  it('reads nothing more once the export stream is cancelled, and aborts the reads it started', async () => {
    const user = await fullAccount(world, 'cancel');
    for (let i = 0; i < 3; i++) {
      const s = await world.pauz.freeJournal.create(user.id, { title: `more ${i}` });
      await world.pauz.recordings.store(user.id, s.id, { audio: makeAudioSample('mp3') });
    }
    const audio = world.buckets.audio;
    const original = audio.get.bind(audio);
    const signals: Array<AbortSignal | undefined> = [];
    audio.get = async (key, options) => {
      signals.push(options?.signal);
      return original(key, options);
    };
    const reader = (await world.pauz.portability.export(user.id)).getReader();
    while (signals.length === 0) {
      if ((await reader.read()).done) throw new Error('the export ended before reading any audio');
    }
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('exports nothing of a user that does not exist', async () => {
    await expectPauzError(world.pauz.portability.export('00000000-0000-4000-8000-000000000000'), 'NOT_FOUND');
  });
});

describe('Day One import', () => {
  let world: PortabilityWorld;
  beforeEach(async () => {
    world = await openWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  const md5a = '0123456789abcdef0123456789abcdef';
  const md5b = 'fedcba9876543210fedcba9876543210';

  function dayOneZip(): Uint8Array {
    return zipOf({
      'Journal.json': dayOneJournal([
        {
          uuid: 'A1B2C3D4E5F60718293A4B5C6D7E8F90',
          creationDate: '2019-03-04T07:08:09Z',
          modifiedDate: '2019-03-05T10:00:00Z',
          timeZone: 'Europe/Berlin',
          starred: true,
          text: '# A day at the lake\\!\n\nWe swam\\. It was cold \\(very\\)\\.\n\\- not a list',
          tags: ['summer', 'family'],
          photos: [{ identifier: 'P1', md5: 'aa', type: 'jpeg' }],
          audios: [{ identifier: 'AU1', md5: md5a, format: 'm4a', duration: 3.5 }],
        },
        { uuid: 'B1B2C3D4E5F60718293A4B5C6D7E8F90', creationDate: '2020-01-01T00:00:00Z', text: 'Just one line' },
      ]),
      'Work Notes.json': dayOneJournal([
        {
          uuid: 'C1B2C3D4E5F60718293A4B5C6D7E8F90',
          creationDate: '2021-05-06T12:00:00Z',
          modifiedDate: '2021-05-06T12:30:00Z',
          text: 'Standup\nShipped 1\\.2\\.3',
          tags: ['work'],
          audios: [
            { identifier: 'AU2', md5: md5b, format: 'mp3', duration: 1 },
            { identifier: 'AU3', md5: 'ab'.repeat(16), format: 'caf', duration: 1 },
          ],
        },
      ]),
      [`audios/${md5a}.m4a`]: makeAudioSample('m4a'),
      [`audios/${md5b}.mp3`]: makeAudioSample('mp3'),
      // A format Pauz does not accept: counted in skipped.
      [`audios/${'ab'.repeat(16)}.caf`]: new TextEncoder().encode('caff not audio Pauz takes'),
      'photos/aa.jpeg': new Uint8Array([0xff, 0xd8, 0xff]),
    });
  }

  it('turns entries into sessions: title, content with the escapes undone, dates, audio as untranscribed recordings', async () => {
    const { user } = await world.pauz.accounts.register({ email: 'd1@example.com', password: 'correct horse battery' });
    const report = await world.pauz.portability.import(user.id, asStream(dayOneZip()));
    expect(report).toEqual({
      format: 'dayone',
      imported: { freeJournals: 3, guidedJournals: 0, hints: 0, recordings: 2, flowers: 0 },
      skipped: { freeJournals: 0, guidedJournals: 0, hints: 0, recordings: 1, flowers: 0, tags: 3, photos: 1 },
    });
    const { items } = await world.pauz.freeJournal.list(user.id);
    const byTitle = new Map(items.map((i) => [i.title, i]));
    const lake = await world.pauz.freeJournal.get(user.id, byTitle.get('A day at the lake!')?.id as string);
    expect(lake).toMatchObject({ content: 'We swam. It was cold (very).\n- not a list', createdAt: '2019-03-04T07:08:09.000Z', updatedAt: '2019-03-05T10:00:00.000Z', version: 1 });
    expect(await world.pauz.freeJournal.get(user.id, byTitle.get('Just one line')?.id as string)).toMatchObject({ content: '' });
    const standup = byTitle.get('Standup');
    expect(standup).toBeDefined();
    const full = await world.pauz.freeJournal.get(user.id, standup?.id as string);
    expect(full.content).toBe('Shipped 1.2.3');
    const recordings = (await world.pauz.recordings.list(user.id, lake.id)).items;
    expect(recordings).toHaveLength(1);
    expect(recordings[0]).toMatchObject({ contentType: 'audio/mp4', status: 'failed', transcript: null });
    expect((await world.pauz.recordings.audio(user.id, lake.id, recordings[0]?.id as string)).bytes).toEqual(makeAudioSample('m4a'));
    const retried = await world.pauz.voice.retry(user.id, lake.id, recordings[0]?.id as string);
    expect(retried.session.content).toContain('what I said out loud');
    // Only the two accepted audio files are stored.
    expect((await world.buckets.audio.list({ prefix: '' })).objects).toHaveLength(2);
    const again = await world.pauz.portability.import(user.id, asStream(dayOneZip()));
    expect(again.imported).toEqual({ freeJournals: 0, guidedJournals: 0, hints: 0, recordings: 0, flowers: 0 });
    expect(again.skipped).toMatchObject({ freeJournals: 3, recordings: 3 });
    expect((await world.buckets.audio.list({ prefix: '' })).objects).toHaveLength(2);
  });

  it('refuses a Day One archive whose audio file is missing, importing nothing', async () => {
    const { user } = await world.pauz.accounts.register({ email: 'd2@example.com', password: 'correct horse battery' });
    const before = await snapshot(world);
    const zip = zipOf({
      'Journal.json': dayOneJournal([{ uuid: 'D1', creationDate: '2019-03-04T07:08:09Z', text: 'x', audios: [{ identifier: 'A', md5: md5a, format: 'm4a' }] }]),
      [`audios/${md5b}.mp3`]: makeAudioSample('mp3'),
    });
    await expectPauzError(world.pauz.portability.import(user.id, asStream(zip)), 'VALIDATION_FAILED');
    expect(await snapshot(world)).toEqual(before);
  });
});
