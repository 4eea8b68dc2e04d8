import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MODEL_CONTENT_CHARS } from '../../src/ai/writer-prompts.js';
import { openAiWriter, type OpenAiWriterOptions } from '../../src/openai/writer.js';
import { testWriter } from '../../src/testing/ai.js';
import { expectPauzError } from '../../src/testing/expect-code.js';
import type { Writer } from '../../src/ai/types.js';
import { defaultChatReply } from '../../src/testing/emulators/chat-replies.js';
import { type OpenAiEmulator, startOpenAiEmulator } from '../../src/testing/emulators/openai.js';
import { expectNoSecret } from './helpers.js';

const KEY = 'sk-proj-5e6f7a8b9c0d1e2f3a4b';
let emulator: OpenAiEmulator;

beforeAll(async () => {
  emulator = await startOpenAiEmulator({ apiKey: KEY });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  Object.assign(emulator.chat, { mode: 'ok', calls: 0, reply: defaultChatReply, finishReason: 'stop', last: undefined });
});

const writer = (extra: Partial<OpenAiWriterOptions> = {}): Writer =>
  openAiWriter({ baseUrl: emulator.baseUrl, apiKey: KEY, model: 'gpt-test', timeoutMs: 5_000, ...extra });

const userMessage = (): string => emulator.chat.last?.messages.find((m) => m.role === 'user')?.content ?? '';

testWriter({ name: 'OpenAI-compatible (emulator)', writer: () => writer() });

describe('openAiWriter requests', () => {
  it('asks the model for JSON with the journal text, model and tuning', async () => {
    expect(await writer().hint({ content: 'The garden was full of bees.', mood: 'calm' })).toEqual({ text: 'What stood out to you most?' });
    const body = emulator.chat.last;
    expect(body).toMatchObject({ model: 'gpt-test', response_format: { type: 'json_object' }, temperature: 0.7, max_tokens: 200 });
    expect(body?.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(userMessage()).toContain('The garden was full of bees.');
    expect(userMessage()).toContain('feel calm');
  });

  it('asks for an opening prompt on an empty page, without quoting any text', async () => {
    expect(await writer().hint({ content: '  ' })).toEqual({ text: 'What is on your mind?' });
    expect(userMessage()).toContain('The page is empty');
    expect(userMessage()).not.toContain('Journal entry');
  });

  it("steers guided prompts by the topic's aspects and numbers them itself", async () => {
    const result = await writer().guidedPrompts({ topic: 'money' });
    expect(userMessage()).toContain('spending, saving, security, generosity');
    expect(result.prompts[4]).toEqual({ id: 5, section: 2, text: 'Money question 5?' });
  });

  it('leaves out response_format when jsonMode is off', async () => {
    await writer({ jsonMode: false }).hint({ content: 'x' });
    expect(emulator.chat.last).not.toHaveProperty('response_format');
  });

  it('sends only the beginning and end of very long content', async () => {
    const content = `START ${'middle '.repeat(40_000)} END`;
    await writer().reflect({ content });
    expect(userMessage().length).toBeLessThan(MAX_MODEL_CONTENT_CHARS + 2_000);
    expect(userMessage()).toContain('START');
    expect(userMessage()).toContain('END');
  });
});

describe('openAiWriter output', () => {
  it.each([
    ['a ```json fence', '```json\n{"text": "Fenced?"}\n```'],
    ['a bare fence', 'Here you go:\n```\n{"text": "Fenced?"}\n```'],
    ['prose around the JSON', 'Sure! {"text": "Fenced?"} Hope this helps.'],
  ])('reads JSON inside %s', async (_, content) => {
    emulator.chat.reply = content;
    expect(await writer().hint({ content: 'x' })).toEqual({ text: 'Fenced?' });
  });

  it('accepts prompts given as objects with text', async () => {
    emulator.chat.reply = JSON.stringify({ prompts: Array.from({ length: 9 }, (_, i) => ({ id: 99, section: 3, text: `Q${i}?` })) });
    const { prompts } = await writer().guidedPrompts({ topic: 'joy' });
    expect(prompts.map((p) => [p.id, p.section])).toEqual([[1, 1], [2, 1], [3, 1], [4, 2], [5, 2], [6, 2], [7, 3], [8, 3], [9, 3]]);
  });

  it('forgives a capitalised mood and extra questions, keeping the first ones', async () => {
    emulator.chat.reply = JSON.stringify({ mood: ' Grateful ', summary: 'S.', insights: ['I.'], nextQuestions: ['A?', 'B?', 'C?'] });
    expect(await writer().reflect({ content: 'x' })).toEqual({ mood: 'grateful', summary: 'S.', insights: ['I.'], nextQuestions: ['A?', 'B?'] });
  });

  const reflection = { mood: 'calm', summary: 'S.', insights: ['I.'], nextQuestions: ['A?', 'B?'] };
  it.each([
    ['prose instead of JSON', 'hint', 'I think you should write about your day.'],
    ['an empty answer', 'hint', ''],
    ['no content at all', 'hint', null],
    ['the wrong key', 'hint', '{"hint": "What next?"}'],
    ['an empty hint', 'hint', '{"text": "   "}'],
    ['an over-long hint', 'hint', JSON.stringify({ text: 'why '.repeat(400) })],
    ['eight prompts', 'guidedPrompts', JSON.stringify({ prompts: Array.from({ length: 8 }, (_, i) => `Q${i}?`) })],
    ['an empty prompt', 'guidedPrompts', JSON.stringify({ prompts: Array.from({ length: 9 }, (_, i) => (i === 3 ? '' : `Q${i}?`)) })],
    ['an unknown mood', 'reflect', JSON.stringify({ ...reflection, mood: 'furious' })],
    ['one next question', 'reflect', JSON.stringify({ ...reflection, nextQuestions: ['A?'] })],
    ['no insights', 'reflect', JSON.stringify({ ...reflection, insights: [] })],
    ['a JSON array', 'reflect', '[1, 2, 3]'],
  ] as const)('refuses %s with WRITER_FAILED naming the service', async (_, operation, reply) => {
    emulator.chat.reply = reply;
    const w = writer();
    const call =
      operation === 'hint' ? w.hint({ content: 'x' }) : operation === 'guidedPrompts' ? w.guidedPrompts({ topic: 'mind' }) : w.reflect({ content: 'x' });
    const error = await expectPauzError(call, 'WRITER_FAILED');
    expect(error.message).toContain(`OpenAI-compatible writer: ${operation} failed`);
    // Where it runs is for the log only: in details, never in the message.
    expect(error.message).not.toContain(new URL(emulator.baseUrl).host);
    expect(error.details).toMatchObject({ operation, endpoint: `${new URL(emulator.baseUrl).host}/v1/chat/completions` });
  });

  it('refuses an answer cut off at max_tokens', async () => {
    emulator.chat.reply = '{"text": "What';
    emulator.chat.finishReason = 'length';
    expect((await expectPauzError(writer().hint({ content: 'x' }), 'WRITER_FAILED')).message).toContain('cut off');
  });
});

describe('openAiWriter failures', () => {
  it.each([
    ['fail', /HTTP 500/],
    ['malformed', /malformed output/],
    ['not-json', /not JSON/],
  ] as const)('turns a %s answer into WRITER_FAILED', async (mode, reason) => {
    emulator.chat.mode = mode;
    const error = await expectPauzError(writer().reflect({ content: 'x' }), 'WRITER_FAILED');
    expect(error.message).toMatch(reason);
    expectNoSecret(error, KEY);
  });

  it('times out with UPSTREAM_TIMEOUT', async () => {
    emulator.chat.mode = 'hang';
    const error = await expectPauzError(writer({ timeoutMs: 100 }).hint({ content: 'x' }), 'UPSTREAM_TIMEOUT');
    expect(error.message).toContain('OpenAI-compatible writer: hint timed out');
  });

  it('cancels the request in flight when the caller aborts: ABORTED, not a timeout, not retried', async () => {
    emulator.chat.mode = 'hang';
    const held = emulator.chat.held;
    held.reset();
    const controller = new AbortController();
    const pending = writer({ timeoutMs: 120_000 }).reflect({ content: 'A long day.', signal: controller.signal });
    await held.waitForHeld(1);
    controller.abort();
    const error = await expectPauzError(pending, 'ABORTED');
    expect(error.message).toContain('OpenAI-compatible writer: reflect was aborted by the caller');
    await held.waitForAborted(1);
    expect(emulator.chat.calls).toBe(1);
  });

  it('reports a wrong key without repeating it', async () => {
    const wrong = 'sk-proj-wrong-0a1b2c3d4e5f';
    const error = await expectPauzError(writer({ apiKey: wrong }).guidedPrompts({ topic: 'body' }), 'WRITER_FAILED');
    expect(error.details['status']).toBe(401);
    // The status reaches the message; what the service said stays in the cause, for the log.
    expect(error.message).toBe('OpenAI-compatible writer: guidedPrompts failed: HTTP 401');
    expect((error.cause as Error).message).toContain('Incorrect API key provided');
    expectNoSecret(error, wrong);
  });

  it('sends extra headers and keeps the key out of them when none is set', async () => {
    let seen: Headers | undefined;
    const spy: typeof fetch = (input, init) => {
      seen = new Headers(init?.headers);
      return fetch(input, init);
    };
    await expectPauzError(writer({ apiKey: undefined, fetch: spy, headers: { 'x-team': 'journal' } }).hint({ content: 'x' }), 'WRITER_FAILED');
    expect(seen?.get('x-team')).toBe('journal');
    expect(seen?.has('authorization')).toBe(false);
  });
});
