import { describe, expect, it } from 'vitest';
import { PauzConfigError } from '../errors.js';
import { memoryPdfStore } from '../pdf-store/memory.js';
import { createBindingEmulator } from '../../test/emulators/raindrop-binding.js';
import { fakeAiBinding } from '../../test/emulators/raindrop-ai.js';
import { createPauzFromRaindrop, D1_CONTENT_CHARS, type RaindropEnv } from './service.js';

// A binding with D1's methods; nothing runs a query here (createPauzFromRaindrop only builds).
const d1 = { prepare: () => ({}) as never, batch: async () => [] } as unknown as RaindropEnv['PAUZ'];
const vultr = { VULTR_ACCESS_KEY: 'k', VULTR_SECRET_KEY: 's', VULTR_REGION: 'ewr1', VULTR_BUCKET_NAME: 'journal-exports' };
const buckets = () => ({ HINTS: createBindingEmulator().binding, GUIDED_JOURNALS: createBindingEmulator().binding, AUDIO_FILES: createBindingEmulator().binding });

describe('createPauzFromRaindrop', () => {
  it('names every missing binding and variable in one PauzConfigError, never a value', () => {
    let thrown: unknown;
    try {
      createPauzFromRaindrop({ HINTS: {}, VULTR_SECRET_KEY: 'very-secret-value', VULTR_REGION: 'Not A Region!' } as unknown as RaindropEnv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PauzConfigError);
    const { problems, message } = thrown as PauzConfigError;
    expect(problems.join('\n')).toMatch(/env\.HINTS must be a SmartBucket binding/);
    expect(problems.join('\n')).toMatch(/env\.GUIDED_JOURNALS/);
    expect(problems.join('\n')).toMatch(/env\.AUDIO_FILES/);
    expect(problems.join('\n')).toMatch(/env\.PAUZ must be a SQL database binding/);
    expect(problems.join('\n')).toMatch(/VULTR_ACCESS_KEY, VULTR_BUCKET_NAME/);
    expect(problems.join('\n')).toMatch(/VULTR_REGION must be a cluster id/);
    expect(message).not.toContain('very-secret-value');
  });

  it('builds Pauz from the bindings with D1-sized content and the AI binding’s audio bound', () => {
    const pauz = createPauzFromRaindrop({ ...buckets(), PAUZ: d1, AI: fakeAiBinding(), ...vultr });
    expect(pauz.limits.contentChars).toBe(D1_CONTENT_CHARS);
    expect(pauz.limits.audioBytes).toBe(4 * 1024 * 1024);
    expect(D1_CONTENT_CHARS).toBeGreaterThanOrEqual(295_000);
  });

  it('keeps the default audio limit without the AI binding, takes overrides, and needs no Vultr when given pdfs', () => {
    const pauz = createPauzFromRaindrop({ ...buckets(), PAUZ: d1 }, { pdfs: memoryPdfStore({ secret: 'pauz-test-link-secret-0123456789abcdef', publicBaseUrl: 'http://127.0.0.1' }), limits: { contentChars: 1000 } });
    expect(pauz.limits.contentChars).toBe(1000);
    expect(pauz.limits.audioBytes).toBe(25 * 1024 * 1024);
  });
});
