/**
 * The stable error codes Pauz reports. They are part of the public contract:
 * clients switch on them, the HTTP layer maps each to one status.
 *
 * @category Errors
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'VERSION_CONFLICT',
  'EMAIL_TAKEN',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUEST_TIMEOUT',
  'RATE_LIMITED',
  'SMARTBUCKET_FAILED',
  'S3_FAILED',
  'TRANSCRIPTION_FAILED',
  'WRITER_FAILED',
  'UPSTREAM_TIMEOUT',
  'ABORTED',
  'NOT_CONFIGURED',
  'INTERNAL',
] as const;

/**
 * One of {@link ERROR_CODES}.
 *
 * @category Errors
 */
export type PauzErrorCode = (typeof ERROR_CODES)[number];

/**
 * A problem with one input field, reported with `VALIDATION_FAILED`.
 *
 * @category Errors
 */
export interface FieldError {
  /** Dotted path of the field, for example `content` or `entries.2.response`. */
  field: string;
  /** What is wrong with it, in plain words. */
  message: string;
}

/**
 * Options for {@link PauzError}.
 *
 * @category Errors
 */
export interface PauzErrorOptions {
  /**
   * Field-level problems (validation), sent as the problem's `errors`.
   *
   * @defaultValue `[]`
   */
  errors?: FieldError[];
  /**
   * Extra machine-readable facts, for example `{ currentVersion: 4 }` on a conflict.
   *
   * @defaultValue `{}`
   */
  details?: Record<string, unknown>;
  /**
   * The underlying error; kept for logs, never sent to clients.
   *
   * @remarks No default: without it the error has no `cause`.
   */
  cause?: unknown;
}

// The registered symbol that marks every PauzError, whichever build of core made it.
const PAUZ_ERROR_BRAND = Symbol.for('pauz.error');

/**
 * The one error type Pauz services throw for expected failures. It knows nothing
 * of HTTP: the HTTP layer turns {@link PauzError.code} into a status and a
 * problem+json body.
 *
 * Recognise it with {@link isPauzError} rather than `instanceof`: an app that loads
 * both the ESM and the CJS build of `@pauz/core` has two copies of this class, and
 * both carry the same `Symbol.for('pauz.error')` brand.
 *
 * @category Errors
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/core/errors.ts}
 */
export class PauzError extends Error {
  /** Always `PauzError`, in logs and stack traces. */
  override readonly name = 'PauzError';
  /** The stable code; see {@link ERROR_CODES}. */
  readonly code: PauzErrorCode;
  /** Field-level problems; empty unless the code is `VALIDATION_FAILED`. */
  readonly errors: FieldError[];
  /** Extra machine-readable facts about the failure. */
  readonly details: Record<string, unknown>;

  constructor(code: PauzErrorCode, message: string, options: PauzErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.errors = options.errors ?? [];
    this.details = options.details ?? {};
    Object.defineProperty(this, PAUZ_ERROR_BRAND, { value: true });
  }
}

/**
 * True when `error` is a {@link PauzError}, optionally with the given code. It checks
 * the brand, so an error from the ESM build is recognised by the CJS build and back.
 *
 * @category Errors
 */
export function isPauzError(error: unknown, code?: PauzErrorCode): error is PauzError {
  if (typeof error !== 'object' || error === null || (error as Record<symbol, unknown>)[PAUZ_ERROR_BRAND] !== true) return false;
  return code === undefined || (error as PauzError).code === code;
}

/** The error every service throws for a resource that is missing or not the caller's. */
export function notFound(what: string): PauzError {
  return new PauzError('NOT_FOUND', `${what} not found`);
}

/**
 * Thrown by {@link createPauz} (and `createPauzFromEnv`) when the configuration is
 * incomplete or invalid. Lists every problem at once so a deployment is fixed in one
 * round.
 *
 * @category Errors
 */
export class PauzConfigError extends Error {
  /** Always `PauzConfigError`. */
  override readonly name = 'PauzConfigError';
  /** Every problem found, one sentence each. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid Pauz configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}
