import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPauzFromEnv, parseDatabaseUrl, RAINDROP_VARIABLES } from './env.js';
import { PauzConfigError } from './errors.js';
import { startRaindropRestEmulator } from '../test/emulators/raindrop-rest.js';
import { S3RVER_KEY, startS3rver } from '../test/contract/s3rver-harness.js';
import { startOpenAiEmulator } from './testing/emulators/openai.js';
import { makeWav } from './testing/audio.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pauz-env-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function configError(env: Record<string, string>): Promise<PauzConfigError> {
  try {
    await createPauzFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(PauzConfigError);
    return error as PauzConfigError;
  }
  throw new Error('expected a configuration error');
}

describe('parseDatabaseUrl', () => {
  it.each([
    ['sqlite:///./database.db', { dialect: 'sqlite', filename: './database.db' }],
    ['sqlite:////var/lib/pauz.db', { dialect: 'sqlite', filename: '/var/lib/pauz.db' }],
    ['sqlite::memory:', { dialect: 'sqlite', filename: ':memory:' }],
    ['postgres://u@h:5432/db', { dialect: 'postgres', connectionString: 'postgres://u@h:5432/db' }],
    ['postgresql://h/db', { dialect: 'postgres', connectionString: 'postgresql://h/db' }],
    ['mysql://h/db', null],
    ['sqlite:///', null],
    ['./file.db', null],
  ])('%s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });
});

describe('createPauzFromEnv', () => {
  it('requires PAUZ_STORAGE and never guesses it', async () => {
    const error = await configError({});
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain('PAUZ_STORAGE is required');
    expect((await configError({ PAUZ_STORAGE: 'cloud' })).message).toContain('`local` or `raindrop`');
  });

  it('lists every missing raindrop variable and every invalid value in one error', async () => {
    const error = await configError({ PAUZ_STORAGE: 'raindrop', AI_API_KEY: 'secret-key', DATABASE_URL: 'mysql://x', PAUZ_PDF_URLS: 'forever' });
    expect(error.problems).toHaveLength(3);
    for (const name of RAINDROP_VARIABLES.filter((n) => n !== 'AI_API_KEY')) expect(error.message).toContain(name);
    expect(error.message).not.toContain('secret-key');
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toContain('PAUZ_PDF_URLS');
  });

  it('runs local mode on a SQLite file under PAUZ_DATA_DIR by default', async () => {
    const dataDir = join(tempDir(), 'data');
    const pauz = await createPauzFromEnv({ PAUZ_STORAGE: 'local', PAUZ_DATA_DIR: dataDir });
    try {
      expect(pauz.storage).toBe('local');
      expect(pauz.database).toEqual({ dialect: 'sqlite', filename: join(dataDir, 'pauz.db') });
      await pauz.migrate();
      expect(existsSync(join(dataDir, 'pauz.db'))).toBe(true);
      expect((await pauz.health()).status).toBe('ok');
    } finally {
      await pauz.close();
    }
  });

  it('honours DATABASE_URL', async () => {
    const pauz = await createPauzFromEnv({ PAUZ_STORAGE: 'local', PAUZ_DATA_DIR: tempDir(), DATABASE_URL: 'sqlite::memory:' });
    try {
      await pauz.migrate();
      const { user } = await pauz.accounts.register({ email: 'env@example.com', password: 'correct horse' });
      expect(user.email).toBe('env@example.com');
    } finally {
      await pauz.close();
    }
  });

  it('runs raindrop mode on the SmartBucket REST API, with nothing written locally', async () => {
    const emulator = await startRaindropRestEmulator();
    const s3 = await startS3rver('pauz-pdfs');
    const dataDir = tempDir();
    const pauz = await createPauzFromEnv({
      PAUZ_STORAGE: 'raindrop',
      PAUZ_DATA_DIR: dataDir,
      DATABASE_URL: 'sqlite::memory:',
      AI_API_KEY: emulator.apiKey,
      RAINDROP_ORG: 'org-1',
      APPLICATION_NAME: emulator.applicationName,
      RAINDROP_API_URL: emulator.baseUrl,
      VULTR_ACCESS_KEY: S3RVER_KEY,
      VULTR_SECRET_KEY: S3RVER_KEY,
      VULTR_REGION: 'ewr1',
      VULTR_BUCKET_NAME: s3.bucket,
      VULTR_ENDPOINT: s3.endpoint,
    });
    try {
      await pauz.migrate();
      const { user } = await pauz.accounts.register({ email: 'cloud@example.com', password: 'correct horse' });
      const journal = await pauz.guidedJournals.create(user.id, { topic: 'mind' });
      expect(emulator.calls['/v1/put_object']).toBe(1);
      expect((await pauz.guidedJournals.get(user.id, journal.id)).id).toBe(journal.id);
      expect(existsSync(join(dataDir, 'buckets'))).toBe(false);
      expect((await pauz.health()).status).toBe('ok');
      const exported = await pauz.exports.guidedJournal(user.id, journal.id);
      expect(exported.url.startsWith(`${s3.endpoint}/${s3.bucket}/`)).toBe(true);
      const pdf = await fetch(exported.url);
      expect(pdf.status).toBe(200);
      expect(new Uint8Array(await pdf.arrayBuffer()).byteLength).toBe(exported.size);
      expect(existsSync(join(dataDir, 'pdfs'))).toBe(false);
    } finally {
      await pauz.close();
      await emulator.close();
      await s3.close();
    }
  });

  it('uses OpenAI-compatible services for the writer and voice when PAUZ_LLM_URL and PAUZ_TRANSCRIBE_URL are set', async () => {
    const ai = await startOpenAiEmulator({ apiKey: 'sk-env-test' });
    ai.chat.reply = JSON.stringify({ text: 'What did the river sound like?' });
    const pauz = await createPauzFromEnv({
      PAUZ_STORAGE: 'local',
      PAUZ_DATA_DIR: tempDir(),
      PAUZ_LLM_URL: ai.baseUrl,
      PAUZ_LLM_API_KEY: 'sk-env-test',
      PAUZ_LLM_MODEL: 'test-model',
      PAUZ_TRANSCRIBE_URL: ai.baseUrl,
      PAUZ_TRANSCRIBE_API_KEY: 'sk-env-test',
    });
    try {
      await pauz.migrate();
      const { user } = await pauz.accounts.register({ email: 'ai@example.com', password: 'correct horse' });
      const session = await pauz.freeJournal.create(user.id);
      const hint = await pauz.hints.generate(user.id, session.id);
      expect(ai.chat.calls).toBe(1);
      expect(ai.chat.last?.model).toBe('test-model');
      expect(hint.text).toBe('What did the river sound like?');
      const { recording } = await pauz.voice.record(user.id, session.id, { audio: makeWav({ seconds: 0.1 }) });
      expect(recording.transcript).toMatch(/^heard \d+ bytes of wav$/);
      expect(ai.transcriptions.last?.model).toBe('whisper-1');
    } finally {
      await pauz.close();
      await ai.close();
    }
  });
});
