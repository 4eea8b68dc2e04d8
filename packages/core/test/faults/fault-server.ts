import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the fault server does with every request:
 * - `error`: HTTP 500 whose JSON body quotes internals (a path, a host:port, an org
 *   name) and the first bytes of the request (echoed audio);
 * - `hang`: never answers;
 * - `slow`: answers 200 at once, then one byte every 200 ms, never finishing;
 * - `garbage`: HTTP 200 with an HTML body (the internals again) where JSON belongs;
 * - `huge`: HTTP 200 JSON of 50 MB, streamed without a length, as fast as it is read;
 * - `reset`: destroys the connection without a word.
 */
export type FaultMode = 'error' | 'hang' | 'slow' | 'garbage' | 'huge' | 'reset';

/** Strings of the upstream's that must never reach a client. */
export const UPSTREAM_SECRETS = ['/srv/upstream/internal/trace.js', '10.9.8.7:5432', 'acme-secret-org'] as const;

const HUGE_BYTES = 50 * 1024 * 1024;
const CHUNK = new Uint8Array(64 * 1024).fill(0x61);

/** A running fault server. */
export interface FaultServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `127.0.0.1:<port>`: must appear in no answer. */
  readonly host: string;
  mode: FaultMode;
  /** Requests received since the last reset. */
  readonly requests: Array<{ method: string; path: string }>;
  /** Bytes of the last `huge` body written before its client stopped reading (or all of them). */
  hugeBytesSent(): number;
  /** Resolves once the last `huge` body ended: sent whole, or its client hung up. */
  hugeDone(): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

/** Starts a {@link FaultServer} on 127.0.0.1, port 0: every adapter under test points at it. */
export async function startFaultServer(): Promise<FaultServer> {
  const requests: Array<{ method: string; path: string }> = [];
  let sent = 0;
  let done: Promise<void> = Promise.resolve();
  const open = new Set<ServerResponse>();
  const state = { mode: 'error' as FaultMode };

  const internals = `upstream failed: see ${UPSTREAM_SECRETS[0]} (db ${UPSTREAM_SECRETS[1]}, org ${UPSTREAM_SECRETS[2]})`;

  async function huge(res: ServerResponse): Promise<void> {
    sent = 0;
    res.writeHead(200, { 'content-type': 'application/json' });
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    res.write('{"text":"');
    while (sent < HUGE_BYTES && !res.destroyed) {
      sent += CHUNK.byteLength;
      if (!res.write(CHUNK)) await Promise.race([new Promise((resolve) => res.once('drain', resolve)), closed]);
    }
    if (!res.destroyed) res.end('"}');
  }

  function answer(req: IncomingMessage, res: ServerResponse, head: Buffer): void {
    switch (state.mode) {
      case 'error': {
        const body = JSON.stringify({ error: { message: internals }, message: internals, code: 'INTERNAL', echo: head.toString('latin1') });
        res.writeHead(500, { 'content-type': 'application/json' }).end(body);
        return;
      }
      case 'hang':
        return;
      case 'slow': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{');
        const timer = setInterval(() => res.write(' '), 200);
        res.once('close', () => clearInterval(timer));
        return;
      }
      case 'garbage':
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${internals}</body></html>`);
        return;
      case 'huge':
        done = huge(res);
        return;
      case 'reset':
        req.socket.destroy();
        return;
    }
  }

  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: new URL(req.url ?? '/', 'http://fault').pathname });
    open.add(res);
    res.once('close', () => open.delete(res));
    // The first bytes of the request, to echo back as upstreams do; the rest is read and dropped.
    let head = Buffer.alloc(0);
    req.on('data', (chunk: Buffer) => {
      if (head.byteLength < 64) head = Buffer.concat([head, chunk]).subarray(0, 64);
    });
    if (state.mode === 'reset' || state.mode === 'hang') answer(req, res, head);
    else req.once('end', () => answer(req, res, head));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(mode: FaultMode) {
      state.mode = mode;
    },
    requests,
    hugeBytesSent: () => sent,
    hugeDone: () => done,
    reset() {
      requests.length = 0;
      for (const res of open) res.destroy();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
