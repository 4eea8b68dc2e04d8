import { describe, expect, it } from 'vitest';
import { MOODS } from '../garden/moods.js';
import { GUIDED_TOPICS } from '../guided/topics.js';
import { expectPauzError } from '../testing/expect-code.js';
import { HINT_FOLLOW_UPS, HINT_GROUPS, HINT_OPENINGS } from './local-hints.js';
import { localWriter } from './local-writer.js';
import { guidedPromptsResultSchema, hintResultSchema, reflectionSchema } from './schemas.js';

const writer = localWriter();
const hint = async (content: string, mood?: (typeof MOODS)[number]): Promise<string> =>
  (await writer.hint(mood === undefined ? { content } : { content, mood })).text;

describe('localWriter hints', () => {
  it('opens an empty page warmly, by mood when one is given', async () => {
    expect(await hint('')).toBe(HINT_OPENINGS.none);
    expect(await hint(' \n\t ')).toBe(HINT_OPENINGS.none);
    for (const mood of MOODS) expect(await hint('', mood)).toBe(HINT_OPENINGS[mood]);
    expect(new Set(Object.values(HINT_OPENINGS)).size).toBe(MOODS.length + 1);
  });

  it.each([
    ['sad', 'I cried all evening and felt so lonely.'],
    ['anxious', 'I am worried about tomorrow and my stomach is tense.'],
    ['angry', 'I was furious and frustrated after that call.'],
    ['love', 'My partner and I talked about our relationship.'],
    ['people', 'Had dinner with my mom and two friends.'],
    ['work', 'The meeting with my boss ran late and the deadline moved.'],
    ['happy', 'What a wonderful afternoon, I laughed so much.'],
    ['keepGoing', 'I walked to the shop and bought bread.'],
  ] as const)('routes %s text to its own question', async (group, content) => {
    expect(HINT_FOLLOW_UPS[group]).toContain(await hint(content));
  });

  it('keeps every group’s questions distinct, so a wrong route cannot pass unnoticed', () => {
    const all = [...HINT_GROUPS, 'keepGoing' as const].flatMap((g) => HINT_FOLLOW_UPS[g]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('follows the group mentioned most, ties going to feelings before topics', async () => {
    expect(HINT_FOLLOW_UPS.work).toContain(await hint('Work, work, work. One project after another, and a bit sad.'));
    expect(HINT_FOLLOW_UPS.sad).toContain(await hint('A sad day at work.'));
  });

  it('matches whole words only, in any case', async () => {
    expect(HINT_FOLLOW_UPS.keepGoing).toContain(await hint('The update was madness, a sadly-named homework file.'));
    expect(HINT_FOLLOW_UPS.anxious).toContain(await hint('STRESSED. So STRESSED.'));
  });

  it('does not count a negated feeling, but counts a negated topic', async () => {
    expect(HINT_FOLLOW_UPS.keepGoing).toContain(await hint('I was not happy with the bread.'));
    expect(HINT_FOLLOW_UPS.keepGoing).toContain(await hint("I wasn't really worried."));
    expect(HINT_FOLLOW_UPS.people).toContain(await hint('I have no friends in this town.'));
  });

  it('uses the mood when the text matches no group', async () => {
    expect(HINT_FOLLOW_UPS.sad).toContain(await hint('I sat by the window.', 'sad'));
    expect(HINT_FOLLOW_UPS.happy).toContain(await hint('I sat by the window.', 'grateful'));
    expect(HINT_FOLLOW_UPS.keepGoing).toContain(await hint('I sat by the window.', 'reflective'));
  });

  it('is deterministic, and varies with the text', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `Day ${i}: I walked for a while.`);
    const first = await Promise.all(texts.map((t) => hint(t)));
    const again = await Promise.all(texts.map((t) => localWriter().hint({ content: t })));
    expect(again.map((h) => h.text)).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
    for (const text of first) expect(hintResultSchema.parse({ text })).toEqual({ text });
  });
});

describe('localWriter guided prompts', () => {
  it('gives every topic nine valid prompts in three sections, none repeated', async () => {
    const texts: string[] = [];
    for (const topic of GUIDED_TOPICS) {
      const result = await writer.guidedPrompts({ topic });
      expect(guidedPromptsResultSchema.parse(result)).toEqual(result);
      expect(result.prompts.map((p) => p.section)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
      texts.push(...result.prompts.map((p) => p.text));
    }
    expect(new Set(texts).size).toBe(90);
  });

  it('is deterministic', async () => {
    expect(await localWriter().guidedPrompts({ topic: 'money' })).toEqual(await writer.guidedPrompts({ topic: 'money' }));
  });

  it('refuses an unknown topic', async () => {
    await expectPauzError(writer.guidedPrompts({ topic: 'weather' as never }), 'VALIDATION_FAILED');
  });
});

describe('localWriter reflection', () => {
  it.each([
    ['happy', 'I laughed with everyone and felt so happy and glad.'],
    ['calm', 'A peaceful, quiet morning. I felt calm and relaxed.'],
    ['sad', 'I cried again. Lonely and sad.'],
    ['excited', "I'm thrilled, I can't wait for the trip!"],
    ['reflective', 'Looking back, I realized the lesson I learned.'],
    ['anxious', 'Worried and anxious all day, then a little grateful.'],
    ['grateful', 'So grateful and thankful for my friends; I appreciate them.'],
  ] as const)('reads %s from the keywords', async (mood, content) => {
    const reflection = await writer.reflect({ content });
    expect(reflection.mood).toBe(mood);
    expect(reflectionSchema.parse(reflection)).toEqual(reflection);
  });

  it('is reflective when no mood word appears, or only negated ones', async () => {
    expect((await writer.reflect({ content: 'Bought bread. Took the bus home.' })).mood).toBe('reflective');
    expect((await writer.reflect({ content: 'I was not happy, never calm.' })).mood).toBe('reflective');
  });

  it('summarises length, feeling and themes, with insights and two next questions', async () => {
    const reflection = await writer.reflect({ content: 'Stressed about the deadline at work. My sister called, which helped.' });
    expect(reflection.mood).toBe('anxious');
    expect(reflection.summary).toContain('11 words');
    expect(reflection.summary).toContain('worry');
    expect(reflection.summary).toContain('work and family and friends');
    expect(reflection.insights.length).toBeGreaterThanOrEqual(3);
    expect(reflection.nextQuestions).toHaveLength(2);
    expect(reflectionSchema.parse(reflection)).toEqual(reflection);
  });

  it('mentions a second feeling when there is one', async () => {
    const reflection = await writer.reflect({ content: 'Anxious, anxious, worried — but grateful for tea.' });
    expect(reflection.mood).toBe('anxious');
    expect(reflection.insights.join(' ')).toContain('gratitude');
  });

  it('answers an empty page without inventing a mood', async () => {
    const reflection = await writer.reflect({ content: '  ' });
    expect(reflection.mood).toBe('reflective');
    expect(reflectionSchema.parse(reflection)).toEqual(reflection);
  });

  it('is deterministic', async () => {
    const content = 'Happy, then sad, then thinking about work and my partner.';
    expect(await localWriter().reflect({ content })).toEqual(await writer.reflect({ content }));
  });
});
