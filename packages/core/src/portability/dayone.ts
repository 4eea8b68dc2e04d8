import { PauzError } from '../errors.js';
import type { DayOneJournal } from './format.js';

/** The longest title Pauz keeps (as the session input schema allows). */
const MAX_TITLE = 500;

/**
 * Undoes Day One's Markdown escapes: a backslash before ASCII punctuation (`\.`,
 * `\!`, `\(`, `\-`, `\\` …) stands for the character itself.
 */
export function undoDayOneEscapes(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** A session made of one Day One entry's text: the first line is the title, the rest the content. */
export function sessionTextOf(text: string): { title: string; content: string } {
  const normalised = text.replace(/\r\n?/g, '\n');
  const newline = normalised.indexOf('\n');
  const firstLine = newline === -1 ? normalised : normalised.slice(0, newline);
  const rest = newline === -1 ? '' : normalised.slice(newline + 1);
  const title = undoDayOneEscapes(firstLine.replace(/^\s*#+\s*/, '')).trim();
  const content = undoDayOneEscapes(rest.replace(/^(\s*\n)+/, ''));
  if (title.length <= MAX_TITLE) return { title, content };
  // A first paragraph too long to be a title: the title is its beginning, the content keeps all of it.
  const cut = title.slice(0, MAX_TITLE - 1).replace(/\s+\S*$/, '');
  return { title: `${cut === '' ? title.slice(0, MAX_TITLE - 1) : cut}…`, content: undoDayOneEscapes(normalised.replace(/^\s*#+\s*/, '')) };
}

/** One Day One entry, ready to become a session. */
export interface DayOneEntry {
  /** The source key of the session: `dayone:<uuid>`. */
  sourceKey: string;
  uuid: string;
  title: string;
  content: string;
  createdAt: string;
  updatedAt: string;
  audios: Array<{ sourceKey: string; file: string }>;
  tags: number;
  photos: number;
}

/** The entries of Day One journals, converted; `VALIDATION_FAILED` naming an entry too long for the content limit. */
export function dayOneEntries(journals: ReadonlyArray<{ name: string; journal: DayOneJournal }>, contentChars: number): DayOneEntry[] {
  const entries: DayOneEntry[] = [];
  for (const { name, journal } of journals) {
    for (const entry of journal.entries) {
      const { title, content } = sessionTextOf(entry.text ?? '');
      if (content.length > contentChars) {
        throw new PauzError('VALIDATION_FAILED', `The Day One entry ${entry.uuid} in ${name} is longer than ${contentChars} characters`, {
          errors: [{ field: `${name}.entries.${entry.uuid}.text`, message: `must be at most ${contentChars} characters` }],
        });
      }
      const createdAt = new Date(entry.creationDate).toISOString();
      entries.push({
        sourceKey: `dayone:${entry.uuid}`,
        uuid: entry.uuid,
        title,
        content,
        createdAt,
        updatedAt: entry.modifiedDate === undefined ? createdAt : new Date(entry.modifiedDate).toISOString(),
        audios: (entry.audios ?? []).map((audio) => ({
          sourceKey: `dayone:${entry.uuid}:audio:${audio.identifier}`,
          file: `audios/${audio.md5}.${audio.format}`,
        })),
        tags: entry.tags?.length ?? 0,
        photos: entry.photos?.length ?? 0,
      });
    }
  }
  return entries;
}
