import { makeWav } from '@pauz/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPauzClient, isPauzClientError, type PauzClient, PauzClientError } from '../src/index.js';
import { type RunningApi, startApi } from './servers.js';

/** The rejection of `promise`, which must be a PauzClientError. */
async function failureOf(promise: Promise<unknown>): Promise<PauzClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPauzClientError(error), `expected a PauzClientError, got ${String(error)}`).toBe(true);
  return error as PauzClientError;
}

for (const adapter of ['hono', 'express'] as const) {
  describe(`@pauz/client against a real server through @pauz/${adapter}`, () => {
    let api: RunningApi;
    let anonymous: PauzClient;

    beforeAll(async () => {
      api = await startApi(adapter);
      anonymous = createPauzClient({ baseUrl: api.baseUrl });
    });
    afterAll(async () => {
      await api?.close();
    });

    it('walks an account from register to deletion through every kind of operation', async () => {
      expect((await anonymous.meta.health()).status).toBe('ok');
      const email = `client.${crypto.randomUUID()}@example.com`;
      const password = 'correct horse battery';
      const registered = await anonymous.auth.register({ email, password, name: 'Client' });
      expect(registered.user.email).toBe(email);
      const taken = await failureOf(anonymous.auth.register({ email, password }));
      expect([taken.code, taken.status]).toEqual(['EMAIL_TAKEN', 409]);
      const { token } = await anonymous.auth.login({ email, password });
      const me = anonymous.withToken(token);
      expect((await me.auth.me()).user.id).toBe(registered.user.id);
      // withToken leaves the anonymous client anonymous.
      expect((await failureOf(anonymous.auth.me())).code).toBe('UNAUTHENTICATED');

      // Sessions: create (no body needed), list with a query, save, a version conflict.
      const untitled = await me.freeJournal.create();
      expect(untitled.version).toBe(1);
      const session = await me.freeJournal.create({ title: 'By the river' });
      const page = await me.freeJournal.list({ limit: 1 });
      expect(page.items).toHaveLength(1);
      expect(typeof page.nextCursor).toBe('string');
      expect((await me.freeJournal.get({ id: session.id })).title).toBe('By the river');
      const saved = await me.freeJournal.save({ id: session.id }, { content: 'The water was loud today.', hints: ['What did you hear?'], baseVersion: session.version });
      expect(saved.version).toBe(session.version + 1);
      const conflict = await failureOf(me.freeJournal.save({ id: session.id }, { content: 'Stale', baseVersion: session.version }));
      expect(conflict).toBeInstanceOf(PauzClientError);
      expect([conflict.code, conflict.status, conflict.currentVersion]).toEqual(['VERSION_CONFLICT', 409, saved.version]);
      expect(conflict.problem).toMatchObject({ code: 'VERSION_CONFLICT', status: 409, type: 'urn:pauz:problem:version-conflict', currentVersion: saved.version });
      expect(conflict.message).toBe(conflict.problem?.detail);
      const invalid = await failureOf(me.freeJournal.save({ id: session.id }, { content: 42 as unknown as string }));
      expect(invalid.code).toBe('VALIDATION_FAILED');
      expect(invalid.errors.map((e) => e.field)).toEqual(['content']);
      expect((await failureOf(me.freeJournal.get({ id: crypto.randomUUID() }))).code).toBe('NOT_FOUND');

      // Hints.
      const hint = await me.freeJournal.generateHint({ id: session.id });
      expect(hint.source).toBe('writer');
      const hints = await me.freeJournal.listHints({ id: session.id });
      expect(hints.items.map((h) => h.source).sort()).toEqual(['client', 'writer']);

      // Voice: a Blob, a Uint8Array, a failed transcription and its retry.
      const wav = makeWav();
      const voiced = await me.freeJournal.uploadVoice({ id: session.id }, new Blob([new Uint8Array(wav)], { type: 'audio/wav' }));
      expect(voiced.recording.status).toBe('transcribed');
      expect(voiced.session.content).toMatch(/river/);
      const fromBytes = await me.freeJournal.uploadVoice({ id: session.id }, wav);
      expect(fromBytes.recording.contentType).toBe('audio/wav');
      api.transcriber.mode = 'fail';
      const failed = await failureOf(me.freeJournal.uploadVoice({ id: session.id }, wav, { contentType: 'audio/wav' }));
      api.transcriber.mode = 'ok';
      expect(failed.code).toBe('TRANSCRIPTION_FAILED');
      expect(typeof failed.recordingId).toBe('string');
      const retried = await me.freeJournal.retryTranscription({ id: session.id, recordingId: failed.recordingId ?? '' });
      expect(retried.recording.status).toBe('transcribed');

      // Recordings and their audio, as uploaded.
      const recordings = await me.freeJournal.listRecordings({ id: session.id });
      expect(recordings.items.map((r) => r.status)).toEqual(['transcribed', 'transcribed', 'transcribed']);
      const audio = await me.freeJournal.recordingAudio({ id: session.id, recordingId: voiced.recording.id });
      expect(audio.headers.get('content-type')).toBe('audio/wav');
      expect(new Uint8Array(await audio.arrayBuffer())).toEqual(wav);
      const missing = await failureOf(me.freeJournal.recordingAudio({ id: session.id, recordingId: crypto.randomUUID() }));
      expect(missing.code).toBe('NOT_FOUND');

      // Reflection plants the flower; the garden and the stats see it.
      const reflection = await me.freeJournal.reflect({ id: session.id });
      expect(reflection.flower.sessionId).toBe(session.id);
      const added = await me.garden.add({ mood: 'calm', note: 'by hand' });
      expect((await me.garden.list()).items.map((f) => f.id)).toContain(added.id);
      expect((await me.garden.stats({ tz: 'Europe/Paris' })).total).toBe(2);
      expect((await me.stats.overview()).freeJournals).toBe(2);
      await me.garden.delete({ id: added.id });

      // Guided journal.
      const topics = await anonymous.guidedJournal.topics();
      expect(topics.items).toHaveLength(10);
      const topic = topics.items[0]?.id ?? 'mind';
      const prompts = await me.guidedJournal.prompts({ topic });
      expect(prompts.prompts).toHaveLength(9);
      const journal = await me.guidedJournal.create({ topic, prompts: prompts.prompts });
      const updated = await me.guidedJournal.update({ id: journal.id }, { entries: [{ promptId: 1, response: 'Mornings.' }], baseVersion: journal.version });
      expect(updated.version).toBe(journal.version + 1);
      expect((await me.guidedJournal.list()).items.map((j) => j.id)).toEqual([journal.id]);
      expect((await me.guidedJournal.get({ id: journal.id })).entries).toHaveLength(1);

      // Export a PDF and download it through its signed link, both ways.
      const exported = await me.freeJournal.export({ id: session.id }, { timeZone: 'Europe/Paris' });
      const pdf = await me.download(exported.url);
      expect(pdf.headers.get('content-type')).toMatch(/^application\/pdf/);
      const bytes = new Uint8Array(await pdf.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      expect(bytes.byteLength).toBe(exported.size);
      const link = new URL(exported.url);
      const viaRoute = await anonymous.files.pdf({ key: exported.key }, Object.fromEntries(link.searchParams));
      expect(new Uint8Array(await viaRoute.arrayBuffer())).toEqual(bytes);
      const forged = await failureOf(me.download(`${exported.url}0`));
      expect(forged.code).toBe('NOT_FOUND');
      const guidedPdf = await me.guidedJournal.export({ id: journal.id });
      expect(new TextDecoder().decode(new Uint8Array(await (await me.download(guidedPdf.url)).arrayBuffer()).slice(0, 5))).toBe('%PDF-');

      // Deletions, logout, and the account.
      await me.guidedJournal.delete({ id: journal.id });
      await me.freeJournal.delete({ id: untitled.id });
      expect(await me.auth.deleteAccount()).toBeUndefined();
      expect((await failureOf(me.auth.me())).code).toBe('UNAUTHENTICATED');
      expect((await failureOf(anonymous.auth.login({ email, password }))).code).toBe('INVALID_CREDENTIALS');
    });

    it('logs out, and takes the token from a function at every request', async () => {
      let current: string | null = null;
      const client = createPauzClient({ baseUrl: `${api.baseUrl}/`, token: () => current });
      expect((await failureOf(client.auth.me())).status).toBe(401);
      const session = await client.auth.register({ email: `fn.${crypto.randomUUID()}@example.com`, password: 'correct horse battery' });
      current = session.token;
      expect((await client.auth.me()).user.id).toBe(session.user.id);
      expect(await client.auth.logout()).toBeUndefined();
      expect((await failureOf(client.auth.me())).code).toBe('UNAUTHENTICATED');
    });

    it('serves the same operations the OpenAPI document lists', async () => {
      const document = await anonymous.meta.openapi();
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toContain('/freejournal/{id}/save');
    });
  });
}
