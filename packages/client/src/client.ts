import type { PauzOperation, ProblemDocument } from '@pauz/core/http';
import { PauzClientError } from './errors.js';
import { OPERATIONS } from './operations.js';
import type { PauzClient, PauzClientOptions, PauzRequestOptions, PauzToken, PauzUploadBody, PauzUploadOptions } from './types.js';

type Fetch = NonNullable<PauzClientOptions['fetch']>;

interface Transport {
  baseUrl: string;
  token: PauzToken;
  fetch: Fetch;
}

const PARAMETER = /[:*](\w+)/g;

/**
 * Creates a typed client of a Pauz API. It needs nothing but `fetch`, so it runs in
 * browsers, Node, Bun, Deno and React Native; every method's arguments and answer
 * are typed from the server's route declarations (no generated code).
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/client/client.ts#example}
 */
export function createPauzClient(options: PauzClientOptions): PauzClient {
  const transport: Transport = {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    token: options.token,
    // Looked up per request, and called unbound: some runtimes' fetch refuses another `this`.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  };
  const call = (name: PauzOperation, ...args: unknown[]): Promise<unknown> => invoke(transport, name, args);
  const client: Record<string, unknown> = {
    withToken: (token: PauzToken) => createPauzClient({ ...options, token }),
    call,
    download: (url: string, requestOptions: PauzRequestOptions = {}) => download(transport, url, requestOptions),
  };
  for (const name of Object.keys(OPERATIONS) as PauzOperation[]) {
    const [group, action] = name.split('.') as [string, string];
    const methods = (client[group] ??= {}) as Record<string, unknown>;
    methods[action] = (...args: unknown[]) => invoke(transport, name, args);
  }
  return client as unknown as PauzClient;
}

async function invoke(transport: Transport, name: PauzOperation, args: readonly unknown[]): Promise<unknown> {
  const entry = OPERATIONS[name];
  if (entry === undefined) throw new TypeError(`Unknown Pauz operation ${String(name)}`);
  const [method, path, input, output, answers] = entry;
  let next = 0;
  const params = /[:*]/.test(path) ? (args[next++] as Record<string, string>) : {};
  const data = input === 'none' ? undefined : args[next++];
  const options = (args[next] ?? {}) as PauzUploadOptions;

  let url = transport.baseUrl + pathWith(path, params);
  const headers: Record<string, string> = { accept: output === 'json' ? 'application/json' : '*/*', ...options.headers };
  let body: BodyInit | undefined;
  if (input === 'query' && data !== undefined) url += queryString(data as Record<string, unknown>);
  if (input === 'body' && data !== undefined) {
    body = JSON.stringify(data);
    headers['content-type'] = 'application/json';
  }
  if (input === 'raw') {
    if (data === undefined || data === null) throw new TypeError(`${name} needs the bytes to upload`);
    const upload = data as PauzUploadBody;
    body = upload as BodyInit;
    headers['content-type'] = options.contentType ?? (isBlob(upload) && upload.type !== '' ? upload.type : 'application/octet-stream');
  }
  const token = await tokenOf(transport.token);
  if (token) headers.authorization = `Bearer ${token}`;

  const response = await send(transport.fetch, url, { method, headers, body, signal: options.signal }, method);
  if (!response.ok && !answers?.includes(response.status)) throw await failure(response, method, url, options.signal);
  if (output === 'bytes') return response;
  if (response.status === 204) return undefined;
  return readJson(response, method, url, options.signal);
}

async function download(transport: Transport, link: string, options: PauzRequestOptions): Promise<Response> {
  const url = resolveLink(transport.baseUrl, link);
  const response = await send(transport.fetch, url, { method: 'GET', headers: { accept: '*/*', ...options.headers }, signal: options.signal }, 'GET');
  if (!response.ok) throw await failure(response, 'GET', url, options.signal);
  return response;
}

/** Fills in the path parameters, each percent-encoded (a trailing `*name` keeps its `/`), and drops a trailing `/`. */
function pathWith(path: string, params: Record<string, string>): string {
  const filled = path.replace(PARAMETER, (match, name: string) => {
    const value = params[name];
    if (typeof value !== 'string' || value === '') throw new TypeError(`Missing path parameter ${name} for ${path}`);
    return match.startsWith('*') ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
  return filled.length > 1 ? filled.replace(/\/+$/, '') : filled;
}

// By hand rather than with URL and URLSearchParams: React Native's are incomplete.
function queryString(query: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** `link` resolved against `baseUrl`: as it is when absolute, on the base's origin when it starts with `/`. */
function resolveLink(baseUrl: string, link: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(link)) return link;
  if (link.startsWith('/')) return (/^[a-z][a-z\d+.-]*:\/\/[^/]*/i.exec(baseUrl)?.[0] ?? '') + link;
  return `${baseUrl}/${link}`;
}

function isAborted(signal: AbortSignal | null | undefined): signal is AbortSignal {
  return signal?.aborted === true;
}

/** The signal's reason, or an `AbortError` where the runtime gives none. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

async function tokenOf(token: PauzToken): Promise<string | null | undefined> {
  return typeof token === 'function' ? token() : token;
}

async function send(fetch: Fetch, url: string, init: RequestInit, method: string): Promise<Response> {
  const { signal } = init;
  if (isAborted(signal)) throw abortReason(signal);
  try {
    return await fetch(url, init);
  } catch (error) {
    // The caller's own abort is not a failure of the request: it gets its reason back.
    if (isAborted(init.signal)) throw init.signal.reason ?? error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PauzClientError({ code: 'NETWORK_ERROR', status: 0, message: `${method} ${url} got no answer: ${reason}`, cause: error });
  }
}

/** The body of an answer; a body that breaks off is `NETWORK_ERROR`, the caller's abort its reason. */
async function readText(response: Response, method: string, url: string, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (isAborted(signal)) throw signal.reason ?? error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PauzClientError({ code: 'NETWORK_ERROR', status: response.status, message: `${method} ${url}: the answer broke off: ${reason}`, response, cause: error });
  }
}

async function readJson(response: Response, method: string, url: string, signal: AbortSignal | undefined): Promise<unknown> {
  const text = await readText(response, method, url, signal);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PauzClientError({
      code: 'UNEXPECTED_RESPONSE',
      status: response.status,
      message: `${method} ${url} answered ${response.status} with a body that is not JSON (${describe(response, text)})`,
      response,
      cause: error,
    });
  }
}

/** The error for an answer that is not the operation's: its problem document, or `UNEXPECTED_RESPONSE`. */
async function failure(response: Response, method: string, url: string, signal: AbortSignal | undefined): Promise<PauzClientError> {
  const text = await readText(response, method, url, signal);
  const problem = problemOf(text);
  if (problem !== undefined) {
    return new PauzClientError({ code: problem.code, status: response.status, message: problem.detail, problem, response });
  }
  return new PauzClientError({
    code: 'UNEXPECTED_RESPONSE',
    status: response.status,
    message: `${method} ${url} answered ${response.status} without a problem document (${describe(response, text)})`,
    response,
  });
}

function problemOf(text: string): ProblemDocument | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { code, status, detail } = parsed as Record<string, unknown>;
  return typeof code === 'string' && typeof status === 'number' && typeof detail === 'string' ? (parsed as ProblemDocument) : undefined;
}

function describe(response: Response, text: string): string {
  const type = response.headers.get('content-type') ?? 'no content type';
  const start = text.slice(0, 80).replace(/\s+/g, ' ');
  return text === '' ? `${type}, empty` : `${type}: ${start}${text.length > 80 ? '…' : ''}`;
}
