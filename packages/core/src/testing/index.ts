/**
 * Test helpers and the shared contract suites. Needs vitest.
 * @module @pauz/core/testing
 */
export { manualClock, type ManualClock } from './clock.js';
export { expectPauzError } from './expect-code.js';
export { TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from './database/fixture.js';
export { openTempSqliteDatabase } from './sqlite.js';
export { type DatabaseHarness, type OpenedDatabase, testDatabase, type TestDatabaseOptions } from './database/index.js';
export {
  type ConformanceServer,
  type ConformanceServerOptions,
  HOST_USER_HEADER,
  type HostMiddlewareUnderTest,
  type HostUnderTest,
  type HttpAdapterUnderTest,
  type ListeningServer,
  mountedServer,
  type ObservedResponse,
  type RequestOptions,
  TestClient,
  type TestResponse,
  testHostMiddleware,
  testHttpConformance,
} from './http/index.js';
export {
  type OpenedSmartBucket,
  type SmartBucketCapabilities,
  type SmartBucketHarness,
  testSmartBucket,
  type TestSmartBucketOptions,
} from './smartbucket.js';
export {
  type InstrumentedBucket,
  type InstrumentedBuckets,
  type InstrumentedOperation,
  instrumentBucket,
  instrumentBuckets,
} from './instrumented-bucket.js';
export { memoryBucket } from '../buckets/memory.js';
export { memoryBuckets } from '../storage/memory.js';
export { type AudioSampleFormat, makeAudioSample, makeWav, type MakeWavOptions } from './audio.js';
export { testTranscriber, type TestTranscriberOptions, testWriter, type TestWriterOptions } from './ai.js';
export { type OpenedPdfStore, testPdfStore, type TestPdfStoreOptions } from './pdf-store.js';
export { type ScriptedTranscriber, scriptedTranscriber } from './scripted-transcriber.js';
export {
  type ChatRequestBody,
  type EmulatorMode,
  type OpenAiEmulator,
  startOpenAiEmulator,
  type TranscriptionRequestSeen,
} from './emulators/openai.js';
export type { HeldRequests } from './emulators/held-requests.js';
export { type HoldingServer, startHoldingServer } from './emulators/holding-server.js';
export {
  emulatedTranscript,
  RAINDROP_AI_CHAT_MODELS,
  RAINDROP_AI_SPEECH_MODELS,
  type RaindropAiCall,
  type RaindropAiChatShape,
  type RaindropAiEmulator,
  type RaindropAiEmulatorOptions,
  type RaindropAiMiniflareBinding,
  type RaindropAiMiniflareOptions,
  type RaindropAiMode,
  raindropAiEmulator,
  raindropAiMiniflareBinding,
} from './emulators/raindrop-ai.js';
