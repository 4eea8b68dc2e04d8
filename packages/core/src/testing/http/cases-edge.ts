import { expect, it } from 'vitest';
import { expectJson } from './client.js';
import type { ConformanceContext } from './context.js';
import { requestFromWorker, type WorkerRequest, type WorkerResult } from './worker-client.js';
import { sessionSchema } from '../../http/schemas.js';

const MB = 1024 * 1024;

/** Asserts a problem+json answer the client really read (not a reset). */
function expectProblemRead(result: WorkerResult | undefined, status: number, code: string, what: string): void {
  expect(result?.error, `${what}: the client failed instead of reading the answer`).toBeUndefined();
  expect(result?.status, `${what}: ${result?.text ?? ''}`).toBe(status);
  expect(result?.headers?.['content-type'], what).toBe('application/problem+json; charset=utf-8');
  expect(JSON.parse(result?.text ?? '{}'), what).toMatchObject({ status, code });
}

function expectOk(result: WorkerResult | undefined, status: number, what: string): void {
  expect(result?.error, `${what}: the client failed instead of reading the answer`).toBeUndefined();
  expect(result?.status, `${what}: ${result?.text ?? ''}`).toBe(status);
}

/** HTTP semantics at the edge, as an ordinary client meets them: early answers to bodies still being sent. */
export function edgeCases(c: () => ConformanceContext): void {
  it('lets an ordinary fetch client read the 413 of an oversized upload or JSON body, then reuse the connection', async () => {
    const { api, register, harness } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    const auth = { authorization: `Bearer ${token}` };
    const voice = `${api.baseUrl}/freejournal/${s.id}/voice`;
    const save = `${api.baseUrl}/freejournal/${s.id}/save`;
    // A few MB against the suite's 512 KiB audio cap and the 2 MiB JSON limit.
    const size = Math.max(3 * MB, harness.pauz.limits.audioBytes * 6);
    const oversized: Array<[string, WorkerRequest]> = [
      ['FormData upload', { method: 'POST', url: voice, headers: auth, body: { kind: 'form', field: 'audio', bytes: size, type: 'audio/wav' } }],
      ['FormData upload again', { method: 'POST', url: voice, headers: auth, body: { kind: 'form', field: 'audio', bytes: size, type: 'audio/wav' } }],
      ['raw audio', { method: 'POST', url: voice, headers: auth, body: { kind: 'bytes', bytes: size, type: 'audio/wav' } }],
      ['chunked raw audio', { method: 'POST', url: voice, headers: auth, body: { kind: 'stream', bytes: size, type: 'audio/wav' } }],
      ['JSON', { method: 'POST', url: save, headers: auth, body: { kind: 'json', bytes: 3 * MB } }],
    ];
    const results = await requestFromWorker('fetch', [
      ...oversized.map(([, request]) => request),
      { method: 'POST', url: save, headers: auth, body: { kind: 'value', value: { content: 'Still here.' } } },
    ]);
    oversized.forEach(([what], i) => expectProblemRead(results[i], 413, 'PAYLOAD_TOO_LARGE', what));
    expectOk(results[oversized.length], 200, 'the save after them');
    expect(expectJson(await api.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema).content).toBe('Still here.');
  });

  it('keeps a keep-alive connection usable after an early answer to a big body (401, 404, 405, 415, 501)', async () => {
    const { api, noVoiceApi, register } = c();
    const { token } = await register();
    const s = expectJson(await api.post('/freejournal/', { token }), 201, sessionSchema);
    const auth = { authorization: `Bearer ${token}` };
    // Valid JSON, so a host JSON parser in front of Pauz takes it and Pauz answers.
    const big = { kind: 'json', bytes: 512 * 1024 } as const;
    const bigText = { kind: 'bytes', bytes: 512 * 1024, type: 'text/plain' } as const;
    const early: Array<[number, WorkerRequest]> = [
      [401, { method: 'POST', url: `${api.baseUrl}/freejournal/${s.id}/save`, body: big }],
      [404, { method: 'POST', url: `${api.baseUrl}/nothing-here`, headers: auth, body: big }],
      [405, { method: 'PUT', url: `${api.baseUrl}/garden/`, headers: auth, body: big }],
      [415, { method: 'POST', url: `${api.baseUrl}/freejournal/${s.id}/save`, headers: auth, body: bigText }],
    ];
    const valid: WorkerRequest = { method: 'POST', url: `${api.baseUrl}/freejournal/${s.id}/save`, headers: auth, body: { kind: 'value', value: { content: 'ok' } } };
    for (const client of ['node-http', 'fetch'] as const) {
      const results = await requestFromWorker(client, early.flatMap(([, request]) => [request, valid]));
      early.forEach(([status], i) => {
        expectOk(results[2 * i], status, `${client}: the early ${status}`);
        expectOk(results[2 * i + 1], 200, `${client}: the save after the ${status}`);
        // Drained, not closed: the next request went out on the same connection.
        if (client === 'node-http') expect(results[2 * i + 1]?.reusedSocket, `${client}: socket reused after the ${status}`).toBe(true);
      });
    }
    // 501 comes from the server without a transcriber; its own connection, the same rule.
    const other = await c().register();
    const noVoiceSession = expectJson(await noVoiceApi.post('/freejournal/', { token: other.token }), 201, sessionSchema);
    const noVoiceAuth = { authorization: `Bearer ${other.token}` };
    const results = await requestFromWorker('node-http', [
      { method: 'POST', url: `${noVoiceApi.baseUrl}/freejournal/${noVoiceSession.id}/voice`, headers: noVoiceAuth, body: { kind: 'bytes', bytes: 512 * 1024, type: 'audio/wav' } },
      { method: 'POST', url: `${noVoiceApi.baseUrl}/freejournal/${noVoiceSession.id}/save`, headers: noVoiceAuth, body: { kind: 'value', value: { content: 'ok' } } },
    ]);
    expectOk(results[0], 501, 'the early 501');
    expectOk(results[1], 200, 'the save after the 501');
    expect(results[1]?.reusedSocket).toBe(true);
  });
}

/** What a raw client saw: the status line and headers of the answer, and whether the server closed. */
interface RawExchange {
  status: number;
  headers: Record<string, string>;
  closedByServer: boolean;
}

/**
 * Sends `head` and `first` over a raw socket, then either stops sending (`drip: false`)
 * or sends one more byte every 100 ms, and waits for the answer and for the server
 * to close the connection (at most 10 s).
 */
async function slowClient(url: URL, head: string, first: string, drip: boolean): Promise<RawExchange> {
  const { connect } = await import('node:net');
  return new Promise<RawExchange>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    let timer: ReturnType<typeof setInterval> | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within 10 s; got ${JSON.stringify(received)}`));
    }, 10_000);
    socket.on('connect', () => {
      socket.write(head + first);
      if (drip) timer = setInterval(() => socket.write('a'), 100);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      const [statusLine = '', ...lines] = (received.split('\r\n\r\n', 1)[0] ?? '').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, closedByServer: true });
    });
  });
}

/** Slow clients: a body that stops arriving, or drips for ever, is answered 408 and its connection closed. */
export function slowClientCases(c: () => ConformanceContext): void {
  it('answers a body that stalls, or drips past the total time, with 408 and closes the connection; nothing changes', async () => {
    const { impatientApi, register } = c();
    const { token } = await register();
    const s = expectJson(await impatientApi.post('/freejournal/', { token }), 201, sessionSchema);
    const url = new URL(`${impatientApi.baseUrl}/freejournal/${s.id}/voice`);
    // Raw audio: a host JSON parser in front does not take it, so Pauz reads the stream itself.
    const head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\nContent-Type: audio/wav\r\nContent-Length: 100000\r\n\r\n`;
    for (const drip of [false, true]) {
      const answer = await slowClient(url, head, 'RIFF', drip);
      expect(answer.status, drip ? 'a dripping body' : 'a stalled body').toBe(408);
      expect(answer.headers.connection).toBe('close');
      expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(answer.closedByServer).toBe(true);
    }
    expect(expectJson(await impatientApi.get(`/freejournal/${s.id}`, { token }), 200, sessionSchema)).toMatchObject({ content: '', version: 1 });
  });
}
