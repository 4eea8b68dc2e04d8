import type { FreeJournalSession } from '../free-journal/types.js';
import type { GuidedJournal } from '../guided/types.js';
import type { Hint } from '../hints/hints.js';

/** A file-name part made of the title: ASCII letters and digits, words joined by `-`, at most 60 characters. */
export function slugOf(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

/** `free-journal/YYYY-MM-DD-<slug>-<id8>.md`: the session's creation day (UTC), its title and the first 8 characters of its id. */
export function freeJournalFileName(session: Pick<FreeJournalSession, 'id' | 'title' | 'createdAt'>): string {
  return `free-journal/${session.createdAt.slice(0, 10)}-${slugOf(session.title, 'untitled')}-${session.id.slice(0, 8)}.md`;
}

/** `guided-journal/YYYY-MM-DD-<topic>-<id8>.md`. */
export function guidedJournalFileName(journal: Pick<GuidedJournal, 'id' | 'topic' | 'createdAt'>): string {
  return `guided-journal/${journal.createdAt.slice(0, 10)}-${slugOf(journal.topic, 'guided')}-${journal.id.slice(0, 8)}.md`;
}

/** One line of Markdown meta data (`- **Date:** …`). */
function meta(label: string, value: string): string {
  return `- **${label}:** ${value}`;
}

/** A heading's text on one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A free-journal session as readable Markdown: title, dates, mood, the text, then its hints. */
export function freeJournalMarkdown(session: FreeJournalSession, hints: readonly Hint[]): string {
  const lines = [`# ${oneLine(session.title) || 'Untitled'}`, '', meta('Date', session.createdAt), meta('Updated', session.updatedAt)];
  lines.push(meta('Mood', session.mood ?? '—'), meta('Words', String(session.wordCount)), '', session.content, '');
  if (hints.length > 0) {
    lines.push('## Hints', '');
    for (const hint of hints) lines.push(`- ${oneLine(hint.text)}`);
    lines.push('');
  }
  return lines.join('\n');
}

const SECTIONS: Record<number, string> = { 1: 'Going well', 2: 'Needs improvement', 3: 'Boundaries and commitments' };

/** A guided journal as readable Markdown: topic, dates, then each prompt with its answer, by section. */
export function guidedJournalMarkdown(journal: GuidedJournal): string {
  const topic = journal.topic.charAt(0).toUpperCase() + journal.topic.slice(1);
  const lines = [`# ${topic}`, '', meta('Date', journal.createdAt), meta('Updated', journal.updatedAt), ''];
  let section = 0;
  for (const prompt of [...journal.prompts].sort((a, b) => a.id - b.id)) {
    if (prompt.section !== section) {
      section = prompt.section;
      lines.push(`## ${SECTIONS[section] ?? `Section ${section}`}`, '');
    }
    const answer = journal.entries.find((e) => e.promptId === prompt.id)?.response ?? '';
    lines.push(`### ${prompt.id}. ${oneLine(prompt.text)}`, '', answer.trim() === '' ? '_No answer._' : answer, '');
  }
  return lines.join('\n');
}
