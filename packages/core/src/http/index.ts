export { createPauzHttp, DEFAULT_MAX_JSON_BYTES, type PauzHttp, type PauzHttpOptions } from './handler.js';
export {
  hostConsumedBody,
  malformed as malformedBodyError,
  tooLarge as bodyTooLargeError,
  unsupported as unsupportedBodyError,
} from './body.js';
export {
  type BodyTimeouts,
  DEFAULT_BODY_IDLE_MS,
  DEFAULT_BODY_TOTAL_MS,
  DEFAULT_DRAIN_BYTES,
  DEFAULT_DRAIN_TIMEOUT_MS,
  type DrainLimits,
} from './drain.js';
export { createPauzFetch, fromWebRequest, toWebResponse } from './fetch.js';
export { problemType, type ProblemDetails, STATUS_BY_CODE } from './problem.js';
export type { AnyRoute, HttpMethod, Parsed, PathParamNames, PathParams, Route, RouteContext, RouteResponse } from './route.js';
export type { HttpRequest, HttpRequestBody, HttpResponse } from './types.js';
export * as responseSchemas from './schemas.js';
