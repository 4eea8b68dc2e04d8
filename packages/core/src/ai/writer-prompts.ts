import { MOODS, type Mood } from '../garden/moods.js';
import { GUIDED_SECTIONS, GUIDED_TOPIC_INFO, type GuidedTopic } from '../guided/topics.js';

/**
 * One chat message, in the shape OpenAI-compatible APIs and the Raindrop AI binding take.
 *
 * @category Adapters
 */
export interface ChatMessage {
  /** Who speaks: the instructions (`system`), the journal text (`user`) or the model (`assistant`). */
  role: 'system' | 'user' | 'assistant';
  /** The message text. */
  content: string;
}

/**
 * The most journal text sent to a model. Sessions may hold 500,000 characters (`limits.contentChars`); the
 * beginning and the end are kept, the middle is elided.
 */
export const MAX_MODEL_CONTENT_CHARS = 16_000;

const SYSTEM = [
  'You are Pauz, a warm and gentle journaling companion.',
  'You never judge, diagnose or give medical, legal or financial advice.',
  'You answer with one JSON object and nothing else: no Markdown, no prose around it.',
].join(' ');

/** Keeps the start and the end of long content, marking the cut. */
export function clipForModel(content: string, max = MAX_MODEL_CONTENT_CHARS): string {
  if (content.length <= max) return content;
  const half = Math.floor(max / 2);
  return `${content.slice(0, half)}\n[…]\n${content.slice(content.length - half)}`;
}

function quoted(content: string): string {
  return `Journal entry:\n"""\n${clipForModel(content.trim())}\n"""`;
}

function moodLine(mood: Mood | undefined): string {
  return mood === undefined ? '' : `The writer says they feel ${mood}.\n`;
}

/** Messages asking for one hint: an opening prompt for empty content, else a follow-up question. */
export function hintMessages(content: string, mood?: Mood): ChatMessage[] {
  const task =
    content.trim().length === 0
      ? 'The page is empty. Offer ONE warm opening prompt, at most 30 words, that helps the writer start.\n' +
        moodLine(mood) +
        'Answer as JSON: {"text": "<the prompt>"}'
      : 'Read the journal entry below and ask ONE gentle, open follow-up question, at most 30 words, ' +
        'that helps the writer go deeper into what they wrote. Write it in the language of the entry.\n' +
        moodLine(mood) +
        'Answer as JSON: {"text": "<the question>"}\n\n' +
        quoted(content);
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: task },
  ];
}

/** Messages asking for the nine prompts of a guided journal on `topic`. */
export function guidedPromptMessages(topic: GuidedTopic): ChatMessage[] {
  const info = GUIDED_TOPIC_INFO[topic];
  const sections = GUIDED_SECTIONS.map(
    (s) => `Prompts ${s.promptIds[0]}-${s.promptIds[2]}: ${s.title.toLowerCase()}.`,
  ).join('\n');
  const task =
    `Write nine journaling prompts on the topic "${info.label}": ${info.description}\n` +
    `Let these aspects steer them: ${info.aspects.join(', ')}.\n${sections}\n` +
    'Each prompt is one open question to the writer ("you"), at most 30 words, and no two are alike.\n' +
    'Answer as JSON: {"prompts": ["<prompt 1>", "<prompt 2>", …, "<prompt 9>"]}';
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: task },
  ];
}

/** Messages asking for a reflection on `content`. */
export function reflectionMessages(content: string): ChatMessage[] {
  const task =
    `Reflect on the journal entry below for its writer. Choose the mood it expresses most: exactly one of ${MOODS.join(', ')}.\n` +
    'Write a summary of one to three sentences addressed to the writer ("you"), two to four short insights, ' +
    'and exactly two open questions to write about next. Use the language of the entry; the mood stays one of the English words above.\n' +
    'Answer as JSON: {"mood": "<mood>", "summary": "<summary>", "insights": ["<insight>", …], "nextQuestions": ["<question>", "<question>"]}\n\n' +
    quoted(content);
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: task },
  ];
}
