/**
 * LiquidMetal Raindrop adapters: SmartBuckets through the service binding or the
 * REST API, the Raindrop AI binding (transcription, writer) and the SQL binding
 * (`raindropSqlDatabase`, a Kysely dialect for D1). Runtime-neutral.
 * @module @pauz/core/raindrop
 */
export {
  raindropBindingBucket,
  type RaindropBindingBucketOptions,
  type RaindropBindingObject,
  type RaindropBindingObjectBody,
  type RaindropBindingSearchResult,
  type RaindropBucketBinding,
} from './raindrop/bucket-binding.js';
export { raindropRestBucket, type RaindropRestBucketOptions } from './raindrop/bucket-rest.js';
export {
  type AiBinding,
  DEFAULT_RAINDROP_MAX_AUDIO_BYTES,
  raindropTranscriber,
  type RaindropTranscriberOptions,
} from './raindrop/ai-transcriber.js';
export { raindropWriter, type RaindropWriterOptions } from './raindrop/ai-writer.js';
export {
  type D1DatabaseLike,
  type D1PreparedStatementLike,
  type D1ResultLike,
  raindropSqlDatabase,
  type RaindropSqlDatabaseOptions,
} from './raindrop/d1.js';
export {
  createPauzFromRaindrop,
  type CreatePauzFromRaindropOptions,
  D1_CONTENT_CHARS,
  type RaindropEnv,
} from './raindrop/service.js';
