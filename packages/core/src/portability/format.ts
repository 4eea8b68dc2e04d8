import * as z from 'zod';
import { MAX_HINT_CHARS } from '../ai/schemas.js';
import { MOODS } from '../garden/moods.js';
import { guidedEntriesSchema } from '../guided/schemas.js';
import { guidedPromptsSchema, guidedTopicSchema } from '../guided/topics.js';
import { storableText } from '../validation.js';

/** The name of the JSON document at the root of a Pauz export. */
export const EXPORT_DOCUMENT = 'pauz-export.json';
/** Its `format`. */
export const EXPORT_FORMAT = 'pauz-export';
/** Its `version`. */
export const EXPORT_VERSION = 1;

// An instant with any offset, kept as Pauz keeps every instant: UTC, `Date#toISOString()`
// (timestamps are compared and sorted as text).
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());
const id = z.string().min(1).max(64);
/** A path inside the archive, checked again by the reader. */
const archivePath = z.string().min(1).max(1024);

const hintSchema = z.object({
  id,
  text: storableText().min(1).max(MAX_HINT_CHARS),
  source: z.enum(['writer', 'client']),
  createdAt: instant,
});

const recordingSchema = z.object({
  id,
  contentType: z.string().max(100),
  size: z.number().int().min(1),
  transcript: storableText().nullable(),
  status: z.enum(['pending', 'transcribed', 'failed']),
  createdAt: instant,
  file: archivePath,
});

/** A free-journal session of the document, checked with the content limit in force. */
function sessionSchema(contentChars: number) {
  return z.object({
    id,
    title: storableText().max(500),
    content: storableText().max(contentChars),
    mood: z.enum(MOODS).nullable(),
    version: z.number().int().min(1),
    createdAt: instant,
    updatedAt: instant,
    hints: z.array(hintSchema),
    recordings: z.array(recordingSchema),
  });
}

const guidedSchema = z.object({
  id,
  topic: guidedTopicSchema,
  prompts: guidedPromptsSchema,
  entries: guidedEntriesSchema,
  version: z.number().int().min(1),
  createdAt: instant,
  updatedAt: instant,
});

const flowerSchema = z.object({
  id,
  mood: z.enum(MOODS),
  note: storableText().max(2000).nullable(),
  date: z.iso.date(),
  sessionId: id.nullable(),
  source: z.enum(['manual', 'reflection']),
  createdAt: instant,
});

/**
 * `pauz-export.json` as an import reads it: every field the import needs, checked as
 * strictly as the API checks its input; fields it does not need (`wordCount`, the
 * user, `flowerType`) are ignored, so a later version's extra fields do not refuse it.
 */
export function exportDocumentSchema(contentChars: number) {
  return z.object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    freeJournals: z.array(sessionSchema(contentChars)),
    guidedJournals: z.array(guidedSchema),
    flowers: z.array(flowerSchema),
  });
}

/** The document, checked. */
export type ExportDocument = z.output<ReturnType<typeof exportDocumentSchema>>;

const dayOneAudioSchema = z.object({
  identifier: z.string().min(1).max(200),
  md5: z.string().regex(/^[0-9a-fA-F]{32}$/),
  format: z.string().regex(/^[A-Za-z0-9]{1,10}$/),
  duration: z.number().min(0).optional(),
});

const dayOneEntrySchema = z.object({
  uuid: z.string().regex(/^[0-9A-Za-z-]{1,64}$/),
  creationDate: instant,
  modifiedDate: instant.optional(),
  timeZone: z.string().max(100).optional(),
  text: storableText().optional(),
  starred: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
  photos: z.array(z.unknown()).optional(),
  audios: z.array(dayOneAudioSchema).optional(),
});

/** One `<Journal name>.json` of a Day One export. */
export const dayOneJournalSchema = z.object({
  metadata: z.object({ version: z.union([z.string(), z.number()]) }),
  entries: z.array(dayOneEntrySchema),
});

/** A Day One journal, checked. */
export type DayOneJournal = z.output<typeof dayOneJournalSchema>;
