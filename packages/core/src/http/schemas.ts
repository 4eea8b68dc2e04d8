/**
 * Response schemas: what the API returns. They feed the OpenAPI document and the
 * conformance suite checks every response against them, so the document cannot
 * drift from what the server sends.
 *
 * @category Schemas
 * @module
 */
import * as z from 'zod';
import { ERROR_CODES } from '../errors.js';
import { MOODS } from '../garden/moods.js';
import { GUIDED_TOPICS } from '../guided/topics.js';

const isoInstant = z.iso.datetime().describe('ISO 8601 UTC instant');
const uuid = z.string().describe('Resource id');
const mood = z.enum(MOODS);

/** A user. */
export const userSchema = z
  .object({
    /** The user id. */
    id: uuid,
    /** `null` only for a host-managed user whose host gave no email. */
    email: z.string().nullable(),
    /** Display name; may be empty. */
    name: z.string(),
    /** When the account was created. */
    createdAt: isoInstant,
  })
  .meta({ id: 'User' });

/** Register and login answer. */
export const authSessionSchema = z
  .object({
    /** The signed-in account. */
    user: userSchema,
    /** Opaque bearer token, shown once: send it as `Authorization: Bearer <token>`. */
    token: z.string(),
    /** When the token stops working. */
    expiresAt: isoInstant,
  })
  .meta({ id: 'AuthSession' });

/** `GET /auth/me`. */
export const meSchema = z
  .object({
    /** The account the token belongs to. */
    user: userSchema,
  })
  .meta({ id: 'Me' });

/** A free-journal session. */
export const sessionSchema = z
  .object({
    /** The session id. */
    id: uuid,
    /** The title; may be empty. */
    title: z.string(),
    /** The journal text. */
    content: z.string(),
    /** Words in `content`. */
    wordCount: z.number().int(),
    /** Set by reflection; `null` until then. */
    mood: mood.nullable(),
    /** Starts at 1, bumped by every write; send it back as `baseVersion`. */
    version: z.number().int(),
    /** When the session was created. */
    createdAt: isoInstant,
    /** When the session was last saved. */
    updatedAt: isoInstant,
  })
  .meta({ id: 'FreeJournalSession' });

/** A free-journal session in a listing. */
export const sessionPreviewSchema = z
  .object({
    /** The session id. */
    id: uuid,
    /** The title; may be empty. */
    title: z.string(),
    /** The text's first ~160 characters, white space collapsed. */
    preview: z.string(),
    /** Words in the content. */
    wordCount: z.number().int(),
    /** Set by reflection; `null` until then. */
    mood: mood.nullable(),
    /** When the session was created. */
    createdAt: isoInstant,
    /** When the session was last saved. */
    updatedAt: isoInstant,
  })
  .meta({ id: 'FreeJournalPreview' });

/** Sessions written on this day in earlier years. */
export const onThisDaySchema = z
  .object({
    /** The day looked back from (`YYYY-MM-DD`, in the asked time zone). */
    date: z.string(),
    /** Sessions of the same month and day in earlier years, newest first (at most 200). */
    items: z.array(
      sessionPreviewSchema
        .extend({
          /** How many years before `date` it was written. */
          yearsAgo: z.number().int().min(1),
        })
        .meta({ id: 'OnThisDayItem' }),
    ),
  })
  .meta({ id: 'OnThisDay' });

/** One match of `GET /search`. */
export const searchResultSchema = z
  .object({
    /** What was found. */
    kind: z.enum(['free', 'guided', 'hint']),
    /** The session, guided journal or hint id. */
    id: z.string(),
    /** For a hint, its session; else `null`. */
    sessionId: z.string().nullable(),
    /** The session's title (a hint's session), or the guided journal's topic. */
    title: z.string(),
    /** At most 240 characters of the text around the first matching word. */
    snippet: z.string().max(240),
    /** Higher is better; results come ordered by it. */
    score: z.number(),
    /** When the item was created (ISO 8601 UTC instant). */
    createdAt: z.string(),
    /** When the item last changed (ISO 8601 UTC instant). */
    updatedAt: z.string(),
  })
  .meta({ id: 'SearchResult' });

/** A page of `GET /search`. */
export const searchPageSchema = z
  .object({
    /** This page's matches, best first. */
    items: z.array(searchResultSchema),
    /** Pass back as `cursor` for the next page; `null` on the last page. */
    nextCursor: z.string().nullable(),
    /** `text`: the full-text index answered alone; `text+semantic`: merged with SmartBucket semantic search. */
    mode: z.enum(['text', 'text+semantic']),
  })
  .meta({ id: 'SearchPage' });

/** The fields of a {@link pageSchema}. */
export type PageShape<T extends z.ZodType> = {
  /** The items of this page, in the listing's order. */
  items: z.ZodArray<T>;
  /** The cursor of the next page; `null` on the last one. */
  nextCursor: z.ZodNullable<z.ZodString>;
};

/** A page of items with the cursor of the next one. */
export function pageSchema<T extends z.ZodType>(item: T, id: string): z.ZodObject<PageShape<T>> {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

/** A flower of the garden. */
export const flowerSchema = z
  .object({
    /** The flower id. */
    id: uuid,
    /** The mood the flower stands for. */
    mood,
    /** The flower kind drawn for the mood. */
    flowerType: z.string(),
    /** The user's note, `null` when none. */
    note: z.string().nullable(),
    /** The user's local calendar date, `YYYY-MM-DD`. */
    date: z.iso.date(),
    /** The free-journal session it grew from, `null` for a stand-alone entry. */
    sessionId: z.string().nullable(),
    /** `manual` (added by the user) or `reflection` (planted by a reflection). */
    source: z.enum(['manual', 'reflection']),
    /** When the flower was added. */
    createdAt: isoInstant,
  })
  .meta({ id: 'Flower' });

/** `GET /garden/`. */
export const flowerListSchema = z
  .object({
    /** The flowers of the range, newest first. */
    items: z.array(flowerSchema),
  })
  .meta({ id: 'FlowerList' });

const moodCounts = z.object(Object.fromEntries(MOODS.map((m) => [m, z.number().int()])) as Record<(typeof MOODS)[number], z.ZodNumber>);

/** `GET /garden/stats`. */
export const gardenStatsSchema = z
  .object({
    /** Flowers in the range. */
    total: z.number().int(),
    /** Flowers in the range per mood, every mood present. */
    byMood: moodCounts,
    /** Consecutive days with a flower ending today (or yesterday). */
    currentStreak: z.number().int(),
    /** Longest run of consecutive days with a flower, ever. */
    longestStreak: z.number().int(),
    /** Days of the range that have flowers, oldest first. */
    days: z.array(
      z.object({
        /** The local calendar date, `YYYY-MM-DD`. */
        date: z.iso.date(),
        /** Flowers of that day. */
        count: z.number().int(),
        /** Flowers of that day per mood (moods without flowers left out). */
        moods: moodCounts.partial(),
      }),
    ),
  })
  .meta({ id: 'GardenStats' });

/** `GET /stats/overview`. */
export const overviewSchema = z
  .object({
    /** Free-journal sessions. */
    freeJournals: z.number().int(),
    /** Guided journals. */
    guidedJournals: z.number().int(),
    /** Flowers in the garden. */
    flowers: z.number().int(),
    /** Words across all free-journal sessions. */
    words: z.number().int(),
    /** Current garden streak, in days. */
    currentStreak: z.number().int(),
  })
  .meta({ id: 'StatsOverview' });

/** `GET /health`. */
export const healthSchema = z
  .object({
    /** `error` when any store failed its check (answered with 503). */
    status: z.enum(['ok', 'error']),
    /** One entry per store: `database`, `smartbucket:<name>` for each bucket, `pdfs`. */
    checks: z.record(
      z.string(),
      z.object({
        /** `unchecked` when the store offers no check. */
        status: z.enum(['ok', 'error', 'unchecked']),
      }),
    ),
  })
  .meta({ id: 'Health' });

/**
 * RFC 9457 problem details, with every extension member Pauz sends. Like every
 * response object it is open to members added later (RFC 9457 lets clients ignore
 * the ones they do not know).
 */
export const problemSchema = z
  .object({
    /** URI of the problem type, `urn:pauz:problem:<code>`. */
    type: z.string().describe('URI of the problem type, `urn:pauz:problem:<code>`'),
    /** Short summary of the problem type. */
    title: z.string().describe('Short summary of the problem type'),
    /** The HTTP status code. */
    status: z.number().int().describe('The HTTP status code'),
    /** What went wrong with this request. */
    detail: z.string().describe('What went wrong with this request'),
    /** Stable machine-readable error code. */
    code: z.enum(ERROR_CODES).describe('Stable machine-readable error code'),
    /** With INTERNAL: `urn:uuid:<reference>` of the logged error. */
    instance: z.string().optional().describe('With INTERNAL: `urn:uuid:<reference>` of the logged error'),
    /** With VALIDATION_FAILED: one entry per invalid field (`(body)` for the body as a whole). */
    errors: z
      .array(
        z.object({
          /** Dotted path of the field, for example `entries.2.response`. */
          field: z.string(),
          /** What is wrong with it. */
          message: z.string(),
        }),
      )
      .optional()
      .describe('With VALIDATION_FAILED: one entry per invalid field (`(body)` for the body as a whole)'),
    /** With VERSION_CONFLICT: the version the resource is at now. */
    currentVersion: z.number().int().optional().describe('With VERSION_CONFLICT: the version the resource is at now'),
    /** With RATE_LIMITED: seconds until a new attempt may succeed (also sent as `Retry-After`). */
    retryAfterSeconds: z.number().int().optional().describe('With RATE_LIMITED: seconds until a new attempt may succeed (also sent as `Retry-After`)'),
    /** With a failed transcription: the kept recording, whose transcription can be retried. */
    recordingId: z.string().optional().describe('With a failed transcription: the kept recording, whose transcription can be retried'),
    /** With a save whose hints could not all be stored: the content was saved, and this is the session's new version. */
    savedVersion: z
      .number()
      .int()
      .optional()
      .describe("With a save whose hints could not all be stored: the content was saved, and this is the session's new version"),
    /** With `savedVersion`: the hint texts that were not stored, in order; send them again with a save at `baseVersion: savedVersion`. */
    unsavedHints: z
      .array(z.string())
      .optional()
      .describe('With `savedVersion`: the hint texts that were not stored, in order; send them again with a save at `baseVersion: savedVersion`'),
  })
  .meta({ id: 'Problem' });

/** `GET /openapi.json`: an OpenAPI 3.1 document (described by its own specification). */
export const openApiDocumentSchema = z
  .looseObject({
    /** The OpenAPI version, `3.1.x`. */
    openapi: z.string(),
    /** The API's title and version. */
    info: z.looseObject({
      /** `Pauz`. */
      title: z.string(),
      /** The API version. */
      version: z.string(),
    }),
    /** Every route, by path. */
    paths: z.record(z.string(), z.looseObject({})),
  })
  .meta({ id: 'OpenApiDocument' });

/** The query of a signed PDF link (`GET /files/pdf/{key}`), as the export answer's `url` carries it. */
export const signedLinkQuerySchema = z.object({
  /** Expiry of the link, as signed. */
  expires: z.string().optional().describe('Expiry of the link, as signed'),
  /** The content the link was signed for: a link to a PDF exported again since is refused (404). */
  version: z.string().optional().describe('The content the link was signed for: a link to a PDF exported again since is refused (404)'),
  /** Signature of the key, expiry and version. */
  signature: z.string().optional().describe('Signature of the key, expiry and version'),
});

const topic = z.enum(GUIDED_TOPICS);
const prompt = z.object({
  /** 1 to 9, in reading order. */
  id: z.number().int().min(1).max(9),
  /** 1: going well (prompts 1–3), 2: needs improvement (4–6), 3: boundaries and commitments (7–9). */
  section: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('1: going well (prompts 1–3), 2: needs improvement (4–6), 3: boundaries and commitments (7–9)'),
  /** The question the user answers. */
  text: z.string(),
});

/** A guided topic. */
export const guidedTopicInfoSchema = z
  .object({
    /** The topic's id, one of `GUIDED_TOPICS`. */
    id: topic,
    /** Display name. */
    label: z.string(),
    /** One sentence on what the topic covers. */
    description: z.string(),
    /** The aspects the prompts explore. */
    aspects: z.array(z.string()),
  })
  .meta({ id: 'GuidedTopic' });

/** `GET /guided_journal/topics`. */
export const guidedTopicListSchema = z
  .object({
    /** Every topic. */
    items: z.array(guidedTopicInfoSchema),
  })
  .meta({ id: 'GuidedTopicList' });

/** `POST /guided_journal/prompts`. */
export const guidedPromptsResponseSchema = z
  .object({
    /** The topic asked for. */
    topic,
    /** Nine prompts, three per section. */
    prompts: z.array(prompt),
  })
  .meta({ id: 'GuidedPrompts' });

/** A guided journal. */
export const guidedJournalSchema = z
  .object({
    /** The guided journal id. */
    id: uuid,
    /** The topic the prompts were written for. */
    topic,
    /** Nine prompts, three per section. */
    prompts: z.array(prompt),
    /** The answers so far. */
    entries: z.array(
      z.object({
        /** The prompt answered (1 to 9). */
        promptId: z.number().int(),
        /** The answer. */
        response: z.string(),
      }),
    ),
    /** Starts at 1, bumped by every update; send it back as `baseVersion`. */
    version: z.number().int(),
    /** When the journal was created. */
    createdAt: isoInstant,
    /** When the journal was last updated. */
    updatedAt: isoInstant,
  })
  .meta({ id: 'GuidedJournal' });

/** A guided journal in a listing. */
export const guidedPreviewSchema = z
  .object({
    /** The guided journal id. */
    id: uuid,
    /** The topic the prompts were written for. */
    topic,
    /** Prompts with a non-empty answer. */
    entryCount: z.number().int(),
    /** Prompts in the journal. */
    promptCount: z.number().int(),
    /** The first answer (or the first prompt), cut to ~160 characters. */
    preview: z.string(),
    /** When the journal was created. */
    createdAt: isoInstant,
    /** When the journal was last updated. */
    updatedAt: isoInstant,
  })
  .meta({ id: 'GuidedJournalPreview' });

/** A writing hint. */
export const hintSchema = z
  .object({
    /** The hint id. */
    id: uuid,
    /** The free-journal session the hint belongs to. */
    sessionId: z.string(),
    /** The hint. */
    text: z.string(),
    /** `writer` (generated) or `client` (sent with a save). */
    source: z.enum(['writer', 'client']),
    /** When the hint was stored. */
    createdAt: isoInstant,
  })
  .meta({ id: 'Hint' });

/** `GET /freejournal/{id}/hints`. */
export const hintListSchema = z
  .object({
    /** The session's hints, oldest first. */
    items: z.array(hintSchema),
  })
  .meta({ id: 'HintList' });

/** A voice recording. */
export const recordingSchema = z
  .object({
    /** The recording id. */
    id: uuid,
    /** The free-journal session the recording belongs to. */
    sessionId: z.string(),
    /** The audio's MIME type, as sniffed from its bytes. */
    contentType: z.string(),
    /** Size of the audio in bytes. */
    size: z.number().int(),
    /** The transcript, or `null`. */
    transcript: z
      .string()
      .nullable()
      .describe('The transcript once there is one; kept here (status `failed`) when it could not be appended to the session'),
    /** `pending`, `transcribed` or `failed`. */
    status: z
      .enum(['pending', 'transcribed', 'failed'])
      .describe('`pending` while transcribing; one pending for longer than the server allows (a crash) is reported `failed`, retryable'),
    /** When the recording was stored. */
    createdAt: isoInstant,
  })
  .meta({ id: 'Recording' });

/** `GET /freejournal/{id}/recordings`. */
export const recordingListSchema = z
  .object({
    /** The session's recordings, oldest first. */
    items: z.array(recordingSchema),
  })
  .meta({ id: 'RecordingList' });

/** `POST /freejournal/{id}/voice` and its retry. */
export const voiceResultSchema = z
  .object({
    /** The stored recording and its status. */
    recording: recordingSchema,
    /** The session, with the transcript appended when it succeeded. */
    session: sessionSchema,
  })
  .meta({ id: 'VoiceResult' });

/** `POST /freejournal/{id}/reflect`. */
export const reflectionResultSchema = z
  .object({
    /** The mood read from the text, now the session's mood. */
    mood,
    /** A short summary of the entry. */
    summary: z.string(),
    /** A few observations about the entry. */
    insights: z.array(z.string()),
    /** Two questions to write about next. */
    nextQuestions: z.array(z.string()),
    /** The flower the reflection planted (or updated) for the session. */
    flower: flowerSchema,
  })
  .meta({ id: 'ReflectionResult' });

/** `POST …/export`. */
export const pdfExportSchema = z
  .object({
    /** Where to download the PDF. */
    url: z.string(),
    /** The PDF's key in the PDF store. */
    key: z.string(),
    /** When `url` stops working, `null` for a permanent link. */
    expiresAt: isoInstant.nullable(),
    /** Size of the PDF in bytes. */
    size: z.number().int(),
  })
  .meta({ id: 'PdfExport' });

const importCounts = z.object({
  /** Free-journal sessions (a Day One entry becomes one). */
  freeJournals: z.number().int(),
  /** Guided journals. */
  guidedJournals: z.number().int(),
  /** Hints. */
  hints: z.number().int(),
  /** Recordings, with their audio. */
  recordings: z.number().int(),
  /** Flowers. */
  flowers: z.number().int(),
});

/** `POST /account/import`. */
export const importReportSchema = z
  .object({
    /** What the archive was. */
    format: z.enum(['pauz-export', 'dayone']),
    /** Items added to the account. */
    imported: importCounts,
    /** Items not added: already in the account, or (Day One) audio of a format Pauz refuses, tags and photos Pauz cannot hold. */
    skipped: importCounts.extend({
      /** Day One tags, which Pauz cannot hold. */
      tags: z.number().int(),
      /** Day One photos, which Pauz cannot hold. */
      photos: z.number().int(),
    }),
  })
  .meta({ id: 'ImportReport' });
