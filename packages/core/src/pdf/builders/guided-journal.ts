import type { JournalPdfBlock, JournalPdfDocument } from '../document.js';
import { formatJournalDate, type PdfDateOptions, toDate } from './dates.js';

/**
 * The words a guided-journal export prints besides the user's own.
 *
 * @category PDF
 */
export interface GuidedJournalPdfLabels {
  /** The title; `{topic}` is replaced by the topic's name. */
  title: string;
  /** Section headings, for sections 1, 2 and 3. */
  sections: readonly [string, string, string];
  /** Shown under a prompt that has no answer. */
  unanswered: string;
  /** Heading of answers whose prompt is not in the journal any more. */
  otherAnswers: string;
  /** Display names of topics by id; default the id, capitalised. */
  topics: Readonly<Record<string, string>>;
}

/**
 * A prompt of a guided journal.
 *
 * @category PDF
 */
export interface GuidedJournalPdfPrompt {
  /** Matched against the entries' `promptId`; a guided journal's numeric ids work as they are. */
  id: string | number;
  /** 1 going well, 2 needs improvement, 3 boundaries and commitments. */
  section: number;
  /** The question. */
  text: string;
}

/**
 * What {@link guidedJournalPdfDocument} needs.
 *
 * @category PDF
 */
export interface GuidedJournalPdfInput extends PdfDateOptions {
  /** The topic id, shown by its name from `labels.topics`. */
  topic: string;
  /** The journal's prompts, printed by section in this order. */
  prompts: readonly GuidedJournalPdfPrompt[];
  /** The answers; one whose prompt is missing is printed under `labels.otherAnswers`. */
  entries: ReadonlyArray<{
    /** The `id` of the prompt answered. */
    promptId: string | number;
    /** The answer. */
    response: string;
  }>;
  /** When the journal was created (a `Date` or ISO 8601); the date line and the PDF creation date. */
  createdAt: Date | string;
  /** Last change; becomes the PDF modification date. */
  updatedAt?: Date | string;
  /** Written into the PDF's author field, typically the user's display name. */
  author?: string;
  /**
   * The words printed besides the user's own, for translations.
   *
   * @defaultValue English: `Guided journal: {topic}`, the three section names, `No answer yet.`, `Other answers`
   */
  labels?: Partial<GuidedJournalPdfLabels>;
}

const DEFAULT_LABELS: GuidedJournalPdfLabels = {
  title: 'Guided journal: {topic}',
  sections: ['What is going well', 'What needs improvement', 'Boundaries and commitments'],
  unanswered: 'No answer yet.',
  otherAnswers: 'Other answers',
  topics: {},
};

/**
 * The printable form of a guided journal: the topic as title, the date, then each
 * section's prompts in order with their answers (unanswered prompts say so). An
 * answer whose prompt is missing is still printed, under "Other answers": an export
 * never drops what the user wrote.
 *
 * @category PDF
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/pdf/builders/guided-journal.ts}
 */
export function guidedJournalPdfDocument(input: GuidedJournalPdfInput): JournalPdfDocument {
  const labels = { ...DEFAULT_LABELS, ...input.labels };
  const createdAt = toDate(input.createdAt, 'createdAt');
  const topicName = labels.topics[input.topic] ?? input.topic.charAt(0).toUpperCase() + input.topic.slice(1);
  const title = labels.title.replace('{topic}', topicName);
  const answers = new Map<string, string[]>();
  for (const entry of input.entries) {
    if (entry.response.trim() === '') continue;
    const id = String(entry.promptId);
    answers.set(id, [...(answers.get(id) ?? []), entry.response]);
  }
  const blocks: JournalPdfBlock[] = [];
  for (const [index, heading] of labels.sections.entries()) {
    const prompts = input.prompts.filter((p) => p.section === index + 1);
    if (prompts.length === 0) continue;
    blocks.push({ kind: 'heading', text: heading, level: 1 });
    for (const prompt of prompts) {
      const id = String(prompt.id);
      const text = (answers.get(id) ?? []).join('\n\n');
      answers.delete(id);
      blocks.push({ kind: 'item', label: prompt.text, text, placeholder: labels.unanswered });
    }
  }
  // Prompts outside sections 1-3 and answers to unknown prompts.
  const known = new Set(input.prompts.filter((p) => p.section >= 1 && p.section <= 3).map((p) => String(p.id)));
  const leftovers: JournalPdfBlock[] = [];
  for (const prompt of input.prompts) {
    const id = String(prompt.id);
    if (known.has(id) || !answers.has(id)) continue;
    leftovers.push({ kind: 'item', label: prompt.text, text: answers.get(id)!.join('\n\n') });
    answers.delete(id);
  }
  for (const [promptId, texts] of answers) leftovers.push({ kind: 'item', label: promptId, text: texts.join('\n\n') });
  if (leftovers.length > 0) blocks.push({ kind: 'heading', text: labels.otherAnswers, level: 1 }, ...leftovers);
  return {
    title,
    subtitle: formatJournalDate(createdAt, input),
    metadata: {
      title,
      ...(input.author === undefined ? {} : { author: input.author }),
      subject: 'Guided journal',
      keywords: [input.topic],
      creationDate: createdAt,
      modificationDate: input.updatedAt === undefined ? createdAt : toDate(input.updatedAt, 'updatedAt'),
    },
    blocks,
  };
}
