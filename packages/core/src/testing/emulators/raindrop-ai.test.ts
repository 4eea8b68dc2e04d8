import { describe, expect, it } from 'vitest';
import { makeWav } from '../audio.js';
import { emulatedTranscript, raindropAiEmulator, raindropAiMiniflareBinding } from './raindrop-ai.js';

const chat = { messages: [{ role: 'user', content: 'The page is empty.' }], max_tokens: 32, temperature: 0.5 };

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a rejection with an Error');
  return error;
}

describe('raindropAiEmulator', () => {
  it('transcribes deterministically from the bytes', async () => {
    const ai = raindropAiEmulator();
    const a = makeWav({ seconds: 0.1, frequency: 440 });
    const b = makeWav({ seconds: 0.1, frequency: 880 });
    expect(await ai.binding.run('whisper-large-v3', { audio: Array.from(a) })).toEqual({ text: emulatedTranscript(a), word_count: 5 });
    expect(emulatedTranscript(a)).toBe(emulatedTranscript(Array.from(a)));
    expect(emulatedTranscript(a)).not.toBe(emulatedTranscript(b));
    expect(emulatedTranscript(a)).toMatch(new RegExp(`^Heard ${a.length} bytes, fingerprint [0-9a-f]{8}\\.$`));
    expect(emulatedTranscript([])).toBe('Heard 0 bytes, fingerprint 811c9dc5.');
  });

  it('refuses what crosses the JSON wire as anything but a plain array of byte values', async () => {
    const ai = raindropAiEmulator();
    const wav = makeWav({ seconds: 0.01 });
    const typed = await rejection(ai.binding.run('whisper-large-v3', { audio: wav }));
    expect(typed.name).toBe('InferenceUpstreamError');
    expect(typed.message).toBe('5006: Invalid input: audio must be a plain array of byte values');
    // The model saw what JSON made of the Uint8Array: an object with index keys.
    expect(ai.calls[0]?.input['audio']).toMatchObject({ 0: wav[0], 1: wav[1] });
    await expect(ai.binding.run('whisper-large-v3', { audio: 'UklGRg==' })).rejects.toThrow(/plain array/);
    await expect(ai.binding.run('whisper-large-v3', { audio: [0, 1.5] })).rejects.toThrow(/0–255/);
    await expect(ai.binding.run('whisper-large-v3', { audio: [-1] })).rejects.toThrow(/0–255/);
    await expect(ai.binding.run('whisper-large-v3', {})).rejects.toThrow(/only \{audio\}, got \{\}/);
    await expect(ai.binding.run('llama-3.3-70b', { messages: [{ role: 'robot', content: 'x' }] })).rejects.toThrow(/role/);
    await expect(ai.binding.run('llama-3.3-70b', { ...chat, temperature: 9 })).rejects.toThrow(/temperature/);
    await expect(ai.binding.run('gpt-4', chat)).rejects.toThrow('5007: No such model gpt-4 or task');
  });

  it('answers chat in the current or the older shape', async () => {
    const ai = raindropAiEmulator();
    expect(await ai.binding.run('llama-3.3-70b', chat)).toEqual({
      choices: [{ index: 0, message: { role: 'assistant', content: '{"text":"What is on your mind?"}' }, finish_reason: 'stop' }],
    });
    ai.shape = 'response';
    ai.reply = { text: 'Parsed?' };
    expect(await ai.binding.run('llama-3.1-8b-instruct', chat)).toEqual({ response: { text: 'Parsed?' } });
    expect(ai.calls.map((c) => c.model)).toEqual(['llama-3.3-70b', 'llama-3.1-8b-instruct']);
    expect(ai.calls[0]?.input).toEqual(chat);
    expect(ai.calls[0]?.bodyBytes).toBe(JSON.stringify({ inputs: chat, options: {} }).length);
  });

  it('fails, slows down, hangs and answers malformed on demand', async () => {
    const ai = raindropAiEmulator({ delayMs: 80 });
    const audio = { audio: [82, 73, 70, 70] };
    ai.failNext = 2;
    await expect(ai.binding.run('whisper-large-v3', audio)).rejects.toThrow('3001: Internal server error');
    await expect(ai.binding.run('llama-3.3-70b', chat)).rejects.toThrow('3001: Internal server error');
    expect(ai.failNext).toBe(0);
    await expect(ai.binding.run('whisper-large-v3', audio)).resolves.toHaveProperty('text');

    ai.mode = 'fail';
    await expect(ai.binding.run('whisper-large-v3', audio)).rejects.toThrow(/^3001/);

    ai.mode = 'slow';
    const t0 = Date.now();
    await ai.binding.run('whisper-large-v3', audio);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(75);

    ai.mode = 'hang';
    const outcome = await Promise.race([ai.binding.run('whisper-large-v3', audio).then(() => 'answered'), new Promise((r) => setTimeout(r, 100, 'hung'))]);
    expect(outcome).toBe('hung');

    ai.mode = 'malformed';
    expect(await ai.binding.run('whisper-large-v3', audio)).toEqual({ transcript: 1 });
    expect(await ai.binding.run('llama-3.3-70b', chat)).toEqual({ result: 'nothing useful' });
  });

  it('still refuses bad input when told to fail', async () => {
    const ai = raindropAiEmulator({ mode: 'fail' });
    await expect(ai.binding.run('whisper-large-v3', { audio: new Uint8Array([1]) })).rejects.toThrow(/^5006/);
  });
});

describe('raindropAiMiniflareBinding', () => {
  it('gives a wrapped binding whose worker is one ES module exporting the binding factory', async () => {
    const { workerOptions, bindingWorker, emulator } = raindropAiMiniflareBinding({ bindingName: 'MODELS_AI', workerName: 'ai-x', shape: 'response' });
    expect(workerOptions).toEqual({ wrappedBindings: { MODELS_AI: { scriptName: 'ai-x' } } });
    expect(bindingWorker).toMatchObject({ name: 'ai-x', modules: true });
    expect(bindingWorker.script).toMatch(/\nexport default \w+;\n$/);
    expect(emulator.shape).toBe('response');
    // The module's factory, evaluated as the source says, builds a working binding.
    const url = `data:text/javascript;base64,${Buffer.from(bindingWorker.script).toString('base64')}`;
    const { default: make } = (await import(/* @vite-ignore */ url)) as { default: (env: unknown) => { run: (m: string, i: unknown) => Promise<unknown> } };
    const ai = make({ MODELS: { fetch: (u: string, init: RequestInit) => bindingWorker.serviceBindings.MODELS(new Request(u, init)) } });
    expect(await ai.run('llama-3.3-70b', chat)).toEqual({ response: '{"text":"What is on your mind?"}' });
    expect(emulator.calls).toHaveLength(1);
  });
});
