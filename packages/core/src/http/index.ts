/**
 * `@pauz/core/http`: the HTTP contract — {@link createPauzHttp} (what `@pauz/hono`
 * and `@pauz/express` mount), {@link createPauzFetch} for fetch-style hosts, the
 * route and problem types, the response schemas and the body limits. Runtime-neutral.
 *
 * Helpers for writing an adapter of your own (request and response conversion, a
 * body the host already read) are in `@pauz/core/adapters`.
 * @module @pauz/core/http
 */
export { createPauzHttp, DEFAULT_MAX_JSON_BYTES, type PauzHttp, type PauzHttpOptions } from './handler.js';
export {
  type BodyTimeouts,
  DEFAULT_BODY_IDLE_MS,
  DEFAULT_BODY_TOTAL_MS,
  DEFAULT_DRAIN_BYTES,
  DEFAULT_DRAIN_TIMEOUT_MS,
  type DrainLimits,
} from './drain.js';
export { createPauzFetch } from './fetch.js';
export { problemType, type ProblemDetails, STATUS_BY_CODE } from './problem.js';
export type { AnyRoute, DefinedRoute, HttpMethod, Parsed, PathParamNames, PathParams, Route, RouteContext, RouteResponse } from './route.js';
export type { HttpRequest, HttpRequestBody, HttpResponse } from './types.js';
export { loginSourceKey } from '../accounts/login-source.js';
export * as responseSchemas from './schemas.js';
export type { ContractOf, ContractOperation, OperationKind, OperationOf, PauzContract, PauzOperation, ProblemDocument, QueryInput } from './contract.js';
