/** A request body the worker builds itself, so megabytes never cross the thread boundary. */
export type WorkerBody =
  /** A `FormData` with one file of `bytes` zero bytes, as a browser or Node client sends it. */
  | { kind: 'form'; field: string; bytes: number; type: string }
  /** `bytes` zero bytes with a `Content-Length`. */
  | { kind: 'bytes'; bytes: number; type: string }
  /** `bytes` zero bytes as a stream: chunked, no `Content-Length`. */
  | { kind: 'stream'; bytes: number; type: string }
  /** `{"content": "xxx…"}` of about `bytes` bytes. */
  | { kind: 'json'; bytes: number }
  /** A small JSON value. */
  | { kind: 'value'; value: unknown };

/** One request the worker sends. */
export interface WorkerRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: WorkerBody;
}

/** What the client saw: the response, or the error code it failed with. */
export interface WorkerResult {
  status?: number;
  headers?: Record<string, string>;
  text?: string;
  /** node:http only: the request went out on a socket kept alive from an earlier one. */
  reusedSocket?: boolean;
  /** The client's error code (`EPIPE`, `ECONNRESET`, `UND_ERR_SOCKET`…) when there was no response. */
  error?: string;
}

/**
 * The worker's script (CommonJS, evaluated): sends the requests one after another
 * over one keep-alive connection, with the global `fetch` or with `node:http` and an
 * agent of one socket.
 */
const SCRIPT = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
function build(body) {
  if (body === undefined) return { headers: {} };
  const zeros = (n) => new Uint8Array(n);
  switch (body.kind) {
    case 'form': { const form = new FormData(); form.append(body.field, new Blob([zeros(body.bytes)], { type: body.type }), 'recording'); return { headers: {}, body: form }; }
    case 'bytes': return { headers: { 'content-type': body.type }, body: zeros(body.bytes) };
    case 'stream': return { headers: { 'content-type': body.type }, body: new Blob([zeros(body.bytes)]).stream(), duplex: 'half' };
    case 'json': return { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'x'.repeat(body.bytes) }) };
    case 'value': return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body.value) };
  }
}
async function viaFetch(request) {
  const { headers, body, duplex } = build(request.body);
  try {
    const response = await fetch(request.url, { method: request.method, headers: { ...headers, ...request.headers }, body, duplex });
    return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
  } catch (error) {
    return { error: String(error.cause?.code ?? error.code ?? error.message) };
  }
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
async function viaNodeHttp(request) {
  let { headers, body } = build(request.body);
  if (body instanceof FormData || body instanceof ReadableStream) throw new Error('node-http sends bytes and JSON only');
  if (typeof body === 'string') body = Buffer.from(body);
  return new Promise((resolve) => {
    const req = http.request(request.url, { method: request.method, agent, headers: { ...headers, ...request.headers, ...(body ? { 'content-length': body.byteLength } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), text: Buffer.concat(chunks).toString('utf8'), reusedSocket: req.reusedSocket }));
      res.on('error', (error) => resolve({ error: String(error.code ?? error.message) }));
    });
    req.on('error', (error) => resolve({ error: String(error.code ?? error.message) }));
    req.end(body);
  });
}
(async () => {
  const results = [];
  for (const request of workerData.requests) results.push(await (workerData.client === 'fetch' ? viaFetch(request) : viaNodeHttp(request)));
  agent.destroy();
  parentPort.postMessage(results);
})();
`;

/**
 * Sends `requests` in order from a worker thread — a client on its own event loop,
 * as a separate process would be, so a server that closes too early shows the
 * client's real `EPIPE` or socket error instead of a same-thread race it happens
 * to win. `client: 'fetch'` is Node's own fetch (undici, keep-alive);
 * `'node-http'` uses one keep-alive socket and reports its reuse. Node only.
 */
export async function requestFromWorker(client: 'fetch' | 'node-http', requests: WorkerRequest[]): Promise<WorkerResult[]> {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(SCRIPT, { eval: true, workerData: { client, requests } });
  try {
    return await new Promise<WorkerResult[]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the client worker exited with ${code} before answering`)));
    });
  } finally {
    await worker.terminate();
  }
}
