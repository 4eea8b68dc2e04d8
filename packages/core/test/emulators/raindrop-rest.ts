import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type HeldRequests, requestHolder } from '../../src/testing/emulators/held-requests.js';
import { ApiError, RaindropApi } from './raindrop-rest-api.js';

/** Options of {@link startRaindropRestEmulator}. */
export interface RaindropRestEmulatorOptions {
  /** The only API key accepted. Default: a random one. */
  apiKey?: string;
  /** Default `pauz-journaling`. */
  applicationName?: string;
  /** Buckets that exist. Default `hints`, `guided-journals`, `audio-files`. */
  buckets?: string[];
  /** When set, a request naming another version finds no bucket. */
  version?: string;
}

/** One request as the emulator received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body text. */
  raw: string;
  /** The parsed body, when it was JSON. */
  body: unknown;
}

/** A failure to answer with instead of handling a call. */
export interface InjectedFailure {
  /** Only calls to this path; default any. */
  path?: string;
  /** Default 500. */
  status?: number;
  /** Default `INTERNAL`. */
  code?: string;
  message?: string;
  /** Sent as a `Retry-After` header, in seconds. */
  retryAfter?: number;
}

/** A running emulator; see {@link startRaindropRestEmulator}. */
export interface RaindropRestEmulator {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly applicationName: string;
  /** The emulated API and its store, to look at or seed. */
  readonly api: RaindropApi;
  /** Calls received per path, every attempt counted (rejected and injected ones too). */
  readonly calls: Record<string, number>;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Answers the next `count` matching calls with an error instead. */
  failNext(count: number, failure?: InjectedFailure): void;
  /** Never answers the next `count` matching calls (until {@link close}). */
  hangNext(count: number, path?: string): void;
  /** The calls {@link hangNext} held, and how many their client cancelled. */
  readonly hung: HeldRequests;
  /** Cuts the connection of the next `count` matching calls without an answer. */
  dropNext(count: number, path?: string): void;
  /** Stops the server, cutting hanging calls. */
  close(): Promise<void>;
}

type Fault = { kind: 'fail'; failure: InjectedFailure } | { kind: 'hang' | 'drop'; path?: string };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Starts a loopback HTTP server on a free port that behaves like the Raindrop REST
 * API (raindrop.md §2): bearer auth (401 `UNAUTHENTICATED`), POST with JSON only,
 * strict camelCase fields, base64 content, 404 `NOT_FOUND` for a missing bucket or
 * object. Tests can inject failures, hangs and cut connections, and count calls.
 */
export async function startRaindropRestEmulator(options: RaindropRestEmulatorOptions = {}): Promise<RaindropRestEmulator> {
  const apiKey = options.apiKey ?? `rd-test-${crypto.randomUUID()}`;
  const applicationName = options.applicationName ?? 'pauz-journaling';
  const api = new RaindropApi(applicationName, options.buckets ?? ['hints', 'guided-journals', 'audio-files'], options.version);
  const calls: Record<string, number> = {};
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  const hung = requestHolder('Raindrop REST emulator');

  const takeFault = (path: string): Fault | undefined => {
    const index = faults.findIndex((f) => {
      const only = f.kind === 'fail' ? f.failure.path : f.path;
      return only === undefined || only === path;
    });
    return index < 0 ? undefined : faults.splice(index, 1)[0];
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    calls[path] = (calls[path] ?? 0) + 1;
    requests.push({ method: req.method ?? '', path, headers: req.headers, raw, body });

    const fault = takeFault(path);
    if (fault?.kind === 'hang') return hung.hold(req, res);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'fail') {
      const { status = 500, code = 'INTERNAL', message = 'injected failure', retryAfter } = fault.failure;
      send(res, status, { code, message }, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
      return;
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) return send(res, 401, { code: 'UNAUTHENTICATED', message: 'missing or invalid API key' });
    if (req.method !== 'POST') return send(res, 405, { code: 'UNIMPLEMENTED', message: 'use POST' });
    if (!String(req.headers['content-type']).startsWith('application/json')) {
      return send(res, 415, { code: 'INVALID_ARGUMENT', message: 'content-type must be application/json' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return send(res, 400, { code: 'INVALID_ARGUMENT', message: 'the body must be a JSON object' });
    }
    try {
      send(res, 200, api.handle(path, body as Record<string, unknown>));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      send(res, error.status, { code: error.code, message: error.message });
    }
  }

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => send(res, 500, { code: 'INTERNAL', message: String(error) }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    applicationName,
    api,
    calls,
    requests,
    failNext: (count, failure = {}) => faults.push(...Array.from({ length: count }, () => ({ kind: 'fail' as const, failure }))),
    hung,
    hangNext: (count, path) => faults.push(...Array.from({ length: count }, () => ({ kind: 'hang' as const, path }))),
    dropNext: (count, path) => faults.push(...Array.from({ length: count }, () => ({ kind: 'drop' as const, path }))),
    close: () =>
      new Promise<void>((resolve, reject) => {
        hung.closing();
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
