/**
 * The Raindrop AI adapters inside workerd, against the emulated `env.AI` (a wrapped
 * binding, raindropAiMiniflareBinding()): the transcriber and writer contracts, the
 * wire format the binding takes, failures and the audio bound.
 */
import { describe, expect, it } from 'vitest';
import { type AiBinding, raindropTranscriber } from '../../../src/raindrop/ai-transcriber.js';
import { raindropWriter } from '../../../src/raindrop/ai-writer.js';
import { testTranscriber, testWriter } from '../../../src/testing/ai.js';
import { makeWav } from '../../../src/testing/audio.js';
import { emulatedTranscript } from '../../../src/testing/emulators/raindrop-ai.js';
import { expectPauzError } from '../../../src/testing/expect-code.js';
import { defineWorkerSuite } from '../harness/worker.js';

interface Env {
  AI: AiBinding;
  AI_RESPONSE: AiBinding;
  AI_FAILING: AiBinding;
  AI_SLOW: AiBinding;
  AI_MALFORMED: AiBinding;
}

/** Counts the runs that reach the binding. */
function counted(ai: AiBinding): AiBinding & { runs: number } {
  const wrapper = { runs: 0, run: (model: string, input: Record<string, unknown>) => (wrapper.runs++, ai.run(model, input)) };
  return wrapper;
}

export default defineWorkerSuite<Env>((env) => {
  testTranscriber({ name: 'Raindrop AI binding (emulated, in workerd)', transcriber: () => raindropTranscriber(env.AI) });
  testWriter({ name: 'Raindrop AI binding, choices shape (emulated, in workerd)', writer: () => raindropWriter(env.AI) });
  testWriter({ name: 'Raindrop AI binding, response shape (emulated, in workerd)', writer: () => raindropWriter(env.AI_RESPONSE) });

  describe('the emulated binding inside workerd', () => {
    it('is a wrapped binding of this isolate, not a service stub', () => {
      expect(typeof env.AI.run).toBe('function');
      expect(navigator.userAgent).toBe('Cloudflare-Workers');
    });

    it('refuses audio that is not a plain array of byte values, as the real one would', async () => {
      const wav = makeWav({ seconds: 0.05 });
      // A Uint8Array crosses the JSON wire as {"0":…}: not an array.
      await expect(env.AI.run('whisper-large-v3', { audio: wav })).rejects.toThrow(/^5006: Invalid input: audio must be a plain array/);
      await expect(env.AI.run('whisper-large-v3', { audio: btoa('RIFF....WAVE') })).rejects.toThrow(/plain array/);
      await expect(env.AI.run('whisper-large-v3', { audio: [1, 256] })).rejects.toThrow(/0–255/);
      await expect(env.AI.run('whisper-large-v3', { audio: [] })).rejects.toThrow(/empty/);
      await expect(env.AI.run('whisper-large-v3', { audio: [1], language: 'en' })).rejects.toThrow(/only \{audio\}/);
      const error = await env.AI.run('no-such-model', { audio: [1] }).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('InferenceUpstreamError');
      expect((error as Error).message).toBe('5007: No such model no-such-model or task');
    });

    it('answers both chat shapes', async () => {
      const input = { messages: [{ role: 'user', content: 'Say something.' }], max_tokens: 16, temperature: 0.2 };
      const choices = (await env.AI.run('llama-3.3-70b', input)) as { choices: { message: { content: string } }[] };
      expect(JSON.parse(choices.choices[0]!.message.content)).toEqual({ text: 'What stood out to you most?' });
      const response = (await env.AI_RESPONSE.run('llama-3.1-8b-instruct', input)) as { response: string };
      expect(JSON.parse(response.response)).toEqual({ text: 'What stood out to you most?' });
      await expect(env.AI.run('llama-3.3-70b', { messages: [] })).rejects.toThrow(/messages must be a non-empty array/);
    });
  });

  describe('raindropTranscriber inside workerd', () => {
    // The shim has no it.each.
    for (const model of ['whisper-large-v3', 'whisper-large-v3-turbo', '@cf/openai/whisper']) {
      it(`sends the bytes to ${model} and reads the text`, async () => {
        const audio = makeWav({ seconds: 0.25, sampleRate: 8000 });
        expect(await raindropTranscriber(env.AI, { model }).transcribe({ audio, contentType: 'audio/wav' })).toEqual({
          text: emulatedTranscript(audio),
        });
      });
    }

    it('refuses a recording over maxAudioBytes with PAYLOAD_TOO_LARGE naming the limit, before any run', async () => {
      const ai = counted(env.AI);
      const audio = makeWav({ seconds: 1, sampleRate: 16000 });
      const error = await expectPauzError(
        raindropTranscriber(ai, { maxAudioBytes: 10_000 }).transcribe({ audio, contentType: 'audio/wav' }),
        'PAYLOAD_TOO_LARGE',
      );
      expect(error.message).toBe(`Raindrop AI whisper-large-v3 takes recordings of at most 10000 bytes (maxAudioBytes); this one is ${audio.byteLength} bytes`);
      expect(error.details).toEqual({ service: 'Raindrop AI whisper-large-v3', maxAudioBytes: 10_000, size: audio.byteLength });
      expect(ai.runs).toBe(0);
      // At the limit it is sent.
      const exact = makeWav({ seconds: 0.1, sampleRate: 8000 });
      await raindropTranscriber(ai, { maxAudioBytes: exact.byteLength }).transcribe({ audio: exact, contentType: 'audio/wav' });
      expect(ai.runs).toBe(1);
    });

    it('turns an error status into TRANSCRIPTION_FAILED naming the model, without the upstream words', async () => {
      const error = await expectPauzError(
        raindropTranscriber(env.AI_FAILING).transcribe({ audio: makeWav({ seconds: 0.05 }), contentType: 'audio/wav' }),
        'TRANSCRIPTION_FAILED',
      );
      expect(error.message).toBe('Raindrop AI whisper-large-v3: transcribe failed: the request failed');
      expect(String((error.cause as Error).message)).toBe('3001: Internal server error');
    });

    it('turns a malformed output into TRANSCRIPTION_FAILED', async () => {
      const error = await expectPauzError(
        raindropTranscriber(env.AI_MALFORMED).transcribe({ audio: makeWav({ seconds: 0.05 }), contentType: 'audio/wav' }),
        'TRANSCRIPTION_FAILED',
      );
      expect(error.message).toMatch(/malformed output/);
    });

    it('times out a slow run with UPSTREAM_TIMEOUT, and waits for one inside its timeout', async () => {
      await expectPauzError(
        raindropTranscriber(env.AI_SLOW, { timeoutMs: 50 }).transcribe({ audio: makeWav({ seconds: 0.05 }), contentType: 'audio/wav' }),
        'UPSTREAM_TIMEOUT',
      );
      const audio = makeWav({ seconds: 0.05 });
      expect((await raindropTranscriber(env.AI_SLOW, { timeoutMs: 5_000 }).transcribe({ audio, contentType: 'audio/wav' })).text).toBe(
        emulatedTranscript(audio),
      );
    });
  });

  describe('raindropWriter inside workerd', () => {
    it('turns an error status into WRITER_FAILED naming the model', async () => {
      const error = await expectPauzError(raindropWriter(env.AI_FAILING).hint({ content: 'Rain.' }), 'WRITER_FAILED');
      expect(error.message).toBe('Raindrop AI llama-3.3-70b: hint failed: the request failed');
    });

    it('turns an output of neither shape into WRITER_FAILED', async () => {
      const error = await expectPauzError(raindropWriter(env.AI_MALFORMED).reflect({ content: 'Rain.' }), 'WRITER_FAILED');
      expect(error.message).toMatch(/neither choices\[0\]\.message\.content nor response/);
    });

    it('times out a slow run with UPSTREAM_TIMEOUT', async () => {
      await expectPauzError(raindropWriter(env.AI_SLOW, { timeoutMs: 50 }).guidedPrompts({ topic: 'joy' }), 'UPSTREAM_TIMEOUT');
    });
  });
});
