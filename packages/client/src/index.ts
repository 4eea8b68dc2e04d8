/**
 * `@pauz/client`: a typed client of the Pauz HTTP API, for browsers, Node, Bun, Deno
 * and React Native. Its methods are typed from the same route declarations the
 * server serves (`PauzContract` of `@pauz/core/http`); at run time it needs only `fetch`.
 * @module
 */
export { createPauzClient } from './client.js';
export { isPauzClientError, PauzClientError, type PauzClientErrorCode, type PauzClientErrorInit } from './errors.js';
export type {
  InputArgs,
  InputLocation,
  OperationArgs,
  OperationGroup,
  OperationMethod,
  OperationResult,
  OptionalArg,
  ParamArgs,
  PauzClient,
  PauzClientBase,
  PauzClientGroup,
  PauzClientOptions,
  PauzRequestOptions,
  PauzToken,
  PauzUploadBody,
  PauzUploadOptions,
} from './types.js';
