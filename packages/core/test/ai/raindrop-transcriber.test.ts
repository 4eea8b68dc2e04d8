import { describe, expect, it } from 'vitest';
import { type AiBinding, DEFAULT_RAINDROP_MAX_AUDIO_BYTES, raindropTranscriber } from '../../src/raindrop/ai-transcriber.js';
import { makeAudioSample, makeWav } from '../../src/testing/audio.js';
import { testTranscriber } from '../../src/testing/ai.js';
import { emulatedTranscript } from '../../src/testing/emulators/raindrop-ai.js';
import { expectPauzError } from '../../src/testing/expect-code.js';
import { fakeAiBinding } from '../emulators/raindrop-ai.js';

testTranscriber({ name: 'Raindrop AI binding (fake)', transcriber: () => raindropTranscriber(fakeAiBinding()) });

describe('raindropTranscriber', () => {
  it('passes the audio as a plain array of byte values to whisper-large-v3', async () => {
    const ai = fakeAiBinding();
    const audio = makeWav({ seconds: 0.2, sampleRate: 8000 });
    expect(await raindropTranscriber(ai).transcribe({ audio, contentType: 'audio/wav' })).toEqual({ text: emulatedTranscript(audio) });
    expect(ai.calls).toHaveLength(1);
    const { model, input } = ai.calls[0]!;
    expect(model).toBe('whisper-large-v3');
    expect(Array.isArray(input['audio'])).toBe(true);
    expect(input['audio']).toEqual(Array.from(audio));
  });

  it('refuses a recording over maxAudioBytes (default 4 MiB) with PAYLOAD_TOO_LARGE before any run', async () => {
    const ai = fakeAiBinding();
    expect(DEFAULT_RAINDROP_MAX_AUDIO_BYTES).toBe(4 * 1024 * 1024);
    const audio = new Uint8Array(DEFAULT_RAINDROP_MAX_AUDIO_BYTES + 1);
    audio.set(makeWav({ seconds: 0.01 }));
    const error = await expectPauzError(raindropTranscriber(ai).transcribe({ audio, contentType: 'audio/wav' }), 'PAYLOAD_TOO_LARGE');
    expect(error.message).toBe(
      `Raindrop AI whisper-large-v3 takes recordings of at most ${DEFAULT_RAINDROP_MAX_AUDIO_BYTES} bytes (maxAudioBytes); this one is ${audio.byteLength} bytes`,
    );
    const small = makeWav({ seconds: 0.05 });
    await expectPauzError(raindropTranscriber(ai, { maxAudioBytes: small.byteLength - 1 }).transcribe({ audio: small, contentType: 'audio/wav' }), 'PAYLOAD_TOO_LARGE');
    expect(ai.calls).toHaveLength(0);
    await raindropTranscriber(ai, { maxAudioBytes: small.byteLength }).transcribe({ audio: small, contentType: 'audio/wav' });
    expect(ai.calls).toHaveLength(1);
  });

  it('uses the configured model', async () => {
    const ai = fakeAiBinding();
    await raindropTranscriber(ai, { model: '@cf/openai/whisper' }).transcribe({ audio: makeAudioSample('webm'), contentType: 'audio/webm' });
    expect(ai.calls[0]?.model).toBe('@cf/openai/whisper');
  });

  it('has a fake binding that refuses what the real one would', async () => {
    const ai = fakeAiBinding();
    const wav = makeWav();
    await expect(ai.run('whisper-large-v3', { audio: wav })).rejects.toThrow(/plain array/);
    await expect(ai.run('whisper-large-v3', { audio: btoa(String.fromCharCode(...wav.subarray(0, 64))) })).rejects.toThrow(/plain array/);
    await expect(ai.run('whisper-large-v3', { audio: [1, 256] })).rejects.toThrow(/0–255/);
    await expect(ai.run('whisper-large-v3', { audio: [1], language: 'en' })).rejects.toThrow(/only \{audio\}/);
  });

  it('reads language and duration when the model reports them', async () => {
    const ai: AiBinding = { run: async () => ({ text: ' bonjour ', transcription_info: { language: 'fr', duration: 1.5 } }) };
    expect(await raindropTranscriber(ai).transcribe({ audio: makeWav(), contentType: 'audio/wav' })).toEqual({
      text: 'bonjour',
      language: 'fr',
      durationSeconds: 1.5,
    });
  });

  it('refuses empty or unknown audio without calling the binding', async () => {
    const ai = fakeAiBinding();
    await expectPauzError(raindropTranscriber(ai).transcribe({ audio: new Uint8Array(0), contentType: 'audio/wav' }), 'VALIDATION_FAILED');
    await expectPauzError(
      raindropTranscriber(ai).transcribe({ audio: new TextEncoder().encode('hello'), contentType: 'text/plain' }),
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(ai.calls).toHaveLength(0);
  });

  it.each([
    ['fail', /transcribe failed: the request failed$/],
    ['malformed', /malformed output/],
  ] as const)('turns a %s run into TRANSCRIPTION_FAILED naming the model', async (mode, reason) => {
    const error = await expectPauzError(
      raindropTranscriber(fakeAiBinding({ mode })).transcribe({ audio: makeWav(), contentType: 'audio/wav' }),
      'TRANSCRIPTION_FAILED',
    );
    expect(error.message).toContain('Raindrop AI whisper-large-v3: transcribe failed');
    expect(error.message).toMatch(reason);
  });

  it('reports an unknown model', async () => {
    const error = await expectPauzError(
      raindropTranscriber(fakeAiBinding(), { model: 'no-such-model' }).transcribe({ audio: makeWav(), contentType: 'audio/wav' }),
      'TRANSCRIPTION_FAILED',
    );
    expect(error.message).toContain('Raindrop AI no-such-model');
  });

  it('times out a hanging run with UPSTREAM_TIMEOUT', async () => {
    const error = await expectPauzError(
      raindropTranscriber(fakeAiBinding({ mode: 'hang' }), { timeoutMs: 50 }).transcribe({ audio: makeWav(), contentType: 'audio/wav' }),
      'UPSTREAM_TIMEOUT',
    );
    expect(error.message).toContain('Raindrop AI whisper-large-v3: transcribe timed out');
  });

  it('gives up when the caller aborts, although the binding takes no signal', async () => {
    const controller = new AbortController();
    const ai = fakeAiBinding({ mode: 'hang' });
    const pending = raindropTranscriber(ai).transcribe({ audio: makeWav(), contentType: 'audio/wav', signal: controller.signal });
    controller.abort();
    const error = await expectPauzError(pending, 'ABORTED');
    expect(error.message).toContain('Raindrop AI whisper-large-v3: transcribe was aborted by the caller');
  });
});
