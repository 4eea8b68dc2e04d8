import { countWords } from '../free-journal/text.js';
import type { Mood } from '../garden/moods.js';
import { HINT_KEYWORDS } from './local-hints.js';
import { countGroups, countKeywords, type KeywordPattern, keywordPattern, strongest } from './keyword-counts.js';
import type { Reflection } from './types.js';

/** Each mood's keywords. */
const MOOD_KEYWORDS: Readonly<Record<Mood, KeywordPattern>> = {
  happy: keywordPattern([
    'happy', 'happiness', 'glad', 'joy', 'joyful', 'cheerful', 'smile', 'smiled', 'laugh', 'laughed', 'fun',
    'delighted', 'good day', 'great day', 'lovely',
  ]),
  calm: keywordPattern([
    'calm', 'peaceful', 'peace', 'relaxed', 'relaxing', 'rested', 'serene', 'quiet', 'at ease', 'unwind',
    'meditate', 'meditated', 'meditation', 'breathe',
  ]),
  sad: keywordPattern([
    'sad', 'sadness', 'unhappy', 'cry', 'cried', 'crying', 'tears', 'lonely', 'grief', 'hurt', 'heartbroken',
    'hopeless', 'miserable', 'depressed', 'feeling down', 'felt down',
  ]),
  excited: keywordPattern([
    'excited', 'exciting', 'thrilled', "can't wait", 'cannot wait', 'looking forward', 'pumped', 'eager',
    'energized', 'energised', 'amazing', 'adventure', 'finally',
  ]),
  reflective: keywordPattern([
    'realize', 'realized', 'realise', 'realised', 'reflect', 'reflecting', 'wonder', 'wondering', 'thinking about',
    'lesson', 'learned', 'learnt', 'looking back', 'understand', 'meaning',
  ]),
  anxious: keywordPattern([
    'anxious', 'anxiety', 'worried', 'worry', 'worrying', 'nervous', 'stress', 'stressed', 'stressful', 'panic',
    'overwhelmed', 'afraid', 'scared', 'fear', 'tense', 'restless', 'dread',
  ]),
  grateful: keywordPattern([
    'grateful', 'thankful', 'thanks', 'thank', 'gratitude', 'appreciate', 'appreciated', 'blessed', 'lucky',
  ]),
};

/** Tie-break order: the stronger feeling wins a tie; "reflective" is also the default. */
const MOOD_ORDER: readonly Mood[] = ['anxious', 'sad', 'grateful', 'excited', 'happy', 'calm', 'reflective'];

const FEELING: Readonly<Record<Mood, string>> = {
  happy: 'happiness',
  calm: 'calm',
  sad: 'sadness',
  excited: 'excitement',
  reflective: 'thoughtfulness',
  anxious: 'worry',
  grateful: 'gratitude',
};

const MOOD_INSIGHT: Readonly<Record<Mood, string>> = {
  happy: 'Good moments are worth writing down; they are easier to find again on harder days.',
  calm: 'You found some calm; noticing what creates it helps you return to it.',
  sad: 'You gave your sadness some room on the page, which is a kind way to treat it.',
  excited: 'Your excitement points at what matters to you right now.',
  reflective: 'You are looking at your experience with curiosity rather than judgement.',
  anxious: 'Naming your worries, as you did here, is often the first step to easing them.',
  grateful: 'Noticing what you are grateful for tends to make it easier to notice next time.',
};

const NEXT_QUESTIONS: Readonly<Record<Mood, readonly [string, string]>> = {
  happy: ['What made today good, and how could you make room for more of it?', 'Who would you like to share this feeling with?'],
  calm: ['What helped you feel calm, and when could you come back to it?', 'What would you like to carry from this calm into tomorrow?'],
  sad: ['What would comfort you right now, even a little?', 'Who could you reach out to, and what would you want them to know?'],
  excited: ['What are you most looking forward to, and why does it matter to you?', 'What first step could you take toward it this week?'],
  reflective: ['What is one thing you understand better now than before you wrote this?', 'What would you like to explore further next time?'],
  anxious: ['Which part of this worry is within your control, and what is one small step?', 'What has helped you through a worrying time before?'],
  grateful: ['Who or what are you most grateful for today, and have you told them?', 'How could you pass some of this good feeling on?'],
};

const THEME_INSIGHT = {
  work: 'Work came up in what you wrote; notice whether it gives you energy or takes it.',
  people: 'The people close to you are part of this story.',
  love: 'Your relationship is on your mind.',
} as const;

const THEME_NAME = { work: 'work', people: 'family and friends', love: 'love and relationships' } as const;
const THEMES = ['work', 'people', 'love'] as const;

/**
 * The offline reflection: the mood whose keywords occur most (negated ones not
 * counted; "reflective" when none do), a summary naming the length, the feeling and
 * the themes, a few insights and the mood's two next questions.
 */
export function localReflection(content: string): Reflection {
  const text = content.trim();
  if (text === '') {
    return {
      mood: 'reflective',
      summary: 'There is nothing written yet; a blank page is a fine place to begin.',
      insights: ['Even a few lines a day help you notice patterns over time.'],
      nextQuestions: [...NEXT_QUESTIONS.reflective],
    };
  }
  const counts = countGroups(text, MOOD_KEYWORDS);
  const mood = strongest(counts, MOOD_ORDER) ?? 'reflective';
  const second = strongest({ ...counts, [mood]: 0 }, MOOD_ORDER);
  const themes = THEMES.filter((theme) => countKeywords(text, HINT_KEYWORDS[theme], false) > 0);
  const words = countWords(text);

  const feeling =
    counts[mood] > 0
      ? `the strongest feeling in them is ${FEELING[mood]}`
      : 'they read as quiet and thoughtful';
  const themeText = themes.length === 0 ? '' : ` You touched on ${joinAnd(themes.map((t) => THEME_NAME[t]))}.`;
  const insights = [MOOD_INSIGHT[mood]];
  if (second !== null) insights.push(`There is some ${FEELING[second]} here too; more than one feeling can be true at once.`);
  for (const theme of themes) insights.push(THEME_INSIGHT[theme]);

  return {
    mood,
    summary: `You wrote ${words} ${words === 1 ? 'word' : 'words'}, and ${feeling}.${themeText}`,
    insights,
    nextQuestions: [...NEXT_QUESTIONS[mood]],
  };
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
