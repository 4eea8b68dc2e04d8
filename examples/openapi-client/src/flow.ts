/**
 * A client program written only against the types openapi-typescript generated from
 * Pauz's `/openapi.json`: it knows nothing of Pauz but the document. It walks every
 * route group with openapi-fetch, the happy paths and the problems a client must
 * handle (401, 404, 400 with `errors`, 409 with `currentVersion`, 415, 429 with
 * `retryAfterSeconds`, 502 with `recordingId`, 503 health).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/pauz-api.js';

type Problem = components['schemas']['Problem'];

/** Ways to make the server's stores fail, so the flow meets the statuses that follow. */
export interface FlowHooks {
  failNextTranscription(): void;
  restoreTranscription(): void;
  failNextHealthCheck(): void;
  failNextHintRead(): void;
}

/** What the flow needs. */
export interface FlowOptions {
  /** The API's base URL (where `openapi.json` is served from, without it). */
  baseUrl: string;
  /** Middleware to install on every client (the response check). */
  middleware: Middleware[];
  hooks: FlowHooks;
  /** A short WAV recording to upload. */
  wav: Uint8Array;
}

interface Result<T, E> {
  data?: T;
  error?: E;
  response: Response;
}

// Plain checks instead of node:assert: the program needs nothing but fetch.
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function same(actual: unknown, expected: unknown, message = ''): void {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  check(a === e, `${message}${message === '' ? '' : ': '}expected ${e}, got ${a}`);
}

const assert = {
  equal: same,
  deepEqual: same,
  ok: (condition: boolean, message = 'expected true'): void => check(condition, message),
  match: (value: string, pattern: RegExp): void => check(pattern.test(value), `${JSON.stringify(value)} does not match ${pattern}`),
};

function ok<T, E>(result: Result<T, E>, status: number): T {
  assert.equal(result.response.status, status, `${result.response.url}: ${JSON.stringify(result.error)}`);
  check(result.data !== undefined, `${result.response.url}: no body`);
  return result.data;
}

function empty<T, E>(result: Result<T, E>, status: number): void {
  assert.equal(result.response.status, status, `${result.response.url}: ${JSON.stringify(result.error)}`);
}

function problem<T, E>(result: Result<T, E>, status: number, code: Problem['code']): Problem {
  assert.equal(result.response.status, status, result.response.url);
  assert.match(result.response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = result.error as Problem;
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  return body;
}

/** Runs the flow; throws at the first surprise (a failed check, or the middleware's error). */
export async function runFlow({ baseUrl, middleware, hooks, wav }: FlowOptions): Promise<void> {
  const client = (token?: string): ReturnType<typeof createClient<paths>> => {
    const c = createClient<paths>({ baseUrl, ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }) });
    for (const m of middleware) c.use(m);
    return c;
  };
  const anonymous = client();

  // Meta: health (and its 503), this document, the public topic list.
  assert.equal(ok(await anonymous.GET('/health'), 200).status, 'ok');
  hooks.failNextHealthCheck();
  const sick = await anonymous.GET('/health');
  assert.equal(sick.response.status, 503);
  assert.equal((sick.error as components['schemas']['Health']).checks['smartbucket:hints']?.status, 'error');
  assert.equal(ok(await anonymous.GET('/openapi.json'), 200).openapi, '3.1.0');
  assert.equal(ok(await anonymous.GET('/guided_journal/topics'), 200).items.length, 10);

  // Auth.
  const email = `flow.${crypto.randomUUID()}@example.com`;
  const password = 'correct horse battery';
  const registered = ok(await anonymous.POST('/auth/register', { body: { email, password, name: 'Flow' } }), 201);
  assert.equal(registered.user.email, email);
  problem(await anonymous.POST('/auth/register', { body: { email, password } }), 409, 'EMAIL_TAKEN');
  const invalid = problem(await anonymous.POST('/auth/register', { body: { email: 'not an email', password: 'short' } }), 400, 'VALIDATION_FAILED');
  assert.deepEqual(invalid.errors?.map((e) => e.field).sort(), ['email', 'password']);
  problem(await anonymous.POST('/auth/login', { body: { email, password: 'wrong password' } }), 401, 'INVALID_CREDENTIALS');
  const { token } = ok(await anonymous.POST('/auth/login', { body: { email, password } }), 200);
  const me = client(token);
  assert.equal(ok(await me.GET('/auth/me'), 200).user.id, registered.user.id);
  problem(await anonymous.GET('/auth/me'), 401, 'UNAUTHENTICATED');
  const stranger = `nobody.${crypto.randomUUID()}@example.com`;
  for (let i = 0; i < 2; i++) problem(await anonymous.POST('/auth/login', { body: { email: stranger, password } }), 401, 'INVALID_CREDENTIALS');
  const limited = problem(await anonymous.POST('/auth/login', { body: { email: stranger, password } }), 429, 'RATE_LIMITED');
  assert.ok((limited.retryAfterSeconds ?? 0) > 0);

  // Free journal: a POST without a body, listing, saving, a version conflict.
  const untitled = ok(await me.POST('/freejournal'), 201);
  assert.equal(untitled.version, 1);
  const session = ok(await me.POST('/freejournal', { body: { title: 'By the river' } }), 201);
  const page = ok(await me.GET('/freejournal', { params: { query: { limit: 1 } } }), 200);
  const onThisDay = ok(await me.GET('/freejournal/on-this-day', { params: { query: { tz: 'Europe/Paris' } } }), 200);
  assert.deepEqual(onThisDay.items, []); // nothing written in earlier years
  problem(await me.GET('/freejournal/on-this-day', { params: { query: { tz: 'Mars/Olympus' } } }), 400, 'VALIDATION_FAILED');
  assert.equal(page.items.length, 1);
  assert.equal(typeof page.nextCursor, 'string');
  assert.equal(ok(await me.GET('/freejournal/{id}', { params: { path: { id: session.id } } }), 200).title, 'By the river');
  problem(await me.GET('/freejournal/{id}', { params: { path: { id: crypto.randomUUID() } } }), 404, 'NOT_FOUND');
  const saved = ok(
    await me.POST('/freejournal/{id}/save', {
      params: { path: { id: session.id } },
      body: { content: 'The water was loud today.', hints: ['What did you hear?'], baseVersion: session.version },
    }),
    200,
  );
  assert.equal(saved.version, session.version + 1);
  const conflict = problem(
    await me.POST('/freejournal/{id}/save', { params: { path: { id: session.id } }, body: { content: 'Stale', baseVersion: session.version } }),
    409,
    'VERSION_CONFLICT',
  );
  assert.equal(conflict.currentVersion, saved.version);
  const badSave = problem(
    await me.POST('/freejournal/{id}/save', { params: { path: { id: session.id } }, body: { content: 42 as unknown as string } }),
    400,
    'VALIDATION_FAILED',
  );
  assert.equal(badSave.errors?.[0]?.field, 'content');

  // Hints: generated without a body, listed, and a failing bucket read.
  const hint = ok(await me.POST('/freejournal/{id}/hints', { params: { path: { id: session.id } } }), 201);
  assert.equal(hint.source, 'writer');
  const hints = ok(await me.GET('/freejournal/{id}/hints', { params: { path: { id: session.id } } }), 200);
  assert.deepEqual(hints.items.map((h) => h.source).sort(), ['client', 'writer']);
  hooks.failNextHintRead();
  problem(await me.GET('/freejournal/{id}/hints', { params: { path: { id: session.id } } }), 502, 'SMARTBUCKET_FAILED');

  // Voice: a multipart upload, a raw audio body whose transcription fails, the retry.
  const audio = new Blob([new Uint8Array(wav)], { type: 'audio/wav' });
  const voiced = ok(
    await me.POST('/freejournal/{id}/voice', {
      params: { path: { id: session.id } },
      body: { audio },
      bodySerializer: (body) => {
        const form = new FormData();
        form.append('audio', body instanceof Blob ? body : body.audio, 'note.wav');
        return form;
      },
    }),
    201,
  );
  assert.equal(voiced.recording.status, 'transcribed');
  assert.match(voiced.session.content, /river/);
  hooks.failNextTranscription();
  const failed = problem(
    await me.POST('/freejournal/{id}/voice', {
      params: { path: { id: session.id } },
      body: audio,
      headers: { 'content-type': 'audio/wav' },
      bodySerializer: (body) => body,
    }),
    502,
    'TRANSCRIPTION_FAILED',
  );
  hooks.restoreTranscription();
  assert.equal(typeof failed.recordingId, 'string');
  const retried = ok(
    await me.POST('/freejournal/{id}/voice/{recordingId}/transcribe', {
      params: { path: { id: session.id, recordingId: failed.recordingId ?? '' } },
    }),
    200,
  );
  assert.equal(retried.recording.status, 'transcribed');

  // Recordings: listed with status and transcript, the audio served back as it was uploaded.
  const recordings = ok(await me.GET('/freejournal/{id}/recordings', { params: { path: { id: session.id } } }), 200);
  assert.deepEqual(recordings.items.map((r) => r.status), ['transcribed', 'transcribed']);
  assert.equal(recordings.items[1]?.id, failed.recordingId);
  const played = ok(
    await me.GET('/freejournal/{id}/recordings/{recordingId}/audio', {
      params: { path: { id: session.id, recordingId: voiced.recording.id } },
      parseAs: 'blob',
    }),
    200,
  );
  assert.equal(played.size, wav.byteLength);

  // Reflection plants the session's flower.
  const reflection = ok(await me.POST('/freejournal/{id}/reflect', { params: { path: { id: session.id } } }), 200);
  assert.equal(reflection.flower.sessionId, session.id);

  // Export, then download through the signed link; a tampered link is a 404.
  const freeExport = ok(await me.POST('/freejournal/{id}/export', { params: { path: { id: session.id } } }), 201);
  await download(anonymous, baseUrl, freeExport.url);

  // Guided journal.
  const prompts = ok(await me.POST('/guided_journal/prompts', { body: { topic: 'joy' } }), 200);
  assert.equal(prompts.prompts.length, 9);
  const journal = ok(
    await me.POST('/guided_journal', {
      body: { topic: 'joy', prompts: prompts.prompts, entries: [{ promptId: 1, response: 'Morning light.' }] },
    }),
    201,
  );
  const guidedPage = ok(await me.GET('/guided_journal', { params: { query: { topic: 'joy' } } }), 200);
  assert.deepEqual(guidedPage.items.map((j) => j.id), [journal.id]);
  assert.equal(ok(await me.GET('/guided_journal/{id}', { params: { path: { id: journal.id } } }), 200).entries.length, 1);
  const updated = ok(
    await me.PUT('/guided_journal/{id}', {
      params: { path: { id: journal.id } },
      body: { entries: [{ promptId: 1, response: 'Morning light.' }, { promptId: 2, response: 'Tea.' }], baseVersion: journal.version },
    }),
    200,
  );
  const guidedConflict = problem(
    await me.PUT('/guided_journal/{id}', { params: { path: { id: journal.id } }, body: { entries: [], baseVersion: journal.version } }),
    409,
    'VERSION_CONFLICT',
  );
  assert.equal(guidedConflict.currentVersion, updated.version);
  const guidedExport = ok(await me.POST('/guided_journal/{id}/export', { params: { path: { id: journal.id } } }), 201);
  await download(anonymous, baseUrl, guidedExport.url);
  empty(await me.DELETE('/guided_journal/{id}', { params: { path: { id: journal.id } } }), 204);
  problem(await me.GET('/guided_journal/{id}', { params: { path: { id: journal.id } } }), 404, 'NOT_FOUND');

  // Garden and stats.
  const flower = ok(await me.POST('/garden', { body: { mood: 'grateful', note: 'Tea with a friend' } }), 201);
  problem(await me.POST('/garden', { body: { mood: 'calm', sessionId: crypto.randomUUID() } }), 404, 'NOT_FOUND');
  const garden = ok(await me.GET('/garden', { params: { query: { from: '2000-01-01' } } }), 200);
  assert.ok(garden.items.some((f) => f.id === flower.id));
  const stats = ok(await me.GET('/garden/stats', { params: { query: { tz: 'Europe/Paris' } } }), 200);
  assert.equal(stats.total, garden.items.length);
  empty(await me.DELETE('/garden/{id}', { params: { path: { id: flower.id } } }), 204);
  const overview = ok(await me.GET('/stats/overview'), 200);
  assert.equal(overview.freeJournals, 2);

  // The book of everything written, downloaded like any export; a body is optional; a reversed range is a 400.
  const book = ok(await me.POST('/export/book', { body: { tz: 'Europe/Paris', locale: 'fr-FR' } }), 201);
  assert.ok(book.key.endsWith('/book.pdf'));
  await download(anonymous, baseUrl, book.url);
  assert.equal(ok(await me.POST('/export/book'), 201).key, book.key);
  problem(await me.POST('/export/book', { body: { from: '2026-02-01', to: '2026-01-01' } }), 400, 'VALIDATION_FAILED');
  // The whole account as a zip; importing it back brings nothing new (it is all there); a body that is not a zip is refused.
  const exported = ok(await me.GET('/account/export', { parseAs: 'blob' }), 200);
  const zip = new Blob([await exported.arrayBuffer()], { type: 'application/zip' });
  assert.equal(new TextDecoder().decode(await zip.slice(0, 2).arrayBuffer()), 'PK');
  const report = ok(await me.POST('/account/import', { body: zip, headers: { 'content-type': 'application/zip' }, bodySerializer: (body) => body }), 200);
  assert.equal(report.format, 'pauz-export');
  assert.deepEqual(report.imported, { freeJournals: 0, guidedJournals: 0, hints: 0, recordings: 0, flowers: 0 });
  problem(
    await me.POST('/account/import', { body: zip, headers: { 'content-type': 'text/plain' }, bodySerializer: (body) => body }),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
  );

  // Search: by words, case- and accent-insensitively, over the user's own writing.
  const found = ok(await me.GET('/search', { params: { query: { q: 'WATER lóud', kind: 'free' } } }), 200);
  assert.equal(found.items[0]?.id, session.id);
  assert.ok(found.items[0]?.snippet.includes('water') === true);
  assert.equal(found.mode, 'text');
  problem(await me.GET('/search', { params: { query: { q: '   ' } } }), 400, 'VALIDATION_FAILED');

  // Deleting a session; logging out; deleting the account.
  empty(await me.DELETE('/freejournal/{id}', { params: { path: { id: untitled.id } } }), 204);
  empty(await me.POST('/auth/logout'), 204);
  problem(await me.GET('/auth/me'), 401, 'UNAUTHENTICATED');
  const again = client(ok(await anonymous.POST('/auth/login', { body: { email, password } }), 200).token);
  empty(await again.DELETE('/auth/me'), 204);
  problem(await anonymous.POST('/auth/login', { body: { email, password } }), 401, 'INVALID_CREDENTIALS');
}

/** Downloads an export through the typed client, from the parts of its signed link. */
async function download(client: ReturnType<typeof createClient<paths>>, baseUrl: string, url: string): Promise<void> {
  const prefix = `${baseUrl}/files/pdf/`;
  assert.ok(url.startsWith(prefix), `${url} is not below ${prefix}`);
  const link = new URL(url);
  const key = decodeURIComponent(link.pathname.slice(new URL(prefix).pathname.length));
  const query = {
    expires: link.searchParams.get('expires') ?? '',
    version: link.searchParams.get('version') ?? '',
    signature: link.searchParams.get('signature') ?? '',
  };
  const pdf = ok(await client.GET('/files/pdf/{key}', { params: { path: { key }, query }, parseAs: 'blob' }), 200);
  assert.equal(new TextDecoder().decode(await pdf.slice(0, 5).arrayBuffer()), '%PDF-');
  const tampered = { ...query, signature: query.signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) };
  problem(await client.GET('/files/pdf/{key}', { params: { path: { key }, query: tampered }, parseAs: 'blob' }), 404, 'NOT_FOUND');
}
