import type { Transcriber, TranscriptionRequest } from '../ai/types.js';
import { PauzError } from '../errors.js';
import { abortedError, throwIfAborted } from '../upstream.js';

/**
 * A {@link Transcriber} test double that answers from a script and records its calls.
 *
 * @category Testing
 */
export interface ScriptedTranscriber extends Transcriber {
  /**
   * `ok` answers {@link ScriptedTranscriber.text}; `fail` throws `TRANSCRIPTION_FAILED`;
   * `hang` never answers, until the request's signal aborts (then `ABORTED`).
   */
  mode: 'ok' | 'fail' | 'hang';
  /** What `ok` answers; a function gets the request. */
  text: string | ((request: TranscriptionRequest) => string);
  /** Every request, in order. */
  readonly calls: TranscriptionRequest[];
}

/**
 * An in-process transcriber for service tests (HTTP tests use the OpenAI-compatible
 * emulator instead).
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/testing/scripted-transcriber.ts}
 */
export function scriptedTranscriber(text: ScriptedTranscriber['text'] = 'A transcript.'): ScriptedTranscriber {
  const calls: TranscriptionRequest[] = [];
  const transcriber: ScriptedTranscriber = {
    mode: 'ok',
    text,
    calls,
    async transcribe(request) {
      calls.push(request);
      const what = 'the scripted transcriber: transcribe';
      throwIfAborted(request.signal, what);
      if (transcriber.mode === 'hang') {
        const { signal } = request;
        return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(abortedError(what, signal)), { once: true }));
      }
      if (transcriber.mode === 'fail') throw new PauzError('TRANSCRIPTION_FAILED', 'Transcription by the scripted transcriber failed');
      return { text: typeof transcriber.text === 'function' ? transcriber.text(request) : transcriber.text };
    },
  };
  return transcriber;
}
