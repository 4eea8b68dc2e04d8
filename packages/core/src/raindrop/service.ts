import { PauzConfigError } from '../errors.js';
import { DEFAULT_LIMITS } from '../context.js';
import { createPauz, type Pauz, type PauzOptions } from '../pauz.js';
import type { PdfStore } from '../pdf-store/types.js';
import { pauzBuckets } from '../storage/buckets.js';
import { type AiBinding, DEFAULT_RAINDROP_MAX_AUDIO_BYTES, raindropTranscriber } from './ai-transcriber.js';
import { raindropWriter } from './ai-writer.js';
import { raindropBindingBucket, type RaindropBucketBinding } from './bucket-binding.js';
import { type D1DatabaseLike, raindropSqlDatabase } from './d1.js';
import { isolatePasswordHasher } from '../accounts/passwords.js';
import { vultrFetchPdfStore } from '../s3/vultr-fetch.js';
import { type VultrPdfStoreOptions, vultrPdfOptionsFromEnv } from '../s3/vultr-options.js';

/**
 * What a Raindrop service's `env` holds for Pauz: the bindings of the manifest
 * (`smartbucket "hints"` → `env.HINTS`, …, `sql_database "pauz"` → `env.PAUZ`), the
 * AI binding when there is one, and the Vultr variables and secrets.
 *
 * @category Configuration
 */
export interface RaindropEnv {
  /** SmartBucket `hints`: AI writing hints. */
  HINTS: RaindropBucketBinding;
  /** SmartBucket `guided-journals`: complete guided journals. */
  GUIDED_JOURNALS: RaindropBucketBinding;
  /** SmartBucket `audio-files`: voice recordings. */
  AUDIO_FILES: RaindropBucketBinding;
  /** SQL database `pauz` (D1): users, sessions, the garden, the bucket index. */
  PAUZ: D1DatabaseLike;
  /** The AI binding: transcription (whisper) and the writer. Without it: the offline writer, and voice answers `NOT_CONFIGURED`. */
  AI?: AiBinding;
  /** Vultr Object Storage access key (a secret). */
  VULTR_ACCESS_KEY?: string;
  /** Vultr Object Storage secret key (a secret). */
  VULTR_SECRET_KEY?: string;
  /** Vultr cluster id, for example `ewr1`. */
  VULTR_REGION?: string;
  /** The bucket the PDFs go to. */
  VULTR_BUCKET_NAME?: string;
  /** An S3 endpoint other than `https://<region>.vultrobjects.com`. */
  VULTR_ENDPOINT?: string;
  /** `presigned` (default) or `public` PDF links. */
  PAUZ_PDF_URLS?: string;
}

/**
 * Options of {@link createPauzFromRaindrop}: any option of `createPauz` except the
 * database and the buckets, which come from the bindings. Given here, a part replaces
 * the one built from `env` (for example your own `passwordHasher` or `pdfs`).
 *
 * @category Configuration
 */
export interface CreatePauzFromRaindropOptions extends Partial<Omit<PauzOptions, 'db' | 'buckets' | 'pdfs'>> {
  /**
   * Where PDFs go.
   *
   * @defaultValue `vultrFetchPdfStore(vultrPdfOptionsFromEnv(env))`: Vultr from the
   * `VULTR_*` variables, through the Workers-native S3 store
   */
  pdfs?: PdfStore;
}

/**
 * The free-journal content limit {@link createPauzFromRaindrop} sets unless given one:
 * D1 refuses a row over ~2 MB (`SQLITE_TOOBIG`), and a session row holds its text twice
 * (the content and its search copy), so 300,000 characters fit any script (CJK is 3
 * bytes a character in UTF-8); the 100-page benchmark journal is 295,000. Pauz's own
 * default elsewhere is `DEFAULT_LIMITS.contentChars`.
 *
 * @category Configuration
 */
export const D1_CONTENT_CHARS = Math.min(300_000, DEFAULT_LIMITS.contentChars);

const isBinding = (value: unknown, methods: string[]): boolean =>
  typeof value === 'object' && value !== null && methods.every((m) => typeof (value as Record<string, unknown>)[m] === 'function');

/**
 * Builds Pauz inside a Raindrop service from its `env`: the three SmartBuckets
 * through {@link raindropBindingBucket}, SQL through {@link raindropSqlDatabase}
 * (D1), the AI binding (when bound) for transcription and the writer, PDFs on Vultr
 * through the Workers-native S3 store (`vultrFetchPdfStore`, no AWS SDK), and
 * `isolatePasswordHasher()` (scrypt at OWASP's 32 MiB profile). On D1 the content
 * limit defaults to {@link D1_CONTENT_CHARS}; with the AI binding, uploads are limited
 * to what its transcriber takes (`DEFAULT_RAINDROP_MAX_AUDIO_BYTES`, 4 MiB), so a
 * recording is never stored that cannot be transcribed. Throws one {@link PauzConfigError} naming every missing binding or variable.
 * Call `migrate()` once per isolate before serving (see `examples/raindrop-service`).
 *
 * @category Configuration
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/raindrop/service.ts}
 */
export function createPauzFromRaindrop(env: RaindropEnv, options: CreatePauzFromRaindropOptions = {}): Pauz {
  const problems: string[] = [];
  const bucketMethods = ['head', 'get', 'put', 'delete', 'list'];
  for (const name of ['HINTS', 'GUIDED_JOURNALS', 'AUDIO_FILES'] as const) {
    if (!isBinding(env[name], bucketMethods)) problems.push(`env.${name} must be a SmartBucket binding (smartbucket "${name.toLowerCase().replace('_', '-')}" in raindrop.manifest)`);
  }
  if (!isBinding(env.PAUZ, ['prepare', 'batch'])) problems.push('env.PAUZ must be a SQL database binding (sql_database "pauz" in raindrop.manifest)');
  if (env.AI !== undefined && !isBinding(env.AI, ['run'])) problems.push('env.AI must be an AI binding (with run(model, input))');
  let vultr: VultrPdfStoreOptions | undefined;
  if (options.pdfs === undefined) {
    try {
      vultr = vultrPdfOptionsFromEnv(env as unknown as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof PauzConfigError)) throw error;
      problems.push(...error.problems.map((p) => `${p} (each an env entry of raindrop.manifest; secrets are set with \`raindrop build env set env:NAME <value>\`)`));
    }
  }
  if (problems.length > 0) throw new PauzConfigError(problems);
  const bindings: Record<string, RaindropBucketBinding> = { hints: env.HINTS, 'guided-journals': env.GUIDED_JOURNALS, 'audio-files': env.AUDIO_FILES };
  const pdfs: PdfStore = options.pdfs ?? vultrFetchPdfStore(vultr as VultrPdfStoreOptions);
  return createPauz({
    passwordHasher: isolatePasswordHasher(),
    ...(env.AI === undefined ? {} : { transcriber: raindropTranscriber(env.AI), writer: raindropWriter(env.AI) }),
    ...options,
    // D1 keeps a row of at most ~2 MB, and a session's row holds its text twice. A
    // recording the AI binding cannot take (it wants ~10x its size in the isolate's
    // 128 MB) is refused before it is stored rather than kept untranscribable.
    limits: {
      contentChars: D1_CONTENT_CHARS,
      ...(env.AI === undefined || options.transcriber !== undefined ? {} : { audioBytes: Math.min(DEFAULT_RAINDROP_MAX_AUDIO_BYTES, DEFAULT_LIMITS.audioBytes) }),
      ...options.limits,
    },
    db: raindropSqlDatabase(env.PAUZ),
    buckets: pauzBuckets((name) => raindropBindingBucket(bindings[name] as RaindropBucketBinding, { name })),
    pdfs,
  });
}
