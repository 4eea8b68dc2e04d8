import type { ContractOperation, PauzContract, PauzOperation } from '@pauz/core/http';

/**
 * The bytes of an upload (a voice recording): a `Blob` or `File` (its `type` is sent
 * as the media type), an `ArrayBuffer` or a typed array such as `Uint8Array`. They
 * are sent as the raw request body; the server recognises audio by its bytes.
 */
export type PauzUploadBody = Blob | ArrayBuffer | ArrayBufferView;

/** Per-request options, the last argument of every method. */
export interface PauzRequestOptions {
  /**
   * Aborts the request; the method then rejects with the signal's reason, not a {@link PauzClientError}.
   * @remarks No default: the request runs until it is answered.
   */
  signal?: AbortSignal;
  /**
   * Extra request headers (for example a request id).
   * @remarks No default: only the headers the operation needs are sent.
   */
  headers?: Record<string, string>;
}

/** Options of an upload method. */
export interface PauzUploadOptions extends PauzRequestOptions {
  /**
   * The media type sent with the bytes. Default: the `Blob`'s `type`, else
   * `application/octet-stream` (the server then recognises the audio by its bytes).
   * @defaultValue the `Blob`'s `type`, else `application/octet-stream`
   */
  contentType?: string;
}

/** Where an operation's input goes: the JSON body, the query string, the raw body (uploads), or nowhere. */
export type InputLocation<Op extends ContractOperation> = Op['kind'] extends 'upload'
  ? 'raw'
  : Op['body'] extends undefined
    ? Op['query'] extends undefined
      ? 'none'
      : 'query'
    : 'body';

/** An argument that may be left out when an empty object would do. */
export type OptionalArg<T> = {} extends T ? [input?: T] : [input: T];

/**
 * The path parameters argument of an operation: present only when its path has parameters.
 */
export type ParamArgs<Op extends ContractOperation> = keyof Op['params'] extends never ? [] : [params: Op['params']];

/**
 * The input argument of an operation: its JSON body, its query, or the bytes of an upload; optional when `{}` would do.
 */
export type InputArgs<Op extends ContractOperation> = {
  /** An upload: its bytes. */
  raw: [body: PauzUploadBody];
  /** A JSON body. */
  body: OptionalArg<Op['body']>;
  /** Query parameters. */
  query: OptionalArg<Op['query']>;
  /** No input. */
  none: [];
}[InputLocation<Op>];

/**
 * The arguments of an operation's method, in order: the path parameters (when the
 * path has any), the input (the JSON body, the query, or the bytes of an upload;
 * optional when an empty object would do), then {@link PauzRequestOptions}.
 */
export type OperationArgs<Op extends ContractOperation> = [
  ...ParamArgs<Op>,
  ...InputArgs<Op>,
  options?: Op['kind'] extends 'upload' ? PauzUploadOptions : PauzRequestOptions,
];

/**
 * What an operation's method resolves to: the parsed JSON answer, `undefined` for a
 * 204, or — for downloads — the `Response` itself, status checked and body unread
 * (read it with `.blob()`, `.arrayBuffer()` or stream `.body`).
 */
export type OperationResult<Op extends ContractOperation> = Op['kind'] extends 'download' ? Response : Op['response'];

/** The method of one operation. */
export type OperationMethod<Op extends ContractOperation> = (...args: OperationArgs<Op>) => Promise<OperationResult<Op>>;

/** The group of an operation name: `freeJournal` for `freeJournal.save`. */
export type OperationGroup<Name extends string> = Name extends `${infer Group}.${string}` ? Group : never;

/** The methods of one group, by action name: `save`, `list`, … of `freeJournal`. */
export type PauzClientGroup<Group extends string> = {
  readonly [Name in PauzOperation as Name extends `${Group}.${infer Action}` ? Action : never]: OperationMethod<PauzContract[Name]>;
};

/** The methods of a client that are not operations. */
export interface PauzClientBase {
  /**
   * A client like this one that sends `token` (or what the function returns) as its
   * bearer token: after `auth.login` or `auth.register`, or per user on a server.
   * This client is left as it was.
   */
  withToken(token: PauzToken): PauzClient;
  /**
   * Calls an operation by its name: `client.call('freeJournal.save', { id }, body)`
   * is `client.freeJournal.save({ id }, body)`.
   */
  call<Name extends PauzOperation>(name: Name, ...args: OperationArgs<PauzContract[Name]>): Promise<OperationResult<PauzContract[Name]>>;
  /**
   * Downloads a URL the API handed out, such as an export's signed `url` (which may
   * point at the S3 bucket itself): fetched without the bearer token (the link is the
   * permission), resolved against `baseUrl` when relative. Resolves with the
   * `Response`, status checked; rejects with a {@link PauzClientError}.
   */
  download(url: string, options?: PauzRequestOptions): Promise<Response>;
}

/**
 * A typed Pauz client: one method per operation of the contract, grouped by area —
 * `client.auth.login(…)`, `client.freeJournal.save(…)`, `client.garden.stats(…)` —
 * with arguments and answers typed from the routes the server serves. The package
 * page lists every method with its route.
 */
export type PauzClient = { readonly [Group in OperationGroup<PauzOperation>]: PauzClientGroup<Group> } & PauzClientBase;

/** A bearer token, or a function that returns the current one (`null` or `undefined` for none). */
export type PauzToken = string | null | undefined | (() => string | null | undefined | Promise<string | null | undefined>);

/** Options of {@link createPauzClient}. */
export interface PauzClientOptions {
  /**
   * Where the API is mounted, for example `https://example.com/api` (a trailing `/`
   * is ignored). Operation paths are appended to it.
   */
  baseUrl: string;
  /**
   * The bearer token to send, or a function returning the current one.
   * @defaultValue none: requests are sent without `Authorization`
   */
  token?: PauzToken;
  /**
   * The `fetch` to use. Default: the global `fetch`, looked up at each request (so a
   * polyfill installed later is used).
   * @defaultValue `globalThis.fetch`
   */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}
