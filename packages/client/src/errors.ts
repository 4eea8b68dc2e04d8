import type { PauzErrorCode } from '@pauz/core';
import type { ProblemDocument } from '@pauz/core/http';

/**
 * The code of a {@link PauzClientError}: the server's problem `code`, or one of the
 * client's own when there is no problem document to read it from —
 * `NETWORK_ERROR` (the request never got an answer — offline, DNS, refused, CORS — or
 * the answer broke off) and
 * `UNEXPECTED_RESPONSE` (an answer that is not what the contract says: an HTML error
 * page of a proxy, a body that is not JSON).
 */
export type PauzClientErrorCode = PauzErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

const BRAND = Symbol.for('pauz.client.error');

/** What a {@link PauzClientError} is made from. */
export interface PauzClientErrorInit {
  /** The problem's `code`, or the client's own (`NETWORK_ERROR`, `UNEXPECTED_RESPONSE`). */
  code: PauzClientErrorCode;
  /** The error message: the problem's `detail` or `title`, or what went wrong without one. */
  message: string;
  /** The HTTP status; `0` when there was no answer. */
  status: number;
  /** The problem document the server answered with, when it answered with one. */
  problem?: ProblemDocument | undefined;
  /** The response, when there was one (its body already read). */
  response?: Response | undefined;
  /** What failed underneath: the fetch error of a request that got no answer. */
  cause?: unknown;
}

/**
 * A request that failed: the server answered with a problem document (its `code`,
 * `status`, `detail`, field `errors` and extensions such as `currentVersion` are
 * here, and the whole document as {@link PauzClientError.problem}), or there was no
 * usable answer (`NETWORK_ERROR`, `UNEXPECTED_RESPONSE`). Recognise it with
 * {@link isPauzClientError}, which also works across two copies of this package.
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/client/errors.ts#example}
 */
export class PauzClientError extends Error {
  /** The problem `code`, or `NETWORK_ERROR` / `UNEXPECTED_RESPONSE`. */
  readonly code: PauzClientErrorCode;
  /** The HTTP status of the answer; `0` when there was none (`NETWORK_ERROR` before any answer). */
  readonly status: number;
  /** The problem document the server sent, when it sent one. */
  readonly problem: ProblemDocument | undefined;
  /** The answer, its body already read; `undefined` when there was none. */
  readonly response: Response | undefined;

  constructor(init: PauzClientErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'PauzClientError';
    this.code = init.code;
    this.status = init.status;
    this.problem = init.problem;
    this.response = init.response;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The problem's `detail`: what went wrong with this request. */
  get detail(): string {
    return this.problem?.detail ?? this.message;
  }

  /** With `VALIDATION_FAILED`: one entry per invalid field (`(body)` for the body as a whole). */
  get errors(): ReadonlyArray<{
    /** The field, as a dotted path into the input (`entries.3.answer`), or `(body)`. */
    field: string;
    /** What is wrong with it. */
    message: string;
  }> {
    return this.problem?.errors ?? [];
  }

  /** With `VERSION_CONFLICT`: the version the resource is at now. */
  get currentVersion(): number | undefined {
    return this.problem?.currentVersion;
  }

  /** With `RATE_LIMITED`: seconds until a new attempt may succeed. */
  get retryAfterSeconds(): number | undefined {
    return this.problem?.retryAfterSeconds;
  }

  /** With a failed transcription: the kept recording, whose transcription can be retried. */
  get recordingId(): string | undefined {
    return this.problem?.recordingId;
  }
}

/**
 * Whether `value` is a {@link PauzClientError}. Checks a `Symbol.for` brand, not the
 * class, so errors thrown by another copy of `@pauz/client` (its ESM and CJS builds
 * in one process, two bundles) are recognised too.
 */
export function isPauzClientError(value: unknown): value is PauzClientError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
