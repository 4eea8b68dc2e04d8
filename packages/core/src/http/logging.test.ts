import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Writer } from '../ai/types.js';
import { localWriter } from '../ai/local-writer.js';
import type { PauzDatabase } from '../db/schema.js';
import { PauzError } from '../errors.js';
import type { PauzLogger } from '../logger.js';
import { createPauz } from '../pauz.js';
import { memoryPdfStore } from '../pdf-store/memory.js';
import { createSqliteDatabase } from '../sqlite.js';
import { memoryBuckets } from '../storage/memory.js';
import { TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from '../testing/database/fixture.js';
import { createPauzHttp, type PauzHttp } from './handler.js';
import type { HttpRequest } from './types.js';

type Line = { level: 'error' | 'warn'; message: string; context: Record<string, unknown> };

// A Writer failing the way an upstream adapter reports it: a safe message, the upstream's words in the cause.
const writer: Writer = {
  ...localWriter(),
  hint: () =>
    Promise.reject(
      new PauzError('WRITER_FAILED', 'Some writer: hint failed: HTTP 500', {
        details: { service: 'Some writer', operation: 'hint', status: 500, endpoint: 'llm.internal:8443/v1/chat' },
        cause: new Error('stack at /srv/llm/app.py line 9'),
      }),
    ),
};

/** A request whose body fails as a Node request does when its client hangs up mid-upload. */
function hungUp(path: string, token: string): HttpRequest {
  const reset = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
  async function* body(): AsyncGenerator<Uint8Array> {
    yield new TextEncoder().encode('{"content":"half a');
    throw reset;
  }
  return {
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: new Headers({ authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': '5000' }),
    body: { kind: 'stream', stream: body() },
    raw: null,
  };
}

describe('what the HTTP layer logs', () => {
  let db: PauzDatabase;
  const lines: Line[] = [];
  let http: PauzHttp;
  let errorOnly: PauzHttp;
  const errorOnlyLines: Line[] = [];
  let token = '';
  let sessionId = '';

  beforeAll(async () => {
    db = createSqliteDatabase();
    const pdfs = memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1' });
    const pauz = createPauz({ db, buckets: memoryBuckets(), pdfs, writer, passwordHasher: TEST_PASSWORD_HASHER });
    await pauz.migrate();
    const auth = await pauz.accounts.register({ email: 'logs@example.com', password: 'correct horse battery' });
    token = auth.token;
    sessionId = (await pauz.freeJournal.create(auth.user.id)).id;
    const logger: PauzLogger = {
      error: (message, context) => lines.push({ level: 'error', message, context }),
      warn: (message, context) => lines.push({ level: 'warn', message, context }),
    };
    http = createPauzHttp(pauz, { logger });
    errorOnly = createPauzHttp(pauz, { logger: { error: (message, context) => errorOnlyLines.push({ level: 'error', message, context }) } });
  });
  afterAll(() => db.destroy());

  it('logs a client that hung up mid-upload as one short warning, no stack, no "unexpected error"', async () => {
    lines.length = 0;
    const response = await http.handle(hungUp(`/freejournal/${sessionId}/save`, token));
    expect(response.status).toBe(499);
    expect(lines).toEqual([{ level: 'warn', message: 'request failed after the client went away', context: { error: 'aborted' } }]);
    // A logger without warn still gets the one short line.
    await errorOnly.handle(hungUp(`/freejournal/${sessionId}/save`, token));
    expect(errorOnlyLines.map((line) => line.message)).toEqual(['request failed after the client went away']);
    expect(JSON.stringify(errorOnlyLines)).not.toContain('    at ');
  });

  it("logs an upstream failure with what the upstream said and where it is; the answer names only service, operation and status", async () => {
    lines.length = 0;
    const response = await http.handle({ ...hungUp(`/freejournal/${sessionId}/hints`, token), body: { kind: 'parsed', value: {} } });
    expect(response.status).toBe(502);
    const body = JSON.parse(String(response.body)) as { detail: string };
    expect(body.detail).toBe('Some writer: hint failed: HTTP 500');
    expect(String(response.body)).not.toContain('llm.internal');
    expect(String(response.body)).not.toContain('/srv/llm');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', message: 'upstream failure', context: { code: 'WRITER_FAILED', details: { endpoint: 'llm.internal:8443/v1/chat' } } });
    expect(String(lines[0]?.context.reason)).toContain('/srv/llm/app.py');
  });
});
