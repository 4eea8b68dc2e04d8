export { createPauzHttp, DEFAULT_MAX_JSON_BYTES, type PauzHttp, type PauzHttpOptions } from './handler.js';
export { malformed as malformedBodyError, tooLarge as bodyTooLargeError, unsupported as unsupportedBodyError } from './body.js';
export { createPauzFetch, fromWebRequest, toWebResponse } from './fetch.js';
export { problemType, type ProblemDetails, STATUS_BY_CODE } from './problem.js';
export type { AnyRoute, HttpMethod, Parsed, PathParamNames, PathParams, Route, RouteContext, RouteResponse } from './route.js';
export type { HttpRequest, HttpRequestBody, HttpResponse } from './types.js';
export * as responseSchemas from './schemas.js';
