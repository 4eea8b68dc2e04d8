import { describe, expect, it } from 'vitest';
import {
  GUIDED_SECTIONS,
  GUIDED_TOPIC_INFO,
  GUIDED_TOPICS,
  guidedPromptsSchema,
  guidedTopicSchema,
  isGuidedTopic,
  listGuidedTopics,
  sectionOfPrompt,
} from './topics.js';

const nine = (): { id: number; section: 1 | 2 | 3; text: string }[] =>
  Array.from({ length: 9 }, (_, i) => ({ id: i + 1, section: sectionOfPrompt(i + 1), text: `Prompt ${i + 1}?` }));

describe('guided topics', () => {
  it('has the ten topics, each with a label, a description and a few aspects', () => {
    expect(GUIDED_TOPICS).toEqual(['mind', 'body', 'heart', 'friends', 'family', 'romance', 'mission', 'growth', 'money', 'joy']);
    expect(listGuidedTopics().map((t) => t.id)).toEqual([...GUIDED_TOPICS]);
    for (const topic of GUIDED_TOPICS) {
      const info = GUIDED_TOPIC_INFO[topic];
      expect(info.id).toBe(topic);
      expect(info.label.length).toBeGreaterThan(0);
      expect(info.description.length).toBeGreaterThan(10);
      expect(info.aspects.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('validates topic ids', () => {
    expect(guidedTopicSchema.safeParse('joy').success).toBe(true);
    expect(guidedTopicSchema.safeParse('Joy').success).toBe(false);
    expect(isGuidedTopic('money')).toBe(true);
    expect(isGuidedTopic('weather')).toBe(false);
    expect(isGuidedTopic(3)).toBe(false);
  });
});

describe('guided sections and prompts', () => {
  it('has three sections of three prompts', () => {
    expect(GUIDED_SECTIONS.map((s) => [s.section, [...s.promptIds]])).toEqual([
      [1, [1, 2, 3]],
      [2, [4, 5, 6]],
      [3, [7, 8, 9]],
    ]);
    expect([1, 3, 4, 6, 7, 9].map(sectionOfPrompt)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(() => sectionOfPrompt(0)).toThrow(RangeError);
    expect(() => sectionOfPrompt(10)).toThrow(RangeError);
  });

  it('accepts nine prompts in order, trimming their text', () => {
    const prompts = nine();
    prompts[0]!.text = '  padded?  ';
    const parsed = guidedPromptsSchema.parse(prompts);
    expect(parsed[0]!.text).toBe('padded?');
    expect(parsed).toHaveLength(9);
  });

  it.each([
    ['eight prompts', nine().slice(0, 8)],
    ['ten prompts', [...nine(), { id: 10, section: 3, text: 'extra' }]],
    ['prompts out of order', [nine()[1], nine()[0], ...nine().slice(2)]],
    ['a prompt in the wrong section', nine().map((p) => (p.id === 4 ? { ...p, section: 1 } : p))],
    ['four prompts in a section', nine().map((p) => (p.id === 7 ? { ...p, section: 2 } : p))],
    ['an empty prompt', nine().map((p) => (p.id === 5 ? { ...p, text: '   ' } : p))],
    ['a section 4', nine().map((p) => (p.id === 9 ? { ...p, section: 4 } : p))],
    ['a NUL character', nine().map((p) => (p.id === 2 ? { ...p, text: 'a\u0000b' } : p))],
  ])('refuses %s', (_, prompts) => {
    expect(guidedPromptsSchema.safeParse(prompts).success).toBe(false);
  });

  it('names the prompt that is wrong', () => {
    const result = guidedPromptsSchema.safeParse(nine().map((p) => (p.id === 4 ? { ...p, section: 1 } : p)));
    expect(result.error?.issues[0]?.path).toEqual([3, 'section']);
  });
});
