/**
 * The Raindrop AI adapters run by workerd itself (miniflare 3) against the emulated
 * `env.AI`: a wrapped binding loaded into the worker's isolate, whose runs reach the
 * emulator's model service in this process (so the calls can be checked here too).
 */
import { expect, it } from 'vitest';
import { raindropAiMiniflareBinding, type RaindropAiMiniflareOptions } from '../../src/testing/emulators/raindrop-ai.js';
import { runInWorkerd } from './harness/node.js';

const bind = (bindingName: string, options: RaindropAiMiniflareOptions = {}) =>
  raindropAiMiniflareBinding({ ...options, bindingName, workerName: `ai-${bindingName.toLowerCase().replace(/_/g, '-')}` });

const bindings = [
  bind('AI'),
  bind('AI_RESPONSE', { shape: 'response' }),
  bind('AI_FAILING', { mode: 'fail' }),
  bind('AI_SLOW', { mode: 'slow', delayMs: 300 }),
  bind('AI_MALFORMED', { mode: 'malformed' }),
];

await runInWorkerd({
  name: 'Raindrop AI adapters on the emulated binding',
  entry: new URL('./suites/raindrop-ai.worker.ts', import.meta.url),
  miniflare: { wrappedBindings: Object.assign({}, ...bindings.map((b) => b.workerOptions.wrappedBindings)) },
  workers: bindings.map((b) => b.bindingWorker),
});

it('received the runs from workerd over the JSON wire, audio as plain arrays of byte values', () => {
  const [ai] = bindings;
  const speech = ai!.emulator.calls.filter((c) => c.model.includes('whisper'));
  expect(new Set(speech.map((c) => c.model))).toEqual(new Set(['whisper-large-v3', 'whisper-large-v3-turbo', '@cf/openai/whisper']));
  const wav = speech.find((c) => Array.isArray(c.input['audio']) && (c.input['audio'] as number[]).length > 4)!;
  expect((wav.input['audio'] as number[]).slice(0, 4)).toEqual([...'RIFF'].map((ch) => ch.charCodeAt(0)));
  // The Uint8Array sent as it is arrived as an object with index keys.
  expect(speech.some((c) => !Array.isArray(c.input['audio']) && typeof c.input['audio'] === 'object')).toBe(true);
  const chat = ai!.emulator.calls.filter((c) => c.model === 'llama-3.3-70b');
  expect(chat.length).toBeGreaterThan(0);
  expect(Object.keys(chat[0]!.input).sort()).toEqual(['max_tokens', 'messages', 'temperature']);
});
