import type { z } from 'zod';
import type { DefinedRoute, HttpMethod, PathParams } from './route.js';
import type { allRoutes } from './routes/index.js';
import type { problemSchema } from './schemas.js';

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
        Success extends { contentType: string | readonly string[] }
          ? undefined
          : (Success | Responses[number]) extends infer R
            ? R extends { schema: infer S extends z.ZodType }
              ? z.output<S>
              : undefined
            : never,
        RawBody extends Record<string, unknown> ? 'upload' : Success extends { contentType: string | readonly string[] } ? 'download' : 'json'
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
 * ```ts
 * import type { PauzContract } from '@pauz/core';
 *
 * type SaveBody = PauzContract['freeJournal.save']['body'];
 * // { content: string; baseVersion?: number; hints?: string[] … }
 * ```
 */
export type PauzContract = ContractOf<typeof allRoutes>;

/** An operation name of the {@link PauzContract}. */
export type PauzOperation = keyof PauzContract;

/**
 * An RFC 9457 problem document as Pauz sends it, with every extension member typed
 * (`currentVersion`, `retryAfterSeconds`, `recordingId`, …). Responses may gain
 * members later; clients ignore the ones they do not know.
 */
export type ProblemDocument = z.output<typeof problemSchema>;
