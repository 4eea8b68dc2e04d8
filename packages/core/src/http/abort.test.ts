import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HintRequest, Writer } from '../ai/types.js';
import { localWriter } from '../ai/local-writer.js';
import type { PauzDatabase } from '../db/schema.js';
import { createPauz } from '../pauz.js';
import { memoryPdfStore } from '../pdf-store/memory.js';
import { createSqliteDatabase } from '../sqlite.js';
import { memoryBuckets } from '../storage/memory.js';
import { TEST_LINK_SECRET, TEST_PASSWORD_HASHER } from '../testing/database/fixture.js';
import { abortedError } from '../upstream.js';
import { createPauzFetch } from './fetch.js';

/** How the Writer under test reacts when the request's signal aborts. */
let onAbort: (request: HintRequest) => unknown = () => undefined;
let called: () => void = () => undefined;

const writer: Writer = {
  ...localWriter(),
  hint: (request) =>
    new Promise((_, reject) => {
      request.signal?.addEventListener('abort', () => reject(onAbort(request)), { once: true });
      called();
    }),
};

describe('the HTTP layer when the client goes away', () => {
  let db: PauzDatabase;
  const logs: Array<{ message: string; context: Record<string, unknown> }> = [];
  let handle: (request: Request) => Promise<Response>;
  let token = '';
  let sessionId = '';

  beforeAll(async () => {
    db = createSqliteDatabase();
    const pdfs = memoryPdfStore({ secret: TEST_LINK_SECRET, publicBaseUrl: 'http://127.0.0.1' });
    const pauz = createPauz({ db, buckets: memoryBuckets(), pdfs, writer, passwordHasher: TEST_PASSWORD_HASHER });
    await pauz.migrate();
    const auth = await pauz.accounts.register({ email: 'gone@example.com', password: 'correct horse battery' });
    token = auth.token;
    sessionId = (await pauz.freeJournal.create(auth.user.id)).id;
    handle = createPauzFetch(pauz, { logger: { error: (message, context) => logs.push({ message, context }) } });
  });
  afterAll(() => db.destroy());

  /** Asks for a hint and aborts the request once the Writer was called. */
  async function abandonedHint(): Promise<Response> {
    const client = new AbortController();
    const writing = new Promise<void>((resolve) => {
      called = resolve;
    });
    const answer = handle(
      new Request(`http://pauz.test/freejournal/${sessionId}/hints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
        signal: client.signal,
      }),
    );
    await writing;
    client.abort(new Error('client gone'));
    return answer;
  }

  it('answers an aborted call ABORTED (499, read by nobody) and logs nothing', async () => {
    logs.length = 0;
    onAbort = (request) => abortedError('writer: hint', request.signal);
    const response = await abandonedHint();
    expect(response.status).toBe(499);
    expect(await response.json()).toMatchObject({ code: 'ABORTED' });
    expect(logs).toEqual([]);
  });

  it('logs a failure of something that does not know the signal in one line, without a stack', async () => {
    logs.length = 0;
    onAbort = () => new Error('socket hang up');
    const response = await abandonedHint();
    expect(response.status).toBe(499);
    expect(logs).toEqual([{ message: 'request failed after the client went away', context: { error: 'socket hang up' } }]);
  });
});
