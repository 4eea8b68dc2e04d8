/**
 * LiquidMetal Raindrop adapters: SmartBuckets through the service binding or the
 * REST API, and the Raindrop AI binding (transcription, writer). Runtime-neutral.
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
