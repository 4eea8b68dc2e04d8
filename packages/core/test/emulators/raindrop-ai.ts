/**
 * `env.AI` for tests in Node: the Raindrop AI emulator (src/testing/emulators/
 * raindrop-ai.ts) with its in-process binding's `run` on the emulator itself, so one
 * object is both the binding and its state (`mode`, `shape`, `reply`, `calls`).
 */
import type { AiBinding } from '../../src/raindrop/ai-transcriber.js';
import { type RaindropAiEmulator, type RaindropAiEmulatorOptions, raindropAiEmulator } from '../../src/testing/emulators/raindrop-ai.js';

export interface FakeAiBinding extends AiBinding, RaindropAiEmulator {}

/** A fake `env.AI`: the emulator, callable as the binding. */
export function fakeAiBinding(init: RaindropAiEmulatorOptions = {}): FakeAiBinding {
  const emulator = raindropAiEmulator(init);
  return Object.assign(emulator, { run: emulator.binding.run });
}
