/**
 * A loopback HTTP server that answers nothing: every request is held until its
 * client gives up. Point any HTTP adapter at it (a Raindrop REST bucket, an S3
 * store) to see from the upstream side that a call is cancelled. Test fixture only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HeldRequests, requestHolder } from './held-requests.js';

/**
 * A running {@link startHoldingServer}.
 *
 * @category Testing
 */
export interface HoldingServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: ReadonlyArray<{
    /** The request method. */
    method: string;
    /** The path, without the query string. */
    path: string;
  }>;
  /** The requests held, and how many their client cancelled. */
  readonly held: HeldRequests;
  /** Stops the server, cutting what it still holds. */
  close(): Promise<void>;
}

/**
 * Starts a {@link HoldingServer} on 127.0.0.1, port 0.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/testing/emulators/holding-server.ts}
 */
export async function startHoldingServer(): Promise<HoldingServer> {
  const holder = requestHolder('holding server');
  const requests: Array<{ method: string; path: string }> = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: new URL(req.url ?? '/', 'http://holding').pathname });
    holder.hold(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    held: holder,
    close: () =>
      new Promise<void>((resolve, reject) => {
        holder.closing();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
