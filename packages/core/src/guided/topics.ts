import * as z from 'zod';
import { storableText } from '../validation.js';

/**
 * The ten guided-journal topics, in the order clients show them.
 *
 * @category Domain
 */
export const GUIDED_TOPICS = [
  'mind',
  'body',
  'heart',
  'friends',
  'family',
  'romance',
  'mission',
  'growth',
  'money',
  'joy',
] as const;

/**
 * One of {@link GUIDED_TOPICS}.
 *
 * @category Domain
 */
export type GuidedTopic = (typeof GUIDED_TOPICS)[number];

/**
 * Validates a topic id; used by every input that names a topic.
 *
 * @category Schemas
 */
export const guidedTopicSchema = z.enum(GUIDED_TOPICS);

/**
 * How a topic is presented, and the aspects that steer its prompts.
 *
 * @category Domain
 */
export interface GuidedTopicInfo {
  /** The topic id. */
  id: GuidedTopic;
  /** Short display name. */
  label: string;
  /** One sentence describing what the topic covers. */
  description: string;
  /** A few facets of the topic; writers steer the nine prompts by them. */
  aspects: readonly string[];
}

/**
 * Every topic's label, description and aspects, as `GET /guided_journal/topics`
 * lists them.
 *
 * @category Domain
 */
export const GUIDED_TOPIC_INFO: Readonly<Record<GuidedTopic, GuidedTopicInfo>> = Object.freeze({
  mind: {
    id: 'mind',
    label: 'Mind',
    description: 'Your thoughts, focus and the rest your mind gets.',
    aspects: ['focus', 'stress', 'rest', 'self-talk'],
  },
  body: {
    id: 'body',
    label: 'Body',
    description: 'Sleep, movement, food and the energy they give you.',
    aspects: ['sleep', 'movement', 'nourishment', 'energy'],
  },
  heart: {
    id: 'heart',
    label: 'Heart',
    description: 'Your feelings and how you care for them.',
    aspects: ['feelings', 'self-compassion', 'emotional needs', 'healing'],
  },
  friends: {
    id: 'friends',
    label: 'Friends',
    description: 'The friendships that hold you up and the ones you tend.',
    aspects: ['connection', 'support', 'time together', 'trust'],
  },
  family: {
    id: 'family',
    label: 'Family',
    description: 'The people you call family and how you show up for each other.',
    aspects: ['communication', 'support', 'traditions', 'space'],
  },
  romance: {
    id: 'romance',
    label: 'Romance',
    description: 'Love, partnership and intimacy.',
    aspects: ['intimacy', 'communication', 'appreciation', 'shared plans'],
  },
  mission: {
    id: 'mission',
    label: 'Mission',
    description: 'Work, purpose and the difference you want to make.',
    aspects: ['purpose', 'work', 'impact', 'values'],
  },
  growth: {
    id: 'growth',
    label: 'Growth',
    description: 'Learning, habits and who you are becoming.',
    aspects: ['learning', 'habits', 'challenges', 'goals'],
  },
  money: {
    id: 'money',
    label: 'Money',
    description: 'Spending, saving and your sense of security.',
    aspects: ['spending', 'saving', 'security', 'generosity'],
  },
  joy: {
    id: 'joy',
    label: 'Joy',
    description: 'Play, fun and the small things that make you light up.',
    aspects: ['play', 'creativity', 'nature', 'small pleasures'],
  },
});

/**
 * True when `value` is one of {@link GUIDED_TOPICS}.
 *
 * @category Domain
 */
export function isGuidedTopic(value: unknown): value is GuidedTopic {
  return typeof value === 'string' && (GUIDED_TOPICS as readonly string[]).includes(value);
}

/**
 * A guided-journal section: 1 going well, 2 needs improvement, 3 boundaries and commitments.
 *
 * @category Domain
 */
export type GuidedSectionNumber = 1 | 2 | 3;

/**
 * One section of a guided journal and the prompts it holds.
 *
 * @category Domain
 */
export interface GuidedSection {
  /** 1 going well, 2 needs improvement, 3 boundaries and commitments. */
  section: GuidedSectionNumber;
  /** Display title of the section. */
  title: string;
  /** The ids of the prompts in this section. */
  promptIds: readonly [number, number, number];
}

/**
 * The three sections every guided journal has, three prompts each.
 *
 * @category Domain
 */
export const GUIDED_SECTIONS: readonly [GuidedSection, GuidedSection, GuidedSection] = Object.freeze([
  { section: 1, title: 'What is going well', promptIds: [1, 2, 3] },
  { section: 2, title: 'What needs improvement', promptIds: [4, 5, 6] },
  { section: 3, title: 'Boundaries and commitments', promptIds: [7, 8, 9] },
] as const);

/**
 * Number of prompts in every guided journal.
 *
 * @category Domain
 */
export const GUIDED_PROMPT_COUNT = 9;

/**
 * The section prompt `id` (1–9) belongs to.
 *
 * @category Domain
 */
export function sectionOfPrompt(id: number): GuidedSectionNumber {
  if (!Number.isInteger(id) || id < 1 || id > GUIDED_PROMPT_COUNT) {
    throw new RangeError(`A guided prompt id is 1 to ${GUIDED_PROMPT_COUNT}, not ${id}`);
  }
  return Math.ceil(id / 3) as GuidedSectionNumber;
}

/**
 * One guided-journal prompt.
 *
 * @category Domain
 */
export interface GuidedPrompt {
  /** 1 to 9, in reading order. */
  id: number;
  /** The section the prompt belongs to; always `ceil(id / 3)`. */
  section: GuidedSectionNumber;
  /** The question the user answers. */
  text: string;
}

/**
 * Validates one prompt on its own (its section is checked by {@link guidedPromptsSchema}).
 *
 * @category Schemas
 */
export const guidedPromptSchema = z.object({
  /** 1 to 9, in reading order. */
  id: z.number().int().min(1).max(GUIDED_PROMPT_COUNT),
  /** The section, `ceil(id / 3)`. */
  section: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** The question, 1 to 1000 characters after trimming. */
  text: storableText().trim().min(1).max(1000),
});

/**
 * Validates a journal's prompts: exactly nine, in order (ids 1–9), three per
 * section, each in the section its id belongs to.
 *
 * @category Schemas
 */
export const guidedPromptsSchema = z
  .array(guidedPromptSchema)
  .length(GUIDED_PROMPT_COUNT)
  .superRefine((prompts, ctx) => {
    prompts.forEach((prompt, index) => {
      if (prompt.id !== index + 1) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `prompt ${index + 1} must have id ${index + 1}` });
      } else if (prompt.section !== sectionOfPrompt(prompt.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'section'],
          message: `prompt ${prompt.id} belongs to section ${sectionOfPrompt(prompt.id)}`,
        });
      }
    });
  }) satisfies z.ZodType<GuidedPrompt[]>;

/**
 * Every topic's info, in {@link GUIDED_TOPICS} order.
 *
 * @category Domain
 */
export function listGuidedTopics(): GuidedTopicInfo[] {
  return GUIDED_TOPICS.map((topic) => GUIDED_TOPIC_INFO[topic]);
}
