import { describe, expect, it } from 'vitest';
import { guidedPromptsResultSchema, hintResultSchema, reflectionSchema, transcriptionSchema } from '../ai/schemas.js';
import type { Transcriber, Writer } from '../ai/types.js';
import { MOODS } from '../garden/moods.js';
import { GUIDED_SECTIONS, GUIDED_TOPICS } from '../guided/topics.js';
import { makeWav } from './audio.js';
import { expectPauzError } from './expect-code.js';

function abortedSignal(): AbortSignal {
  const controller = new AbortController();
  controller.abort(new Error('the client went away'));
  return controller.signal;
}

/**
 * Options of {@link testWriter}.
 *
 * @category Testing
 */
export interface TestWriterOptions {
  /** Shown in the test names. */
  name: string;
  /** The writer under test; called once per test. */
  writer: () => Writer;
}

/**
 * Registers the {@link Writer} contract with vitest: hints for empty and written
 * pages, nine prompts in three sections for every topic, a valid reflection,
 * unknown topics refused, and an aborted signal refused with `ABORTED`. Run it against every writer adapter.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/testing/ai.1.ts#example}
 */
export function testWriter(options: TestWriterOptions): void {
  describe(`writer contract: ${options.name}`, () => {
    it('gives an opening prompt for an empty page and a follow-up for written text', async () => {
      const writer = options.writer();
      for (const request of [
        { content: '' },
        { content: '   ', mood: 'calm' as const },
        { content: 'I walked by the river and thought about my sister.' },
        { content: 'Work was hard again.', mood: 'anxious' as const },
      ]) {
        const hint = await writer.hint(request);
        expect(hintResultSchema.parse(hint)).toEqual(hint);
      }
    });

    it('gives nine prompts, three per section, for every topic', async () => {
      const writer = options.writer();
      for (const topic of GUIDED_TOPICS) {
        const result = await writer.guidedPrompts({ topic });
        expect(guidedPromptsResultSchema.parse(result)).toEqual(result);
        expect(result.topic).toBe(topic);
        for (const section of GUIDED_SECTIONS) {
          expect(result.prompts.filter((p) => p.section === section.section).map((p) => p.id)).toEqual([...section.promptIds]);
        }
      }
    });

    it('refuses an unknown topic', async () => {
      await expectPauzError(options.writer().guidedPrompts({ topic: 'weather' as never }), 'VALIDATION_FAILED');
    });

    it('reflects with one of the seven moods, insights and two next questions', async () => {
      const reflection = await options.writer().reflect({ content: 'A slow Sunday. Coffee, a book, a long call with Mum.' });
      expect(reflectionSchema.parse(reflection)).toEqual(reflection);
      expect(MOODS).toContain(reflection.mood);
      expect(reflection.nextQuestions).toHaveLength(2);
    });

    it('refuses every call with ABORTED once the signal aborted', async () => {
      const writer = options.writer();
      const signal = abortedSignal();
      await expectPauzError(writer.hint({ content: 'A quiet morning.', signal }), 'ABORTED');
      await expectPauzError(writer.guidedPrompts({ topic: 'joy', signal }), 'ABORTED');
      await expectPauzError(writer.reflect({ content: 'A quiet morning.', signal }), 'ABORTED');
    });
  });
}

/**
 * Options of {@link testTranscriber}.
 *
 * @category Testing
 */
export interface TestTranscriberOptions {
  /** Shown in the test names. */
  name: string;
  /** The transcriber under test; called once per test. */
  transcriber: () => Transcriber;
}

/**
 * Registers the {@link Transcriber} contract with vitest: a real WAV file is
 * transcribed into a valid result, empty audio is refused before any call, and an
 * aborted signal is refused with `ABORTED`.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/testing/ai.2.ts#example}
 */
export function testTranscriber(options: TestTranscriberOptions): void {
  describe(`transcriber contract: ${options.name}`, () => {
    it('transcribes a WAV recording', async () => {
      const result = await options.transcriber().transcribe({ audio: makeWav({ seconds: 0.5 }), contentType: 'audio/wav' });
      expect(transcriptionSchema.parse(result)).toEqual(result);
    });

    it('refuses empty audio', async () => {
      await expectPauzError(
        options.transcriber().transcribe({ audio: new Uint8Array(0), contentType: 'audio/wav' }),
        'VALIDATION_FAILED',
      );
    });

    it('refuses with ABORTED once the signal aborted', async () => {
      await expectPauzError(
        options.transcriber().transcribe({ audio: makeWav({ seconds: 0.1 }), contentType: 'audio/wav', signal: abortedSignal() }),
        'ABORTED',
      );
    });
  });
}
