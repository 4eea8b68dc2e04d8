/**
 * Voice journaling inside workerd on real D1 and R2 with the emulated AI binding: the
 * transcriber's audio bound answered 413, the recording kept. The model service must
 * see only the recording within the bound.
 */
import { expect, it } from 'vitest';
import { emulatedTranscript, raindropAiMiniflareBinding } from '../../src/testing/emulators/raindrop-ai.js';
import { runInWorkerd } from './harness/node.js';

const ai = raindropAiMiniflareBinding();

await runInWorkerd({
  name: 'voice with the Raindrop transcriber bound',
  entry: new URL('./suites/voice-bound.worker.ts', import.meta.url),
  miniflare: { d1Databases: ['PAUZ'], r2Buckets: ['HINTS', 'GUIDED_JOURNALS', 'AUDIO_FILES'], ...ai.workerOptions },
  workers: [ai.bindingWorker],
});

it('sent only the recording within the bound to the model', () => {
  expect(ai.emulator.calls).toHaveLength(1);
  const [call] = ai.emulator.calls;
  expect(call!.model).toBe('whisper-large-v3');
  expect(emulatedTranscript(call!.input['audio'] as number[])).toMatch(/^Heard \d+ bytes/);
  expect((call!.input['audio'] as number[]).length).toBeLessThan(64 * 1024);
});
