import type { z } from 'zod';
import type { User } from '../accounts/types.js';
import type { Pauz } from '../pauz.js';
import type { HttpRequest } from './types.js';
import type { PauzLogger } from '../logger.js';

/** HTTP methods Pauz routes use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a route handler is given. */
export interface RouteContext<Params, Query, Body> {
  pauz: Pauz;
  /** The authenticated user (routes with `auth: false` get `null`). */
  user: User | null;
  params: Params;
  query: Query;
  body: Body;
  request: HttpRequest;
  /** The bearer token of the request, when it carried one. */
  token: string | null;
  /** The OpenAPI document of the routes being served. */
  openapi(): Record<string, unknown>;
  /** Where the HTTP layer logs. */
  logger: PauzLogger;
}

/** A handler result with a status other than the route's success status. */
export class Reply {
  constructor(
    readonly status: number,
    /** JSON, or bytes sent as they are with `headers`. */
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** One documented response of a route. */
export interface RouteResponse {
  status: number;
  description: string;
  /** Body schema (JSON); absent for 204. */
  schema?: z.ZodType;
}

/**
 * One endpoint of the HTTP contract: path, schemas, statuses and the handler that
 * calls the services. Both framework adapters serve exactly these.
 */
export interface Route<Params = Record<string, string>, Query = unknown, Body = unknown> {
  method: HttpMethod;
  /** Path with `:name` parameters (and an optional trailing `*rest`), for example `/freejournal/:id/save`. */
  path: string;
  summary: string;
  tag: string;
  /** Whether the route needs an authenticated user. */
  auth: boolean;
  /** Only served when the built-in `/auth/*` routes are on. */
  authRoute?: boolean;
  query?: z.ZodType<Query>;
  /** JSON body schema; the handler gets the parsed body. */
  body?: z.ZodType<Body>;
  /** OpenAPI `requestBody` of a route that reads a non-JSON body itself (uploads). */
  rawBody?: Record<string, unknown>;
  /** The success response. */
  success: RouteResponse;
  /** Error codes this route may answer with, besides the common ones (documentation). */
  errors?: string[];
  handle(ctx: RouteContext<Params, Query, Body>): Promise<unknown>;
}

/** A route with its types erased, as stored in the route table. */
export type AnyRoute = Route<Record<string, string>, any, any>;

/** Declares a route with inferred query and body types. */
export function defineRoute<Q = undefined, B = undefined>(
  route: Route<Record<string, string>, Q, B>,
): AnyRoute {
  return route as AnyRoute;
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

  match(method: string, path: string): RouteMatch {
    const segments = split(path);
    const allow = new Set<string>();
    for (const { route, segments: pattern } of this.#compiled) {
      const params = matchSegments(pattern, segments);
      if (params === null) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allow.add(route.method);
    }
    return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow].sort() } : { kind: 'not-found' };
  }
}

function specificity(segments: string[]): number {
  return segments.reduce((score, s, i) => score + (s.startsWith(':') || s.startsWith('*') ? 0 : 2 ** (8 - Math.min(i, 8))), 0);
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
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
