/**
 * Response schemas: what the API returns. They feed the OpenAPI document and the
 * conformance suite checks every response against them, so the document cannot
 * drift from what the server sends.
 *
 * @category Schemas
 * @module
 */
import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import { MOODS } from '../garden/moods.js';
import { GUIDED_TOPICS } from '../guided/topics.js';

const isoInstant = z.iso.datetime().describe('ISO 8601 UTC instant');
const uuid = z.string().describe('Resource id');
const mood = z.enum(MOODS);

/** A user. */
export const userSchema = z
  .object({ id: uuid, email: z.string().nullable(), name: z.string(), createdAt: isoInstant })
  .meta({ id: 'User' });

/** Register and login answer. */
export const authSessionSchema = z
  .object({ user: userSchema, token: z.string(), expiresAt: isoInstant })
  .meta({ id: 'AuthSession' });

/** `GET /auth/me`. */
export const meSchema = z.object({ user: userSchema }).meta({ id: 'Me' });

/** A free-journal session. */
export const sessionSchema = z
  .object({
    id: uuid,
    title: z.string(),
    content: z.string(),
    wordCount: z.number().int(),
    mood: mood.nullable(),
    version: z.number().int(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'FreeJournalSession' });

/** A free-journal session in a listing. */
export const sessionPreviewSchema = z
  .object({
    id: uuid,
    title: z.string(),
    preview: z.string(),
    wordCount: z.number().int(),
    mood: mood.nullable(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'FreeJournalPreview' });

/** A page of items with the cursor of the next one. */
export function pageSchema<T extends z.ZodType>(item: T, id: string): z.ZodType {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

/** A flower of the garden. */
export const flowerSchema = z
  .object({
    id: uuid,
    mood,
    flowerType: z.string(),
    note: z.string().nullable(),
    date: z.iso.date(),
    sessionId: z.string().nullable(),
    source: z.enum(['manual', 'reflection']),
    createdAt: isoInstant,
  })
  .meta({ id: 'Flower' });

/** `GET /garden/`. */
export const flowerListSchema = z.object({ items: z.array(flowerSchema) }).meta({ id: 'FlowerList' });

const moodCounts = z.object(Object.fromEntries(MOODS.map((m) => [m, z.number().int()])) as Record<(typeof MOODS)[number], z.ZodNumber>);

/** `GET /garden/stats`. */
export const gardenStatsSchema = z
  .object({
    total: z.number().int(),
    byMood: moodCounts,
    currentStreak: z.number().int(),
    longestStreak: z.number().int(),
    days: z.array(z.object({ date: z.iso.date(), count: z.number().int(), moods: moodCounts.partial() })),
  })
  .meta({ id: 'GardenStats' });

/** `GET /stats/overview`. */
export const overviewSchema = z
  .object({
    freeJournals: z.number().int(),
    guidedJournals: z.number().int(),
    flowers: z.number().int(),
    words: z.number().int(),
    currentStreak: z.number().int(),
  })
  .meta({ id: 'StatsOverview' });

/** `GET /health`. */
export const healthSchema = z
  .object({
    status: z.enum(['ok', 'error']),
    checks: z.record(z.string(), z.object({ status: z.enum(['ok', 'error', 'unchecked']) })),
  })
  .meta({ id: 'Health' });

/**
 * RFC 9457 problem details, with every extension member Pauz sends. Like every
 * response object it is open to members added later (RFC 9457 lets clients ignore
 * the ones they do not know).
 */
export const problemSchema = z
  .object({
    type: z.string().describe('URI of the problem type, `urn:pauz:problem:<code>`'),
    title: z.string().describe('Short summary of the problem type'),
    status: z.number().int().describe('The HTTP status code'),
    detail: z.string().describe('What went wrong with this request'),
    code: z.enum(ERROR_CODES).describe('Stable machine-readable error code'),
    instance: z.string().optional().describe('With INTERNAL: `urn:uuid:<reference>` of the logged error'),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('With VALIDATION_FAILED: one entry per invalid field (`(body)` for the body as a whole)'),
    currentVersion: z.number().int().optional().describe('With VERSION_CONFLICT: the version the resource is at now'),
    retryAfterSeconds: z.number().int().optional().describe('With RATE_LIMITED: seconds until a new attempt may succeed (also sent as `Retry-After`)'),
    recordingId: z.string().optional().describe('With a failed transcription: the kept recording, whose transcription can be retried'),
    savedVersion: z
      .number()
      .int()
      .optional()
      .describe("With a save whose hints could not all be stored: the content was saved, and this is the session's new version"),
    unsavedHints: z
      .array(z.string())
      .optional()
      .describe('With `savedVersion`: the hint texts that were not stored, in order; send them again with a save at `baseVersion: savedVersion`'),
  })
  .meta({ id: 'Problem' });

/** `GET /openapi.json`: an OpenAPI 3.1 document (described by its own specification). */
export const openApiDocumentSchema = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.looseObject({})),
  })
  .meta({ id: 'OpenApiDocument' });

/** The query of a signed PDF link (`GET /files/pdf/{key}`), as the export answer's `url` carries it. */
export const signedLinkQuerySchema = z.object({
  expires: z.string().optional().describe('Expiry of the link, as signed'),
  version: z.string().optional().describe('The content the link was signed for: a link to a PDF exported again since is refused (404)'),
  signature: z.string().optional().describe('Signature of the key, expiry and version'),
});

const topic = z.enum(GUIDED_TOPICS);
const prompt = z.object({
  id: z.number().int().min(1).max(9),
  section: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('1: going well (prompts 1–3), 2: needs improvement (4–6), 3: boundaries and commitments (7–9)'),
  text: z.string(),
});

/** A guided topic. */
export const guidedTopicInfoSchema = z
  .object({ id: topic, label: z.string(), description: z.string(), aspects: z.array(z.string()) })
  .meta({ id: 'GuidedTopic' });

/** `GET /guided_journal/topics`. */
export const guidedTopicListSchema = z.object({ items: z.array(guidedTopicInfoSchema) }).meta({ id: 'GuidedTopicList' });

/** `POST /guided_journal/prompts`. */
export const guidedPromptsResponseSchema = z.object({ topic, prompts: z.array(prompt) }).meta({ id: 'GuidedPrompts' });

/** A guided journal. */
export const guidedJournalSchema = z
  .object({
    id: uuid,
    topic,
    prompts: z.array(prompt),
    entries: z.array(z.object({ promptId: z.number().int(), response: z.string() })),
    version: z.number().int(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'GuidedJournal' });

/** A guided journal in a listing. */
export const guidedPreviewSchema = z
  .object({
    id: uuid,
    topic,
    entryCount: z.number().int(),
    promptCount: z.number().int(),
    preview: z.string(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'GuidedJournalPreview' });

/** A writing hint. */
export const hintSchema = z
  .object({ id: uuid, sessionId: z.string(), text: z.string(), source: z.enum(['writer', 'client']), createdAt: isoInstant })
  .meta({ id: 'Hint' });

/** `GET /freejournal/{id}/hints`. */
export const hintListSchema = z.object({ items: z.array(hintSchema) }).meta({ id: 'HintList' });

/** A voice recording. */
export const recordingSchema = z
  .object({
    id: uuid,
    sessionId: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    transcript: z
      .string()
      .nullable()
      .describe('The transcript once there is one; kept here (status `failed`) when it could not be appended to the session'),
    status: z
      .enum(['pending', 'transcribed', 'failed'])
      .describe('`pending` while transcribing; one pending for longer than the server allows (a crash) is reported `failed`, retryable'),
    createdAt: isoInstant,
  })
  .meta({ id: 'Recording' });

/** `GET /freejournal/{id}/recordings`. */
export const recordingListSchema = z.object({ items: z.array(recordingSchema) }).meta({ id: 'RecordingList' });

/** `POST /freejournal/{id}/voice` and its retry. */
export const voiceResultSchema = z.object({ recording: recordingSchema, session: sessionSchema }).meta({ id: 'VoiceResult' });

/** `POST /freejournal/{id}/reflect`. */
export const reflectionResultSchema = z
  .object({
    mood,
    summary: z.string(),
    insights: z.array(z.string()),
    nextQuestions: z.array(z.string()),
    flower: flowerSchema,
  })
  .meta({ id: 'ReflectionResult' });

/** `POST …/export`. */
export const pdfExportSchema = z
  .object({ url: z.string(), key: z.string(), expiresAt: isoInstant.nullable(), size: z.number().int() })
  .meta({ id: 'PdfExport' });
