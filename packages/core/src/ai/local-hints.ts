import type { Mood } from '../garden/moods.js';
import { countGroups, type KeywordPattern, keywordPattern, pick, stableHash, strongest } from './keyword-counts.js';

/** The keyword groups the offline writer recognises, in tie-break order. */
export const HINT_GROUPS = ['sad', 'anxious', 'angry', 'love', 'people', 'work', 'happy'] as const;

/** One of {@link HINT_GROUPS}. */
export type HintGroup = (typeof HINT_GROUPS)[number];

/** The groups that name a topic rather than a feeling. */
export const HINT_TOPICS: readonly HintGroup[] = ['love', 'people', 'work'];

/** Each group's keywords. Exported so reflections can name the same themes. */
export const HINT_KEYWORDS: Readonly<Record<HintGroup, KeywordPattern>> = {
  sad: keywordPattern([
    'sad', 'sadness', 'unhappy', 'depressed', 'lonely', 'alone', 'cry', 'cried', 'crying', 'tears', 'grief',
    'grieving', 'heartbroken', 'hopeless', 'miserable', 'hurt', 'hurting', 'feeling down', 'felt down', 'empty',
  ]),
  anxious: keywordPattern([
    'anxious', 'anxiety', 'worried', 'worry', 'worrying', 'worries', 'nervous', 'stress', 'stressed', 'stressful',
    'panic', 'panicked', 'overwhelmed', 'afraid', 'scared', 'fear', 'uneasy', 'restless', 'tense', 'dread',
  ]),
  angry: keywordPattern([
    'angry', 'anger', 'mad', 'furious', 'annoyed', 'irritated', 'frustrated', 'frustrating', 'frustration',
    'resent', 'resentment', 'rage', 'fed up', 'unfair', 'pissed',
  ]),
  love: keywordPattern([
    'love', 'loved', 'in love', 'partner', 'boyfriend', 'girlfriend', 'husband', 'wife', 'relationship', 'dating',
    'date', 'crush', 'romance', 'romantic', 'breakup', 'broke up', 'marriage', 'married', 'fiancé', 'fiancée',
  ]),
  people: keywordPattern([
    'family', 'mom', 'mum', 'mother', 'dad', 'father', 'parents', 'sister', 'brother', 'siblings', 'son',
    'daughter', 'kids', 'children', 'grandma', 'grandpa', 'friend', 'friends', 'friendship', 'bestie',
  ]),
  work: keywordPattern([
    'work', 'working', 'job', 'boss', 'colleague', 'colleagues', 'coworker', 'coworkers', 'office', 'meeting',
    'meetings', 'deadline', 'deadlines', 'project', 'career', 'manager', 'client', 'clients', 'shift', 'promotion',
  ]),
  happy: keywordPattern([
    'happy', 'happiness', 'joy', 'joyful', 'glad', 'great', 'wonderful', 'amazing', 'excited', 'proud',
    'delighted', 'fun', 'smile', 'smiled', 'laugh', 'laughed', 'grateful', 'thankful', 'good day', 'calm',
  ]),
};

type Questions = readonly [string, ...string[]];

/** Each group's questions, and the "keep going" lines for text no group matches. */
export const HINT_FOLLOW_UPS: Readonly<Record<HintGroup | 'keepGoing', Questions>> = {
  sad: [
    'That sounds heavy. What do you think is sitting underneath this sadness?',
    'What would you say to a close friend who felt the way you feel right now?',
    'When did you first notice feeling this way, and what was happening then?',
  ],
  anxious: [
    'What is the worry telling you, in its own words — and which part of it is within your control?',
    'If this turned out better than you fear, what would that look like?',
    'What helps your body feel a little safer when things feel this tense?',
  ],
  angry: [
    'What boundary or value of yours feels like it was crossed?',
    'If your anger could ask for one thing, what would it ask for?',
  ],
  love: [
    'What do you most want this person to understand about how you feel?',
    'What does this relationship give you, and what does it ask of you?',
  ],
  people: [
    'How did this person make you feel, and what would you like them to know?',
    'What do you need from the people close to you right now?',
  ],
  work: [
    'Which part of work is taking the most of your energy right now?',
    'If work went exactly as you hoped this week, what would be different?',
  ],
  happy: [
    'What made this moment feel good, and how could you invite more of it?',
    'Who or what helped make this happen?',
  ],
  keepGoing: [
    'Keep going — what else comes to mind when you sit with this?',
    'Tell me more: what happened next, and how did it feel?',
    'What feels most important about what you just wrote?',
  ],
};

/** Opening prompts for an empty page, by mood. */
export const HINT_OPENINGS: Readonly<Record<Mood | 'none', string>> = {
  none: 'Take a slow breath. What is on your mind right now?',
  happy: 'What is bringing you joy today? Start there.',
  calm: 'You seem at ease. What is helping you feel calm today?',
  sad: 'It is okay to feel low. What is weighing on you right now?',
  excited: 'Something has you buzzing! What are you looking forward to?',
  reflective: 'What has been on your mind lately that you would like to understand better?',
  anxious: 'Let us slow down together. What is worrying you right now, in a few words?',
  grateful: 'What is one thing you are grateful for today, and why does it matter to you?',
};

/** When nothing in the text matches, the writer's mood still says which question fits. */
const GROUP_OF_MOOD: Readonly<Partial<Record<Mood, HintGroup>>> = {
  sad: 'sad',
  anxious: 'anxious',
  happy: 'happy',
  excited: 'happy',
  grateful: 'happy',
};

/**
 * The offline hint: an opening prompt (by mood) for an empty page; else the question
 * of the keyword group the text matches most, then the mood's group, then a
 * "keep going" line. The variant is chosen by a hash of the text, so the same text
 * always gets the same hint.
 */
export function localHint(content: string, mood?: Mood): string {
  const text = content.trim();
  if (text === '') return HINT_OPENINGS[mood ?? 'none'];
  const group = strongest(countGroups(text, HINT_KEYWORDS, HINT_TOPICS), HINT_GROUPS) ?? (mood === undefined ? undefined : GROUP_OF_MOOD[mood]);
  return pick(HINT_FOLLOW_UPS[group ?? 'keepGoing'], stableHash(text));
}
