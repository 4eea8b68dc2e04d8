import { describe, expect, it } from 'vitest';
import type { AiBinding } from '../../src/raindrop/ai-transcriber.js';
import { raindropWriter } from '../../src/raindrop/ai-writer.js';
import { testWriter } from '../../src/testing/ai.js';
import { expectPauzError } from '../../src/testing/expect-code.js';
import { fakeAiBinding } from '../emulators/raindrop-ai.js';

testWriter({ name: 'Raindrop AI binding, choices shape (fake)', writer: () => raindropWriter(fakeAiBinding({ shape: 'choices' })) });
testWriter({ name: 'Raindrop AI binding, response shape (fake)', writer: () => raindropWriter(fakeAiBinding({ shape: 'response' })) });

describe('raindropWriter', () => {
  it('runs llama-3.3-70b with messages, max_tokens and temperature', async () => {
    const ai = fakeAiBinding();
    expect(await raindropWriter(ai).hint({ content: 'Rain all day.' })).toEqual({ text: 'What stood out to you most?' });
    const { model, input } = ai.calls[0]!;
    expect(model).toBe('llama-3.3-70b');
    expect(Object.keys(input).sort()).toEqual(['max_tokens', 'messages', 'temperature']);
    expect(JSON.stringify(input['messages'])).toContain('Rain all day.');
  });

  it('accepts a response that is already parsed JSON', async () => {
    const ai = fakeAiBinding({ shape: 'response', reply: { text: 'Parsed already?' } });
    expect(await raindropWriter(ai).hint({ content: 'x' })).toEqual({ text: 'Parsed already?' });
  });

  it('prefers choices over response when a model sends both', async () => {
    const ai: AiBinding = {
      run: async () => ({ choices: [{ message: { content: '{"text": "From choices?"}' } }], response: '{"text": "From response?"}' }),
    };
    expect(await raindropWriter(ai).hint({ content: 'x' })).toEqual({ text: 'From choices?' });
  });

  it('uses the configured model', async () => {
    const ai = fakeAiBinding();
    await raindropWriter(ai, { model: 'llama-3.1-8b-instruct' }).reflect({ content: 'x' });
    expect(ai.calls[0]?.model).toBe('llama-3.1-8b-instruct');
  });

  it.each([
    ['an output of neither shape', fakeAiBinding({ mode: 'malformed' }), /neither choices/],
    // The binding's own message is the log's (the cause), not the client's.
    ['a failing run', fakeAiBinding({ mode: 'fail' }), /hint failed: the request failed$/],
    ['prose instead of JSON', fakeAiBinding({ reply: 'Why not write about the rain?' }), /not JSON/],
    ['JSON of the wrong shape', fakeAiBinding({ shape: 'response', reply: '{"question": "Why?"}' }), /malformed output/],
    ['a non-object output', { run: async () => 'plain string' } satisfies AiBinding, /instead of an object/],
  ])('reports %s as WRITER_FAILED naming the model', async (_, ai, reason) => {
    const error = await expectPauzError(raindropWriter(ai).hint({ content: 'x' }), 'WRITER_FAILED');
    expect(error.message).toContain('Raindrop AI llama-3.3-70b: hint failed');
    expect(error.message).toMatch(reason);
  });

  it('times out a hanging run with UPSTREAM_TIMEOUT', async () => {
    await expectPauzError(raindropWriter(fakeAiBinding({ mode: 'hang' }), { timeoutMs: 50 }).guidedPrompts({ topic: 'joy' }), 'UPSTREAM_TIMEOUT');
  });
});
