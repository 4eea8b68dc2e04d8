import type * as z from 'zod';
import type { FieldError, PauzErrorCode } from '../errors.js';
import type { DefinedRoute, HttpMethod, PathParams, RouteResponse } from './route.js';
import type { allRoutes } from './routes/index.js';

/**
 * How an operation's request and response travel: `json` (a JSON body, if any, and a
 * JSON answer, or none with 204), `upload` (the request body is raw bytes, sent as they
 * are with their media type) or `download` (the answer is bytes, not JSON).
 */
export type OperationKind = 'json' | 'upload' | 'download';

/** The types of one operation of the HTTP contract, as a client sees them on the wire. */
export interface ContractOperation<
  Method extends HttpMethod = HttpMethod,
  Path extends string = string,
  Params = unknown,
  Query = unknown,
  Body = unknown,
  Response = unknown,
  Kind extends OperationKind = OperationKind,
> {
  /** The HTTP method. */
  method: Method;
  /** The route path, with `:name` parameters and an optional trailing `*name`. */
  path: Path;
  /** Path parameters, by name (`{}` when the path has none). */
  params: Params;
  /** The query a client sends (`undefined` when the route reads none). */
  query: Query;
  /** The JSON body a client sends (`undefined` when the route reads none, or reads raw bytes). */
  body: Body;
  /** The parsed JSON answer; `undefined` for 204 and for downloads. */
  response: Response;
  /** How the request and the response travel (see {@link OperationKind}). */
  kind: Kind;
}

/**
 * What a client sends as a query: the schema's input, except that fields the server
 * coerces from strings (whose input type is `unknown`) take the parsed type.
 */
export type QueryInput<Schema extends z.ZodType> = {
  [K in keyof z.input<Schema>]: unknown extends z.input<Schema>[K]
    ? K extends keyof z.output<Schema>
      ? Exclude<z.output<Schema>[K], undefined>
      : z.input<Schema>[K]
    : z.input<Schema>[K];
};

/** The contract entry of a route declared with `defineRoute`. */
export type OperationOf<R> =
  R extends DefinedRoute<string, infer Method, infer Path, infer Query, infer Body, infer Success, infer Responses, infer RawBody>
    ? ContractOperation<
        Method,
        Path,
        PathParams<Path>,
        Query extends z.ZodType ? QueryInput<Query> : undefined,
        Body extends z.ZodType ? z.input<Body> : undefined,
        Success extends Required<Pick<RouteResponse, 'contentType'>>
          ? undefined
          : (Success | Responses[number]) extends infer R
            ? R extends Required<Pick<RouteResponse, 'schema'>>
              ? z.output<R['schema']>
              : undefined
            : never,
        RawBody extends Record<string, unknown> ? 'upload' : Success extends Required<Pick<RouteResponse, 'contentType'>> ? 'download' : 'json'
      >
    : never;

/** The contract of a list of routes: each route's {@link OperationOf} under its operation name. */
export type ContractOf<Routes extends readonly DefinedRoute[]> = {
  [R in Routes[number] as R['operation']]: OperationOf<R>;
};

/**
 * The whole HTTP contract Pauz serves, by operation name (`'freeJournal.save'`, …):
 * method, path, path parameters, query, body, response and kind of every route. It
 * is computed from the route declarations themselves, so it cannot drift from what
 * the server validates and answers; `@pauz/client` is typed from it.
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/http/contract.ts}
 */
export type PauzContract = ContractOf<typeof allRoutes>;

/** An operation name of the {@link PauzContract}. */
export type PauzOperation = keyof PauzContract;

/**
 * An RFC 9457 problem document as Pauz sends it, with every extension member typed
 * (`currentVersion`, `retryAfterSeconds`, `recordingId`, …); the same shape as the
 * `problemSchema` of the OpenAPI document (a type test keeps them equal). Responses
 * may gain members later; clients ignore the ones they do not know.
 */
export interface ProblemDocument {
  /** URI of the problem type, `urn:pauz:problem:<code>`. */
  type: string;
  /** Short summary of the problem type. */
  title: string;
  /** The HTTP status code. */
  status: number;
  /** What went wrong with this request. */
  detail: string;
  /** Stable machine-readable error code. */
  code: PauzErrorCode;
  /** With `INTERNAL`: `urn:uuid:<reference>` of the logged error. */
  instance?: string | undefined;
  /** With `VALIDATION_FAILED`: one entry per invalid field (`(body)` for the body as a whole). */
  errors?: FieldError[] | undefined;
  /** With `VERSION_CONFLICT`: the version the resource is at now. */
  currentVersion?: number | undefined;
  /** With `RATE_LIMITED`: seconds until a new attempt may succeed (also sent as `Retry-After`). */
  retryAfterSeconds?: number | undefined;
  /** With a failed transcription: the kept recording, whose transcription can be retried. */
  recordingId?: string | undefined;
  /** With a save whose hints could not all be stored: the session's new version (the content was saved). */
  savedVersion?: number | undefined;
  /** With `savedVersion`: the hint texts that were not stored, in order. */
  unsavedHints?: string[] | undefined;
}
