import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWav, startOpenAiEmulator } from '@pauz/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, startServer } from './spawn-server.js';

/*
 * Runs the built reference server the way `pnpm start` does and walks the README's
 * newcomer path over HTTP: register, create and save a session, add a flower, read
 * stats.
 */



describe('reference server', () => {
  let server: { child: ChildProcess; url: string } | undefined;
  let dataDir = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pauz-server-'));
    server = await startServer({ PORT: '0', PAUZ_DATA_DIR: dataDir });
  });

  afterAll(() => {
    server?.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints its URL and serves health at the root path', async () => {
    expect(server?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server?.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' }, 'smartbucket:guided-journals': { status: 'ok' } } });
  });

  it("walks the README's newcomer path", async () => {
    const url = server?.url ?? '';
    const json = { 'content-type': 'application/json' };
    const reg = await fetch(`${url}/auth/register`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'me@example.com', password: 'correct horse battery' }),
    });
    expect(reg.status).toBe(201);
    const { token } = (await reg.json()) as { token: string };
    const auth = { ...json, authorization: `Bearer ${token}` };
    const created = await fetch(`${url}/freejournal/`, { method: 'POST', headers: auth, body: JSON.stringify({ title: 'First entry' }) });
    expect(created.status).toBe(201);
    const session = (await created.json()) as { id: string; version: number };
    const saved = await fetch(`${url}/freejournal/${session.id}/save`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ content: 'Today I started journaling.', baseVersion: session.version }),
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ version: 2, wordCount: 4 });
    const flower = await fetch(`${url}/garden/`, { method: 'POST', headers: auth, body: JSON.stringify({ mood: 'happy', note: 'first day' }) });
    expect(flower.status).toBe(201);
    const stats = await fetch(`${url}/stats/overview`, { headers: auth });
    expect(await stats.json()).toEqual({ freeJournals: 1, guidedJournals: 0, flowers: 1, words: 4, currentStreak: 1 });
  });

  it('exports a PDF behind a link this server serves, and answers 501 to voice without a transcriber', async () => {
    const url = server?.url ?? '';
    const json = { 'content-type': 'application/json' };
    const reg = await fetch(`${url}/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'pdf@example.com', password: 'correct horse battery' }) });
    const { token } = (await reg.json()) as { token: string };
    const auth = { ...json, authorization: `Bearer ${token}` };
    const session = (await (await fetch(`${url}/freejournal/`, { method: 'POST', headers: auth, body: '{}' })).json()) as { id: string };
    const exported = await fetch(`${url}/freejournal/${session.id}/export`, { method: 'POST', headers: auth });
    expect(exported.status).toBe(201);
    const { url: link } = (await exported.json()) as { url: string };
    expect(link.startsWith(`${url}/files/pdf/`)).toBe(true);
    const pdf = await fetch(link);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const voice = await fetch(`${url}/freejournal/${session.id}/voice`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'audio/wav' }, body: makeWav() as BodyInit });
    expect(voice.status).toBe(501);
  });

  it('transcribes voice through an OpenAI-compatible server set by PAUZ_TRANSCRIBE_URL', async () => {
    const emulator = await startOpenAiEmulator({ apiKey: 'sk-test-transcribe' });
    const dir = mkdtempSync(join(tmpdir(), 'pauz-voice-'));
    const voiceServer = await startServer({ PORT: '0', PAUZ_DATA_DIR: dir, PAUZ_TRANSCRIBE_URL: emulator.baseUrl, PAUZ_TRANSCRIBE_API_KEY: 'sk-test-transcribe' });
    try {
      const json = { 'content-type': 'application/json' };
      const reg = await fetch(`${voiceServer.url}/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'v@example.com', password: 'correct horse battery' }) });
      const { token } = (await reg.json()) as { token: string };
      const session = (await (await fetch(`${voiceServer.url}/freejournal/`, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` } })).json()) as { id: string };
      const wav = makeWav({ seconds: 0.2 });
      const form = new FormData();
      form.append('audio', new Blob([wav as BlobPart], { type: 'audio/wav' }), 'note.wav');
      const res = await fetch(`${voiceServer.url}/freejournal/${session.id}/voice`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { session: { content: string } }).session.content).toBe(`heard ${wav.byteLength} bytes of wav`);
    } finally {
      voiceServer.child.kill('SIGTERM');
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never loses the request after an early answer to a big body (401, 404, 405, 501) on a keep-alive connection', async () => {
    const url = server?.url ?? '';
    const json = { 'content-type': 'application/json' };
    const reg = await fetch(`${url}/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'early@example.com', password: 'correct horse battery' }) });
    const { token } = (await reg.json()) as { token: string };
    const auth = { ...json, authorization: `Bearer ${token}` };
    const session = (await (await fetch(`${url}/freejournal/`, { method: 'POST', headers: auth, body: '{}' })).json()) as { id: string; version: number };
    // 300 KB: more than the socket buffers take, so the server answers before it has the body.
    const big = JSON.stringify({ content: 'x'.repeat(300_000) });
    const early: Array<[number, string, RequestInit]> = [
      [401, `/freejournal/${session.id}/save`, { method: 'POST', headers: json, body: big }],
      [404, '/nothing-here', { method: 'POST', headers: auth, body: big }],
      [405, '/garden/', { method: 'PUT', headers: auth, body: big }],
      [501, `/freejournal/${session.id}/voice`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'audio/wav' }, body: big }],
    ];
    let version = session.version;
    for (let round = 0; round < 3; round++) {
      for (const [status, path, init] of early) {
        const answer = await fetch(`${url}${path}`, init);
        expect(answer.status, path).toBe(status);
        await answer.text();
        // At once, on the connection the early answer left: it must still be usable (or have said close).
        const saved = await fetch(`${url}/freejournal/${session.id}/save`, { method: 'POST', headers: auth, body: JSON.stringify({ content: `after ${status}`, baseVersion: version }) });
        expect(saved.status, `the save after the ${status}`).toBe(200);
        version = ((await saved.json()) as { version: number }).version;
      }
    }
  });

  it('refuses to start on an invalid configuration, naming every problem', async () => {
    await expect(startServer({ PORT: '0', PAUZ_STORAGE: 'raindrop', PAUZ_DATA_DIR: dataDir })).rejects.toThrow(
      /AI_API_KEY, RAINDROP_ORG, APPLICATION_NAME, VULTR_ACCESS_KEY, VULTR_SECRET_KEY, VULTR_REGION, VULTR_BUCKET_NAME/,
    );
  });
});
