import type * as z from 'zod';
import type { User } from '../accounts/types.js';
import type { PauzErrorCode } from '../errors.js';
import type { Pauz } from '../pauz.js';
import type { HttpRequest } from './types.js';
import type { PauzLogger } from '../logger.js';

/**
 * HTTP methods Pauz routes are declared with (`HEAD` is served by every `GET` route).
 *
 * @category HTTP
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The parameters of a route path, inferred from the string: `'/freejournal/:id/voice/:recordingId'`
 * gives `{ id: string; recordingId: string }`, a trailing `*key` gives `{ key: string }`.
 *
 * @category HTTP
 */
export type PathParams<Path extends string> = string extends Path
  ? Record<string, string>
  : { [Name in PathParamNames<Path>]: string };

/**
 * The parameter names of a route path: every `:name` segment and a trailing `*name`.
 *
 * @category HTTP
 */
export type PathParamNames<Path extends string> = Path extends `${infer Segment}/${infer Rest}`
  ? PathParamNames<Segment> | PathParamNames<Rest>
  : Path extends `:${infer Name}`
    ? Name
    : Path extends `*${infer Name}`
      ? Name
      : never;

/**
 * The output type of an optional schema of a route, or `Fallback` when the route has none.
 *
 * @category HTTP
 */
export type Parsed<Schema, Fallback> = Schema extends z.ZodType ? z.output<Schema> : Fallback;

/**
 * What a route handler is given.
 *
 * @category HTTP
 */
export interface RouteContext<Params = Record<string, string>, Query = unknown, Body = unknown, U extends User | null = User | null> {
  /** The Pauz instance whose services the handler calls. */
  pauz: Pauz;
  /** The authenticated user; `null` only on routes declared with `auth: false`. */
  user: U;
  /** Path parameters, each decoded once. */
  params: Params;
  /** The query string parsed by the route's `query` schema. */
  query: Query;
  /** The JSON body parsed by the route's `body` schema. */
  body: Body;
  /** The request as the adapter handed it over. */
  request: HttpRequest;
  /** Aborted when the client goes away; passed on to every upstream call the route makes. */
  signal: AbortSignal;
  /** The bearer token of the request, when it carried one. */
  token: string | null;
  /**
   * Who is asking, for the login limit: what the `clientAddress` option returned, or
   * else the connection's peer address; `null` when neither is known.
   */
  clientAddress: string | null;
  /** The OpenAPI document of the routes being served. */
  openapi(): Record<string, unknown>;
  /** Where the HTTP layer logs. */
  logger: PauzLogger;
}

/** A handler result with a status other than the route's success status. */
export class Reply {
  constructor(
    readonly status: number,
    /** JSON, or bytes (or a stream of them) sent as they are with `headers`. */
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/**
 * One documented response of a route.
 *
 * @category HTTP
 */
export interface RouteResponse {
  /** The HTTP status code. */
  status: number;
  /** What the response means, for the OpenAPI document. */
  description: string;
  /** Body schema (JSON); absent for 204. */
  schema?: z.ZodType;
  /**
   * Media type of a body that is not JSON (the handler replies with bytes), for
   * example `application/pdf`; a list when it is one of several (a recording's audio).
   */
  contentType?: string | readonly string[];
}

/**
 * One endpoint of the HTTP contract: path, schemas, statuses and the handler that
 * calls the services. Both framework adapters serve exactly these.
 *
 * @category HTTP
 */
export interface Route<
  Path extends string = string,
  Auth extends boolean = boolean,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Operation extends string = string,
  Method extends HttpMethod = HttpMethod,
  Success extends RouteResponse = RouteResponse,
  Responses extends readonly RouteResponse[] = readonly RouteResponse[],
  RawBody extends Record<string, unknown> | undefined = Record<string, unknown> | undefined,
> {
  /**
   * The stable name of the operation, `<group>.<action>` (for example `freeJournal.save`):
   * the method of `@pauz/client` (`client.freeJournal.save`) and, camel-cased, the
   * OpenAPI `operationId` (`freeJournalSave`).
   */
  operation: Operation;
  /** The HTTP method the route answers. */
  method: Method;
  /** Path with `:name` parameters (and an optional trailing `*rest`), for example `/freejournal/:id/save`. */
  path: Path;
  /** One line on what the route does, for the OpenAPI document. */
  summary: string;
  /** The OpenAPI tag the route is grouped under, for example `freejournal`. */
  tag: string;
  /** Whether the route needs an authenticated user. */
  auth: Auth;
  /** Only served when the built-in `/auth/*` routes are on. */
  authRoute?: boolean;
  /** Also served to an account whose deletion is under way: only `DELETE /auth/me`, which resumes it. */
  whileDeleting?: boolean;
  /** Query string schema; the handler gets the parsed query. */
  query?: Query;
  /** JSON body schema; the handler gets the parsed body. */
  body?: Body;
  /**
   * OpenAPI `requestBody` of a route that reads a non-JSON body itself (uploads). A
   * route with one is an upload in the contract (`kind: 'upload'`): `@pauz/client`
   * sends it raw bytes with their media type (voice recordings now, imports next).
   */
  rawBody?: RawBody;
  /** The success response. */
  success: Success;
  /** Other non-error statuses the handler replies with (a `Reply`), for the OpenAPI document. */
  responses?: Responses;
  /** Error codes this route may answer with, besides the common ones (documentation). */
  errors?: readonly PauzErrorCode[];
  /** Answers the request: a JSON-serialisable value (sent with the `success` status) or a `Reply`. */
  handle(
    ctx: RouteContext<PathParams<Path>, Parsed<Query, Record<string, never>>, Parsed<Body, undefined>, Auth extends true ? User : null>,
  ): Promise<unknown>;
}

/**
 * A route with its types erased, as stored in the route table.
 *
 * @category HTTP
 */
export interface AnyRoute extends Omit<Route, 'handle'> {
  /** Answers the request: a JSON-serialisable value (sent with the `success` status) or a `Reply`. */
  handle(ctx: RouteContext): Promise<unknown>;
}

/**
 * A route as `defineRoute` returns it: servable by the route table like any
 * {@link AnyRoute}, and keeping the types of its declaration (operation name, method,
 * path, schemas, responses) for the contract that `@pauz/client` is typed from.
 */
export interface DefinedRoute<
  Operation extends string = string,
  Method extends HttpMethod = HttpMethod,
  Path extends string = string,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Success extends RouteResponse = RouteResponse,
  Responses extends readonly RouteResponse[] = readonly RouteResponse[],
  RawBody extends Record<string, unknown> | undefined = Record<string, unknown> | undefined,
> extends AnyRoute {
  operation: Operation;
  method: Method;
  path: Path;
  query?: Query;
  body?: Body;
  rawBody?: RawBody;
  success: Success;
  responses?: Responses;
}

/**
 * Declares a route: path parameters are inferred from `path`, the query and body from
 * the output types of their schemas, and `user` is non-null when `auth` is `true`.
 * The result keeps those types (see {@link DefinedRoute}).
 */
export function defineRoute<
  const Operation extends string,
  const Method extends HttpMethod,
  const Path extends string,
  const Auth extends boolean,
  Query extends z.ZodType | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  const Success extends RouteResponse = RouteResponse,
  const Responses extends readonly RouteResponse[] = [],
  RawBody extends Record<string, unknown> | undefined = undefined,
>(
  route: Route<Path, Auth, Query, Body, Operation, Method, Success, Responses, RawBody>,
): DefinedRoute<Operation, Method, Path, Query, Body, Success, Responses, RawBody> {
  // The table hands each handler exactly what its declaration promises: params
  // matched from `path`, the parsed query and body, and a user when `auth` is true.
  return route as unknown as DefinedRoute<Operation, Method, Path, Query, Body, Success, Responses, RawBody>;
}

interface Compiled {
  route: AnyRoute;
  segments: string[];
}

/** The result of matching a path against the route table. */
export type RouteMatch =
  | { kind: 'found'; route: AnyRoute; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** Splits a path into segments, dropping empty ones (so `/garden/` equals `/garden`). */
function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Matches request paths to routes. Literal segments win over parameters. */
export class RouteTable {
  readonly #compiled: Compiled[];

  constructor(readonly routes: readonly AnyRoute[]) {
    // Literal-first ordering makes `/guided_journal/topics` win over `/guided_journal/:id`.
    this.#compiled = routes
      .map((route) => ({ route, segments: split(route.path) }))
      .sort((a, b) => specificity(b.segments) - specificity(a.segments));
  }

  /** The route for `method` and `path`; `HEAD` is answered by the `GET` route (RFC 9110 §9.3.2). */
  match(method: string, path: string): RouteMatch {
    return this.matchSegments(method, split(path));
  }

  /** {@link RouteTable.match} for a path already split into its non-empty segments. */
  matchSegments(method: string, segments: readonly string[]): RouteMatch {
    const wanted = method === 'HEAD' ? 'GET' : method;
    let allow: Set<string> | undefined;
    for (const { route, segments: pattern } of this.#compiled) {
      // Literal segments first, without allocating: most routes fail here.
      if (!fits(pattern, segments)) continue;
      const params = matchSegments(pattern, segments);
      if (params === null) continue;
      if (route.method === wanted) return { kind: 'found', route, params };
      allow ??= new Set<string>();
      allow.add(route.method);
      if (route.method === 'GET') allow.add('HEAD');
    }
    return allow !== undefined ? { kind: 'method-not-allowed', allow: [...allow].sort() } : { kind: 'not-found' };
  }
}

/** Whether `segments` has the length and the literal segments of `pattern` (parameters not decoded yet). */
function fits(pattern: readonly string[], segments: readonly string[]): boolean {
  const last = pattern.length - 1;
  const wildcard = pattern[last]?.startsWith('*') === true;
  if (wildcard ? segments.length < pattern.length : pattern.length !== segments.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const first = p.charCodeAt(0);
    // ':' and '*' start parameters.
    if (first !== 58 && first !== 42 && p !== segments[i]) return false;
  }
  return true;
}
function specificity(segments: string[]): number {
  return segments.reduce((score, s, i) => score + (s.startsWith(':') || s.startsWith('*') ? 0 : 2 ** (8 - Math.min(i, 8))), 0);
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  const wildcard = pattern[pattern.length - 1]?.startsWith('*') === true;
  if (wildcard ? segments.length < pattern.length : pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const s = segments[i] as string;
    if (p.startsWith('*')) {
      // A trailing wildcard takes the rest of the path, each segment decoded once.
      try {
        params[p.slice(1)] = segments.slice(i).map(decodeURIComponent).join('/');
      } catch {
        return null;
      }
      return params;
    }
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(s);
      } catch {
        return null;
      }
    } else if (p !== s) {
      return null;
    }
  }
  return params;
}
