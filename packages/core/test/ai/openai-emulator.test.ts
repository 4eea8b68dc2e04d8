import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAudioSample, makeWav } from '../../src/testing/audio.js';
import { type OpenAiEmulator, startOpenAiEmulator } from '../../src/testing/emulators/openai.js';

// The adapters' tests are only as strict as the emulator: these check it refuses
// what the real service refuses.
const KEY = 'sk-emulator-key-1234567890';
let emulator: OpenAiEmulator;
beforeAll(async () => {
  emulator = await startOpenAiEmulator({ apiKey: KEY });
});
afterAll(async () => {
  await emulator.close();
});

const auth = { authorization: `Bearer ${KEY}` };

function form(parts: { model?: string; file?: { bytes: Uint8Array; name: string } }): FormData {
  const data = new FormData();
  if (parts.model !== undefined) data.append('model', parts.model);
  if (parts.file !== undefined) data.append('file', new Blob([parts.file.bytes as Uint8Array<ArrayBuffer>]), parts.file.name);
  return data;
}

async function transcribe(body: BodyInit, headers: Record<string, string> = auth): Promise<{ status: number; text: string }> {
  const res = await fetch(`${emulator.baseUrl}/audio/transcriptions`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

describe('OpenAI emulator: transcriptions', () => {
  it('answers a well-formed upload with text derived from the audio', async () => {
    const wav = makeWav({ seconds: 0.1 });
    expect(await transcribe(form({ model: 'whisper-1', file: { bytes: wav, name: 'a.wav' } }))).toEqual({
      status: 200,
      text: JSON.stringify({ text: `heard ${wav.length} bytes of wav` }),
    });
  });

  it.each([
    ['no bearer token', form({ model: 'm', file: { bytes: makeWav(), name: 'a.wav' } }), {}, 401],
    ['no model', form({ file: { bytes: makeWav(), name: 'a.wav' } }), auth, 400],
    ['no file', form({ model: 'm' }), auth, 400],
    ['an empty file', form({ model: 'm', file: { bytes: new Uint8Array(0), name: 'a.wav' } }), auth, 400],
    ['bytes that are not audio', form({ model: 'm', file: { bytes: new TextEncoder().encode('hello there'), name: 'a.wav' } }), auth, 400],
    ['an unsupported extension', form({ model: 'm', file: { bytes: makeWav(), name: 'a.aiff' } }), auth, 400],
    ['an extension that does not match the bytes', form({ model: 'm', file: { bytes: makeAudioSample('webm'), name: 'a.mp3' } }), auth, 400],
    ['a JSON body', JSON.stringify({ model: 'm' }), { ...auth, 'content-type': 'application/json' }, 400],
  ])('refuses %s', async (_, body, headers, status) => {
    expect((await transcribe(body, headers)).status).toBe(status);
  });

  it('refuses a truncated multipart body', async () => {
    const boundary = 'xyz';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\nRIFF`;
    const res = await transcribe(body, { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Malformed multipart');
  });
});

describe('OpenAI emulator: chat completions', () => {
  const chat = async (body: unknown): Promise<number> =>
    (
      await fetch(`${emulator.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).status;
  const messages = [{ role: 'user', content: 'Answer as JSON please' }];

  it('answers a well-formed request', async () => {
    expect(await chat({ model: 'm', messages, response_format: { type: 'json_object' } })).toBe(200);
  });

  it.each([
    ['no model', { messages }],
    ['no messages', { model: 'm', messages: [] }],
    ['a bad role', { model: 'm', messages: [{ role: 'robot', content: 'hi' }] }],
    ['non-string content', { model: 'm', messages: [{ role: 'user', content: 3 }] }],
    ['JSON mode without the word JSON', { model: 'm', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_object' } }],
    ['a bad max_tokens', { model: 'm', messages, max_tokens: 0 }],
    ['a bad temperature', { model: 'm', messages, temperature: 3 }],
  ])('refuses %s', async (_, body) => {
    expect(await chat(body)).toBe(400);
  });
});
