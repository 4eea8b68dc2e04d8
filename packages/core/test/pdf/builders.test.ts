import { describe, expect, it } from 'vitest';
import { formatJournalDate } from '../../src/pdf/builders/dates.js';
import { freeJournalPdfDocument } from '../../src/pdf/builders/free-journal.js';
import { guidedJournalPdfDocument, type GuidedJournalPdfPrompt } from '../../src/pdf/builders/guided-journal.js';
import { renderJournalPdf } from '../../src/pdf/render.js';
import { PauzError } from '../../src/errors.js';
import { pdftotext, popplerMissing } from './poppler.js';

const PROMPTS: GuidedJournalPdfPrompt[] = [
  { id: 'p7', section: 3, text: 'What will you say no to?' },
  { id: 'p1', section: 1, text: 'What made you smile?' },
  { id: 'p4', section: 2, text: 'What drained you?' },
  { id: 'p2', section: 1, text: 'Who helped you?' },
];

describe('formatJournalDate', () => {
  it('writes the long date in the given time zone and locale', () => {
    const instant = new Date('2026-03-01T02:00:00Z');
    expect(formatJournalDate(instant)).toMatch(/^Sunday,? 1 March 2026$/);
    expect(formatJournalDate(instant, { timeZone: 'America/Los_Angeles' })).toMatch(/^Saturday,? 28 February 2026$/);
    expect(formatJournalDate(instant, { locale: 'de-DE' })).toBe('Sonntag, 1. März 2026');
    expect(() => formatJournalDate(instant, { timeZone: 'Mars/Olympus' })).toThrow(PauzError);
  });
});

describe('freeJournalPdfDocument', () => {
  it('splits paragraphs on blank lines, keeps single breaks, lists hints and shows the mood', () => {
    const doc = freeJournalPdfDocument({
      title: '  Lake day ',
      createdAt: '2026-06-15T12:00:00Z',
      updatedAt: '2026-06-16T09:00:00Z',
      mood: 'calm',
      content: 'One\ntwo\n\n  \nThree\r\n\r\nFour',
      hints: ['What felt good?', '  ', 'And then?'],
      author: 'Zoë',
    });
    expect(doc.title).toBe('Lake day');
    expect(doc.subtitle).toBe(`${formatJournalDate(new Date('2026-06-15T12:00:00Z'))} · Mood: Calm`);
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'One\ntwo' },
      { kind: 'paragraph', text: 'Three' },
      { kind: 'paragraph', text: 'Four' },
      { kind: 'heading', text: 'Writing hints', level: 2 },
      { kind: 'list', items: ['What felt good?', 'And then?'] },
    ]);
    expect(doc.metadata).toEqual({
      title: 'Lake day',
      author: 'Zoë',
      subject: 'Free journal',
      creationDate: new Date('2026-06-15T12:00:00Z'),
      modificationDate: new Date('2026-06-16T09:00:00Z'),
    });
  });

  it('names an untitled, empty session and accepts other labels', () => {
    const doc = freeJournalPdfDocument({ title: ' ', createdAt: new Date('2026-06-15T12:00:00Z'), mood: null, content: '\n\n' });
    expect(doc.title).toBe('Untitled session');
    expect(doc.subtitle).toBe(formatJournalDate(new Date('2026-06-15T12:00:00Z')));
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'Nothing written yet.', tone: 'muted' }]);
    const german = freeJournalPdfDocument({
      title: '',
      createdAt: '2026-06-15T12:00:00Z',
      mood: 'happy',
      content: 'x',
      hints: ['h'],
      locale: 'de-DE',
      labels: { untitled: 'Ohne Titel', mood: 'Stimmung', hints: 'Impulse' },
    });
    expect(german.title).toBe('Ohne Titel');
    expect(german.subtitle).toBe('Montag, 15. Juni 2026 · Stimmung: Happy');
    expect(german.blocks[1]).toEqual({ kind: 'heading', text: 'Impulse', level: 2 });
  });

  it('refuses an invalid date', () => {
    expect(() => freeJournalPdfDocument({ title: 't', createdAt: 'yesterday', content: '' })).toThrow(/createdAt is not a valid date/);
  });
});

describe('guidedJournalPdfDocument', () => {
  it('prints each section in order with its prompts, answers and placeholders', () => {
    const doc = guidedJournalPdfDocument({
      topic: 'friends',
      prompts: PROMPTS,
      entries: [
        { promptId: 'p2', response: 'Sam did.' },
        { promptId: 'p1', response: 'The sunrise.' },
        { promptId: 'p1', response: 'And the coffee.' },
        { promptId: 'p4', response: '   ' },
      ],
      createdAt: '2026-06-15T12:00:00Z',
    });
    expect(doc.title).toBe('Guided journal: Friends');
    expect(doc.metadata).toMatchObject({ title: 'Guided journal: Friends', subject: 'Guided journal', keywords: ['friends'] });
    expect(doc.blocks).toEqual([
      { kind: 'heading', text: 'What is going well', level: 1 },
      { kind: 'item', label: 'What made you smile?', text: 'The sunrise.\n\nAnd the coffee.', placeholder: 'No answer yet.' },
      { kind: 'item', label: 'Who helped you?', text: 'Sam did.', placeholder: 'No answer yet.' },
      { kind: 'heading', text: 'What needs improvement', level: 1 },
      { kind: 'item', label: 'What drained you?', text: '', placeholder: 'No answer yet.' },
      { kind: 'heading', text: 'Boundaries and commitments', level: 1 },
      { kind: 'item', label: 'What will you say no to?', text: '', placeholder: 'No answer yet.' },
    ]);
  });

  it("takes a guided journal's numeric prompt ids as they are", () => {
    const doc = guidedJournalPdfDocument({
      topic: 'joy',
      prompts: [{ id: 1, section: 1, text: 'What made you smile?' }],
      entries: [{ promptId: 1, response: 'The sunrise.' }],
      createdAt: '2026-06-15T12:00:00Z',
    });
    expect(doc.blocks).toContainEqual({ kind: 'item', label: 'What made you smile?', text: 'The sunrise.', placeholder: 'No answer yet.' });
    expect(doc.blocks.some((b) => b.kind === 'heading' && b.text === 'Other answers')).toBe(false);
  });

  it('never drops an answer whose prompt is missing or outside the three sections', () => {
    const doc = guidedJournalPdfDocument({
      topic: 'joy',
      prompts: [...PROMPTS, { id: 'p10', section: 4, text: 'Bonus?' }],
      entries: [
        { promptId: 'gone', response: 'Orphan answer.' },
        { promptId: 'p10', response: 'Bonus answer.' },
      ],
      createdAt: '2026-06-15T12:00:00Z',
      labels: { topics: { joy: 'Freude' }, title: 'Tagebuch: {topic}' },
    });
    expect(doc.title).toBe('Tagebuch: Freude');
    expect(doc.blocks.slice(-3)).toEqual([
      { kind: 'heading', text: 'Other answers', level: 1 },
      { kind: 'item', label: 'Bonus?', text: 'Bonus answer.' },
      { kind: 'item', label: 'gone', text: 'Orphan answer.' },
    ]);
  });

  it.skipIf(popplerMissing)('comes out of the PDF in reading order', async () => {
    const doc = guidedJournalPdfDocument({
      topic: 'mind',
      prompts: PROMPTS,
      entries: [
        { promptId: 'p1', response: 'The sunrise.' },
        { promptId: 'p7', response: 'Late-night email.\nAnd doom-scrolling.' },
      ],
      createdAt: '2026-06-15T12:00:00Z',
    });
    const lines = (await pdftotext(await renderJournalPdf(doc)))
      .split(/[\n\f]/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    expect(lines).toEqual([
      'Guided journal: Mind',
      formatJournalDate(new Date('2026-06-15T12:00:00Z')),
      'What is going well',
      'What made you smile?',
      'The sunrise.',
      'Who helped you?',
      'No answer yet.',
      'What needs improvement',
      'What drained you?',
      'No answer yet.',
      'Boundaries and commitments',
      'What will you say no to?',
      'Late-night email.',
      'And doom-scrolling.',
      'Page 1 of 1',
    ]);
  });
});
