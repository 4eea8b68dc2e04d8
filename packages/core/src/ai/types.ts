import type { Mood } from '../garden/moods.js';
import type { GuidedPrompt, GuidedTopic } from '../guided/topics.js';

/**
 * What {@link Transcriber.transcribe} is given.
 *
 * @category Ports
 */
export interface TranscriptionRequest {
  /** The complete audio file, as recorded. */
  audio: Uint8Array;
  /** Its content type, for example `audio/webm` (as sniffed from the bytes). */
  contentType: string;
  /** ISO 639-1 language hint, for example `en`; the model detects it when missing. */
  language?: string;
  /** Aborts the call, for example when the client went away: it rejects with `ABORTED`. */
  signal?: AbortSignal;
}

/**
 * What a {@link Transcriber} heard.
 *
 * @category Ports
 */
export interface Transcription {
  /** The transcript; empty when nothing was said. */
  text: string;
  /** The language, when the service reports it. */
  language?: string;
  /** Length of the audio in seconds, when the service reports it. */
  durationSeconds?: number;
}

/**
 * Speech to text. Adapters: `openAiTranscriber` (`@pauz/core/openai`) and
 * `raindropTranscriber` (`@pauz/core/raindrop`). Failures are `TRANSCRIPTION_FAILED`
 * or `UPSTREAM_TIMEOUT` errors naming the service; a call whose `signal` aborted
 * rejects with `ABORTED` and is not retried.
 *
 * @category Ports
 */
export interface Transcriber {
  /** Transcribes one recording; rejects with `TRANSCRIPTION_FAILED`, `UPSTREAM_TIMEOUT` or `ABORTED`. */
  transcribe(request: TranscriptionRequest): Promise<Transcription>;
}

/**
 * What {@link Writer.hint} is given.
 *
 * @category Ports
 */
export interface HintRequest {
  /** The session's current content; empty for a fresh page. */
  content: string;
  /** The writer's mood, when known. */
  mood?: Mood;
  /** Aborts the call, for example when the client went away: it rejects with `ABORTED`. */
  signal?: AbortSignal;
}

/**
 * One writing hint.
 *
 * @category Ports
 */
export interface HintResult {
  /** A gentle follow-up question, or an opening prompt for an empty page. */
  text: string;
}

/**
 * What {@link Writer.guidedPrompts} is given.
 *
 * @category Ports
 */
export interface GuidedPromptsRequest {
  /** The topic to write nine prompts for. */
  topic: GuidedTopic;
  /** Aborts the call, for example when the client went away: it rejects with `ABORTED`. */
  signal?: AbortSignal;
}

/**
 * The nine prompts of a new guided journal.
 *
 * @category Ports
 */
export interface GuidedPromptsResult {
  /** The topic asked for. */
  topic: GuidedTopic;
  /** Exactly nine, three per section, ids 1–9 in order. */
  prompts: GuidedPrompt[];
}

/**
 * What {@link Writer.reflect} is given.
 *
 * @category Ports
 */
export interface ReflectRequest {
  /** The session's content. */
  content: string;
  /** Aborts the call, for example when the client went away: it rejects with `ABORTED`. */
  signal?: AbortSignal;
}

/**
 * A reflection on a journal session.
 *
 * @category Ports
 */
export interface Reflection {
  /** The mood the text expresses; the session's flower is of this mood. */
  mood: Mood;
  /** A short summary, addressed to the writer. */
  summary: string;
  /** One to five observations. */
  insights: string[];
  /** Exactly two questions to write about next. */
  nextQuestions: string[];
}

/**
 * The AI that helps people write. Adapters: `localWriter()` (offline, rule-based,
 * deterministic), `openAiWriter` (`@pauz/core/openai`), `raindropWriter`
 * (`@pauz/core/raindrop`), or any function reaching a chat model through
 * `chatWriter`. Model output is validated; malformed output is a `WRITER_FAILED`
 * error naming the service, never passed on. A call whose `signal` aborted rejects
 * with `ABORTED`.
 *
 * @category Ports
 */
export interface Writer {
  /** One gentle follow-up question about the content, or an opening prompt when it is empty. */
  hint(request: HintRequest): Promise<HintResult>;
  /** Nine prompts for a guided journal on `topic`, in three sections. */
  guidedPrompts(request: GuidedPromptsRequest): Promise<GuidedPromptsResult>;
  /** Mood, summary, insights and two next questions for the content. */
  reflect(request: ReflectRequest): Promise<Reflection>;
}

/**
 * The operations of a {@link Writer}, as named in errors.
 *
 * @category Ports
 */
export type WriterOperation = 'hint' | 'guidedPrompts' | 'reflect';
