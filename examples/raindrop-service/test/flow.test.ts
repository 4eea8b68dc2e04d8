/**
 * The built service (dist/index.js) inside workerd with real D1 and R2 bindings, the
 * AI binding of §3 and an S3 server on loopback: the whole journaling flow of a user,
 * then account deletion, after which D1, R2 and S3 hold nothing of theirs — checked
 * through the bindings and by searching the bytes miniflare keeps on disk.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emulatedTranscript, makeWav } from '@pauz/core/testing';
import { describe, expect, it } from 'vitest';
import { pdftotext } from '../../../packages/core/test/pdf/poppler.js';
import { useServiceWithS3 } from './miniflare.js';

const PASSWORD = 'correct horse battery staple';

/** Every file under `dir` whose bytes contain `needle` (UTF-8). */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const bytes = Buffer.from(needle, 'utf8');
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (readFileSync(path).includes(bytes)) found.push(path);
    }
  };
  walk(dir);
  return found;
}

describe('the Raindrop example service in workerd (dist/index.js)', () => {
  const fx = useServiceWithS3();
  const marker = `lighthouse${Math.random().toString(36).slice(2, 10)}`;
  const json = { 'content-type': 'application/json' };
  let token = '';
  let userId = '';
  const auth = (): Record<string, string> => ({ ...json, authorization: `Bearer ${token}` });
  const call = fx.call;

  it('answers /health with every store checked', async () => {
    const { status, body } = await call('/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
  });

  it('walks register → session → save → hints → voice → reflect → guided → garden → export → delete', async () => {
    const reg = await call('/auth/register', { method: 'POST', headers: json, body: JSON.stringify({ email: `${marker}@example.com`, password: PASSWORD }) });
    expect(reg.status).toBe(201);
    token = reg.body.token;
    userId = reg.body.user.id;
    const login = await call('/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: `${marker}@example.com`, password: PASSWORD }) });
    expect(login.status).toBe(200);

    const session = await call('/freejournal/', { method: 'POST', headers: auth(), body: JSON.stringify({ title: 'By the sea' }) });
    expect(session.status).toBe(201);
    const id = session.body.id as string;
    const saved = await call(`/freejournal/${id}/save`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ content: `I walked to the ${marker} at dawn and felt calm.`, baseVersion: session.body.version }),
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    // A stale baseVersion loses: the write rule holds on D1.
    const stale = await call(`/freejournal/${id}/save`, { method: 'POST', headers: auth(), body: JSON.stringify({ content: 'overwrite', baseVersion: 1 }) });
    expect(stale.status).toBe(409);

    const hint = await call(`/freejournal/${id}/hints`, { method: 'POST', headers: auth(), body: '{}' });
    expect(hint.status).toBe(201);
    const hints = await call(`/freejournal/${id}/hints`, { headers: auth() });
    expect(hints.body.items).toHaveLength(1);

    const wav = makeWav({ seconds: 0.1 });
    const form = new FormData();
    form.append('audio', new Blob([wav as BlobPart], { type: 'audio/wav' }), 'note.wav');
    const voice = await call(`/freejournal/${id}/voice`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(voice.status, JSON.stringify(voice.body)).toBe(201);
    expect(voice.body.session.content).toContain(emulatedTranscript(wav));
    // The binding got the audio as §3 wants it: a plain array of byte values, to whisper.
    expect(fx.service.ai.calls.find((c) => c.model === 'whisper-large-v3')).toBeDefined();
    const recordings = await call(`/freejournal/${id}/recordings`, { headers: auth() });
    expect(recordings.body.items).toHaveLength(1);
    // A recording the AI binding could not take (over 4 MiB) is refused before it is stored.
    const big = new Uint8Array(4 * 1024 * 1024 + 1);
    big.set(wav.subarray(0, 44));
    const tooBig = await call(`/freejournal/${id}/voice`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'audio/wav' }, body: big });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await call(`/freejournal/${id}/recordings`, { headers: auth() })).body.items).toHaveLength(1);

    const reflection = await call(`/freejournal/${id}/reflect`, { method: 'POST', headers: auth(), body: '{}' });
    expect(reflection.status, JSON.stringify(reflection.body)).toBe(200);
    expect(reflection.body.flower).toMatchObject({ source: 'reflection' });

    const prompts = await call('/guided_journal/prompts', { method: 'POST', headers: auth(), body: JSON.stringify({ topic: 'joy' }) });
    expect(prompts.status, JSON.stringify(prompts.body)).toBe(200);
    expect(prompts.body.prompts).toHaveLength(9);
    const guided = await call('/guided_journal/', {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ topic: 'joy', prompts: prompts.body.prompts, entries: [{ promptId: 1, response: `Grateful for the ${marker}.` }] }),
    });
    expect(guided.status, JSON.stringify(guided.body)).toBe(201);
    const guidedRead = await call(`/guided_journal/${guided.body.id}`, { headers: auth() });
    expect(guidedRead.body.entries[0].response).toBe(`Grateful for the ${marker}.`);

    const flower = await call('/garden/', { method: 'POST', headers: auth(), body: JSON.stringify({ mood: 'happy', note: `a ${marker} day` }) });
    expect(flower.status).toBe(201);
    const stats = await call('/garden/stats', { headers: auth() });
    expect(stats.body.total).toBe(2);
    expect(stats.body.currentStreak).toBe(1);
    const overview = await call('/stats/overview', { headers: auth() });
    expect(overview.body).toMatchObject({ freeJournals: 1, guidedJournals: 1, flowers: 2 });

    const exported = await call(`/freejournal/${id}/export`, { method: 'POST', headers: auth(), body: '{}' });
    expect(exported.status, JSON.stringify(exported.body)).toBe(201);
    expect(exported.body.url.startsWith(`${fx.s3.endpoint}/journal-exports/`)).toBe(true);
    const pdf = await fetch(exported.body.url);
    expect(pdf.status).toBe(200);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    expect(await pdftotext(bytes)).toContain(marker);
    const guidedPdf = await call(`/guided_journal/${guided.body.id}/export`, { method: 'POST', headers: auth(), body: '{}' });
    expect(guidedPdf.status).toBe(201);

    // The whole account as a streamed zip, imported into a new account (fflate, D1 batches, R2 inside workerd);
    // that account finds the words through its own search index, then is deleted again.
    const zipped = await fx.service.fetch('/account/export', { headers: auth() });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-type')).toBe('application/zip');
    const archive = new Uint8Array(await zipped.arrayBuffer());
    expect(new TextDecoder().decode(archive.subarray(0, 2))).toBe('PK');
    const mover = await call('/auth/register', { method: 'POST', headers: json, body: JSON.stringify({ email: `mover-${userId.slice(0, 8)}@example.com`, password: PASSWORD }) });
    const moverAuth = { authorization: `Bearer ${mover.body.token}` };
    const imported = await call('/account/import', { method: 'POST', headers: { ...moverAuth, 'content-type': 'application/zip' }, body: archive });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.imported.freeJournals).toBeGreaterThan(0);
    const again = await call('/account/import', { method: 'POST', headers: { ...moverAuth, 'content-type': 'application/zip' }, body: archive });
    expect(again.body.imported).toEqual({ freeJournals: 0, guidedJournals: 0, hints: 0, recordings: 0, flowers: 0 });
    const found = await call(`/search?q=${marker}`, { headers: moverAuth });
    expect(found.status).toBe(200);
    expect(found.body.items.length).toBeGreaterThan(0);
    expect((await call('/auth/me', { method: 'DELETE', headers: moverAuth })).status).toBe(204);

    // Someone else sees none of it.
    const other = await call('/auth/register', { method: 'POST', headers: json, body: JSON.stringify({ email: `someone-else-${userId.slice(0, 8)}@example.com`, password: PASSWORD }) });
    const otherAuth = { ...json, authorization: `Bearer ${other.body.token}` };
    expect((await call(`/freejournal/${id}`, { headers: otherAuth })).status).toBe(404);
    expect((await call(`/guided_journal/${guided.body.id}`, { headers: otherAuth })).status).toBe(404);

    const deleted = await call('/auth/me', { method: 'DELETE', headers: auth() });
    expect(deleted.status).toBe(204);
    expect((await call('/auth/me', { headers: auth() })).status).toBe(401);
  });

  it('leaves nothing of the deleted user in D1, R2 or S3', async () => {
    expect(userId).not.toBe('');
    const d1 = await fx.service.mf.getD1Database('PAUZ');
    const tables = (await d1.prepare("select name from sqlite_master where type = 'table' and name like 'pauz_%'").all<{ name: string }>()).results.map((r) => r.name);
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      const columns = (await d1.prepare(`select name from pragma_table_info('${table}')`).all<{ name: string }>()).results.map((c) => c.name);
      const rows = (await d1.prepare(`select * from ${table}`).all<Record<string, unknown>>()).results;
      const mine = rows.filter((row) => columns.some((c) => typeof row[c] === 'string' && ((row[c] as string).includes(userId) || (row[c] as string).includes(marker))));
      expect(mine, table).toEqual([]);
    }
    for (const name of ['HINTS', 'GUIDED_JOURNALS', 'AUDIO_FILES']) {
      const r2 = await fx.service.mf.getR2Bucket(name);
      expect((await r2.list({ prefix: `users/${userId}/` })).objects, name).toEqual([]);
    }
    const objects = execFileSync('find', [fx.s3.directory, '-type', 'f'], { encoding: 'utf8' });
    expect(objects).not.toContain(userId);
    expect(filesContaining(fx.s3.directory, marker)).toEqual([]);
    // R2 keeps its objects as files: none of the user's bytes are left there.
    expect(filesContaining(join(fx.service.persistDir, 'r2'), marker)).toEqual([]);
  });
});
