/**
 * `@pauz/core`: the journaling domain for app authors — {@link createPauz}, the
 * services (as types: Pauz builds them), the ports, errors, schemas, domain
 * constants, migrations, the in-memory stores and the PDF renderer. Runtime-neutral:
 * Web APIs only.
 *
 * The HTTP contract is in `@pauz/core/http`; helpers for writing a framework
 * adapter or a store are in `@pauz/core/adapters`.
 * @module @pauz/core
 */
export { createPauz, type HealthCheck, type HealthReport, type Pauz, type PauzOptions } from './pauz.js';
export { DEFAULT_LIMITS, type PauzLimits } from './context.js';
export {
  ERROR_CODES,
  type FieldError,
  isPauzError,
  PauzConfigError,
  PauzError,
  type PauzErrorCode,
  type PauzErrorOptions,
} from './errors.js';
export { type CallOptions, UpstreamOutputError } from './upstream.js';
export { type Clock, type IdGenerator, randomIds, systemClock } from './runtime.js';
export type { PauzDatabase, PauzTables } from './db/schema.js';
export type {
  FlowersTable,
  FreeSessionsTable,
  GuidedJournalsTable,
  HintsTable,
  RecordingsTable,
  ImportsTable,
  SearchFtsTable,
  SearchPendingTable,
  SearchTable,
  LoginFailuresTable,
  TokensTable,
  UsersTable,
} from './db/schema.js';
export {
  migrateToLatest,
  type MigrationReport,
  PAUZ_MIGRATION_LOCK_TABLE,
  PAUZ_MIGRATION_TABLE,
} from './db/migrate.js';
export { PAUZ_MIGRATIONS } from './db/migrations.js';
export type { Page } from './paging.js';

export type { Accounts, AuthenticateOptions, LoginOptions } from './accounts/accounts.js';
export type { AuthSession, ExternalUser, User } from './accounts/types.js';
export {
  emailSchema,
  loginInputSchema,
  type LoginInput,
  newPasswordSchema,
  normaliseEmail,
  registerInputSchema,
  type RegisterInput,
} from './accounts/schemas.js';
export {
  OWASP_SCRYPT,
  type PasswordHasher,
  type ScryptFunction,
  type ScryptParams,
  scryptPasswordHasher,
} from './accounts/passwords.js';
export {
  isolatePasswordHasher,
  OWASP_PBKDF2_SHA256_ITERATIONS,
  OWASP_SCRYPT_32MIB,
  webCryptoPbkdf2PasswordHasher,
  WORKERS_PBKDF2_MAX_ITERATIONS,
} from './accounts/passwords.js';

export type { Portability } from './portability/portability.js';
export type { ImportCounts, ImportReport } from './portability/import.js';
export type { FreeJournal } from './free-journal/free-journal.js';
export {
  type Search,
  type SearchKind,
  type SearchMode,
  type SearchPage,
  type SearchQuery,
  type SearchResult,
  SEARCH_KINDS,
  searchQuerySchema,
} from './search/search.js';
export type { FreeJournalPreview, FreeJournalSession, OnThisDay, OnThisDayItem } from './free-journal/types.js';
export {
  type CreateSessionInput,
  createSessionInputSchema,
  type ListSessionsQuery,
  listSessionsQuerySchema,
  type OnThisDayQuery,
  onThisDayQuerySchema,
  type SaveSessionInput,
  saveSessionInputSchema,
} from './free-journal/schemas.js';
export { countWords } from './free-journal/text.js';

export type { Garden } from './garden/garden.js';
export { FLOWERS, type FlowerStyle, isMood, type Mood, MOODS } from './garden/moods.js';
export type { Flower, FlowerSource, GardenDay, GardenStats } from './garden/types.js';
export {
  type AddFlowerInput,
  addFlowerInputSchema,
  type GardenRangeQuery,
  gardenRangeQuerySchema,
  type GardenStatsQuery,
  gardenStatsQuerySchema,
} from './garden/schemas.js';
export { computeStreaks, type Streaks } from './garden/streaks.js';

export { type Stats, type StatsOverview, type StatsOverviewQuery, statsOverviewQuerySchema } from './stats/stats.js';


export { memoryBucket, type MemoryBucketOptions } from './buckets/memory.js';
export type {
  SearchableSmartBucket,
  SmartBucket,
  SmartBucketBody,
  SmartBucketList,
  SmartBucketListEntry,
  SmartBucketListOptions,
  SmartBucketObject,
  SmartBucketObjectInfo,
  SmartBucketPutOptions,
  SmartBucketSearchInput,
  SmartBucketSearchResult,
  SmartBucketSearchResults,
  SweepOptions,
} from './buckets/types.js';
export { BUCKET_NAMES, BUCKET_ROLES, type PauzBuckets, pauzBuckets } from './storage/buckets.js';
export { memoryBuckets } from './storage/memory.js';
export type { ReconcileOptions, ReconcileReport } from './storage/reconcile.js';
export { consoleLogger, type PauzLogger } from './logger.js';

export type { GuidedJournals } from './guided/journals.js';
export type { GuidedJournal, GuidedJournalPreview } from './guided/types.js';
export {
  type CreateGuidedJournalInput,
  createGuidedJournalInputSchema,
  type GuidedEntry,
  guidedEntriesSchema,
  guidedEntrySchema,
  guidedPromptsInputSchema,
  type ListGuidedJournalsQuery,
  listGuidedJournalsQuerySchema,
  type UpdateGuidedJournalInput,
  updateGuidedJournalInputSchema,
} from './guided/schemas.js';
export { type GenerateHintInput, generateHintInputSchema, type Hint, type HintSource, type Hints } from './hints/hints.js';
export { type Recording, type RecordingStatus, type RecordingUpload, type Recordings } from './recordings/recordings.js';

export type {
  GuidedPromptsRequest,
  GuidedPromptsResult,
  HintRequest,
  HintResult,
  Reflection,
  ReflectRequest,
  Transcriber,
  Transcription,
  TranscriptionRequest,
  Writer,
  WriterOperation,
} from './ai/types.js';
export {
  guidedPromptsResultSchema,
  hintResultSchema,
  MAX_HINT_CHARS,
  reflectionSchema,
  transcriptionSchema,
} from './ai/schemas.js';
export { localWriter } from './ai/local-writer.js';
export {
  type ChatCompletion,
  type ChatRequest,
  chatWriter,
  type ChatWriterOptions,
  DEFAULT_WRITER_TIMEOUT_MS,
} from './ai/chat-writer.js';
export type { ChatMessage } from './ai/writer-prompts.js';
export { DEFAULT_TRANSCRIBER_TIMEOUT_MS } from './ai/transcription.js';
export {
  GUIDED_PROMPT_COUNT,
  GUIDED_SECTIONS,
  GUIDED_TOPIC_INFO,
  GUIDED_TOPICS,
  type GuidedPrompt,
  guidedPromptSchema,
  guidedPromptsSchema,
  type GuidedSection,
  type GuidedSectionNumber,
  type GuidedTopic,
  type GuidedTopicInfo,
  guidedTopicSchema,
  isGuidedTopic,
  listGuidedTopics,
  sectionOfPrompt,
} from './guided/topics.js';
export { isAcceptableAudio, sniffAudioType } from './audio/sniff.js';
export {
  ACCEPTED_AUDIO_FAMILIES,
  type AudioFamily,
  audioFamilyOf,
  audioFileExtension,
  SNIFFED_AUDIO_TYPES,
  type SniffedAudioType,
} from './audio/formats.js';

export * from './pdf/index.js';
export type { PdfFile, PdfLink, PdfStore, PdfUrlOptions, SignedPdfLinkParams, StoredPdf } from './pdf-store/types.js';
export type { PdfLinkSignerOptions } from './pdf-store/signed-link.js';
export { memoryPdfStore } from './pdf-store/memory.js';
export { type ExportInput, exportInputSchema, type Exports, type PdfExport } from './export/exports.js';
export { type BookExportInput, bookExportInputSchema } from './export/book.js';
export type { VoiceResult, Voice } from './recordings/voice.js';
export { type ReflectInput, reflectInputSchema, type ReflectionResult, type Reflections } from './reflection/reflect.js';
