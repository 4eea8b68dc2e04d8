import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PauzConfigError } from '../../src/errors.js';
import { openAiTranscriber } from '../../src/openai/transcriber.js';
import { type AudioSampleFormat, makeAudioSample, makeWav } from '../../src/testing/audio.js';
import { testTranscriber } from '../../src/testing/ai.js';
import { expectPauzError } from '../../src/testing/expect-code.js';
import { type OpenAiEmulator, startOpenAiEmulator } from '../../src/testing/emulators/openai.js';
import { expectNoSecret } from './helpers.js';

const KEY = 'sk-test-4f9a2c71e0b84d6aa1c3';
let emulator: OpenAiEmulator;

beforeAll(async () => {
  emulator = await startOpenAiEmulator({ apiKey: KEY });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  Object.assign(emulator.transcriptions, { mode: 'ok', calls: 0, verbose: false, last: undefined });
});

const transcriber = (extra: Partial<Parameters<typeof openAiTranscriber>[0]> = {}): ReturnType<typeof openAiTranscriber> =>
  openAiTranscriber({ baseUrl: emulator.baseUrl, apiKey: KEY, model: 'whisper-1', timeoutMs: 5_000, ...extra });

testTranscriber({ name: 'OpenAI-compatible (emulator)', transcriber: () => transcriber() });

describe('openAiTranscriber', () => {
  it('uploads the audio as multipart and returns the text', async () => {
    const audio = makeWav({ seconds: 0.5, sampleRate: 16_000 });
    const result = await transcriber().transcribe({ audio, contentType: 'audio/wav' });
    expect(result).toEqual({ text: `heard ${audio.length} bytes of wav` });
    expect(emulator.transcriptions.last).toEqual({ model: 'whisper-1', filename: 'audio.wav', fileType: 'audio/wav', size: audio.length });
    expect(emulator.transcriptions.calls).toBe(1);
  });

  it('passes the language hint and reads language and duration when the server gives them', async () => {
    emulator.transcriptions.verbose = true;
    const audio = makeWav({ seconds: 0.75, sampleRate: 8000 });
    const result = await transcriber().transcribe({ audio, contentType: 'audio/x-wav', language: 'fr' });
    expect(result).toEqual({ text: `heard ${audio.length} bytes of wav`, language: 'fr', durationSeconds: 0.75 });
    expect(emulator.transcriptions.last?.language).toBe('fr');
  });

  it.each([
    ['webm', 'audio/webm;codecs=opus', 'audio.webm'],
    ['opus', 'audio/ogg; codecs=opus', 'audio.ogg'],
    ['ogg', 'audio/ogg', 'audio.ogg'],
    ['m4a', 'audio/mp4', 'audio.m4a'],
    ['mp3', 'audio/mpeg', 'audio.mp3'],
    ['flac', 'audio/flac', 'audio.flac'],
    ['wav', 'application/octet-stream', 'audio.wav'],
  ] as [AudioSampleFormat, string, string][])('names %s audio declared as %s "%s"', async (format, contentType, filename) => {
    await transcriber().transcribe({ audio: makeAudioSample(format), contentType });
    expect(emulator.transcriptions.last?.filename).toBe(filename);
  });

  it('works with a trailing slash on the base URL and with a custom fetch', async () => {
    const seen: string[] = [];
    const custom: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    await transcriber({ baseUrl: `${emulator.baseUrl}/`, fetch: custom }).transcribe({ audio: makeWav(), contentType: 'audio/wav' });
    expect(seen).toEqual([`${emulator.baseUrl}/audio/transcriptions`]);
  });

  it('refuses empty and unknown audio before calling the service', async () => {
    await expectPauzError(transcriber().transcribe({ audio: new Uint8Array(0), contentType: 'audio/wav' }), 'VALIDATION_FAILED');
    const text = new TextEncoder().encode('not audio at all');
    await expectPauzError(transcriber().transcribe({ audio: text, contentType: 'text/plain' }), 'UNSUPPORTED_MEDIA_TYPE');
    expect(emulator.transcriptions.calls).toBe(0);
  });

  it('reports a wrong key as TRANSCRIPTION_FAILED without repeating the key', async () => {
    const wrong = 'sk-wrong-9d8c7b6a5f4e3d2c1b0a';
    const raw = await fetch(`${emulator.baseUrl}/audio/transcriptions`, { method: 'POST', headers: { authorization: `Bearer ${wrong}` } });
    expect(await raw.text()).toContain(wrong); // the service echoes it, so the adapter must not
    const error = await expectPauzError(transcriber({ apiKey: wrong }).transcribe({ audio: makeWav(), contentType: 'audio/wav' }), 'TRANSCRIPTION_FAILED');
    expect(error.details).toMatchObject({ status: 401, operation: 'transcribe' });
    expect(error.message).toBe('OpenAI-compatible transcription: transcribe failed: HTTP 401');
    expect(error.details['endpoint']).toBe(`${new URL(emulator.baseUrl).host}/v1/audio/transcriptions`);
    expectNoSecret(error, wrong);
    expectNoSecret(error, KEY);
  });

  it('reports a missing key', async () => {
    const error = await expectPauzError(transcriber({ apiKey: undefined }).transcribe({ audio: makeWav(), contentType: 'audio/wav' }), 'TRANSCRIPTION_FAILED');
    expect(error.details['status']).toBe(401);
  });

  it.each([
    ['fail', /HTTP 500/],
    ['malformed', /malformed output/],
    ['not-json', /not JSON/],
  ] as const)('turns a %s answer into TRANSCRIPTION_FAILED naming the service', async (mode, reason) => {
    emulator.transcriptions.mode = mode;
    const error = await expectPauzError(transcriber().transcribe({ audio: makeWav(), contentType: 'audio/wav' }), 'TRANSCRIPTION_FAILED');
    expect(error.message).toMatch(reason);
    expect(error.message).toContain('OpenAI-compatible transcription: transcribe failed');
    expect(error.message).not.toContain('127.0.0.1');
    expectNoSecret(error, KEY);
  });

  it('times out a hanging service with UPSTREAM_TIMEOUT', async () => {
    emulator.transcriptions.mode = 'hang';
    const error = await expectPauzError(
      transcriber({ timeoutMs: 100 }).transcribe({ audio: makeWav(), contentType: 'audio/wav' }),
      'UPSTREAM_TIMEOUT',
    );
    expect(error.message).toContain('OpenAI-compatible transcription: transcribe timed out');
    expectNoSecret(error, KEY);
  });

  it('stops with ABORTED when the caller aborts before the call, without calling', async () => {
    const before = new AbortController();
    before.abort();
    await expectPauzError(
      transcriber().transcribe({ audio: makeWav(), contentType: 'audio/wav', signal: before.signal }),
      'ABORTED',
    );
    expect(emulator.transcriptions.calls).toBe(0);
  });

  it('cancels the request in flight when the caller aborts: ABORTED, the upload closed, not a timeout', async () => {
    emulator.transcriptions.mode = 'hang';
    const held = emulator.transcriptions.held;
    held.reset();
    const during = new AbortController();
    // A timeout far longer than the waits below: the close the emulator sees is the abort's.
    const pending = transcriber({ timeoutMs: 120_000 }).transcribe({ audio: makeWav(), contentType: 'audio/wav', signal: during.signal });
    await held.waitForHeld(1);
    during.abort(new Error('the client went away'));
    const error = await expectPauzError(pending, 'ABORTED');
    expect(error.message).toContain('OpenAI-compatible transcription: transcribe was aborted by the caller');
    expect((error.cause as Error).message).toBe('the client went away');
    expectNoSecret(error, KEY);
    await held.waitForAborted(1);
    expect(held.held).toBe(1);
  });

  it('reports an unreachable service', async () => {
    const closed = await startOpenAiEmulator();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const error = await expectPauzError(openAiTranscriber({ baseUrl, model: 'whisper-1' }).transcribe({ audio: makeWav(), contentType: 'audio/wav' }), 'TRANSCRIPTION_FAILED');
    // The system error's code, never the host and port it failed on.
    expect(error.message).toBe('OpenAI-compatible transcription: transcribe failed: ECONNREFUSED: connection refused');
    expect(error.message).not.toContain(new URL(baseUrl).host);
  });

  it('refuses bad options all at once', () => {
    let caught: unknown;
    try {
      openAiTranscriber({ baseUrl: 'ftp://example.com', model: ' ', timeoutMs: -1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PauzConfigError);
    expect((caught as PauzConfigError).problems).toHaveLength(3);
    expect(() => openAiTranscriber({ baseUrl: 'https://user:secret@api.example.com/v1', model: 'm' })).toThrow(/credentials/);
    expect(() => openAiTranscriber({ baseUrl: 'not a url', model: 'm' })).toThrow(PauzConfigError);
  });
});
