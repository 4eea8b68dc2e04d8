import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, expectNoContent, expectProblem, multipart, TestClient } from './client.js';
import type { ConformanceServer, ConformanceServerOptions } from './index.js';
import { makeWav } from '../audio.js';
import { harnessFor, type DatabaseHarness, type OpenedDatabase } from '../database/fixture.js';
import type { Pauz } from '../../pauz.js';
import { sessionSchema, voiceResultSchema } from '../../http/schemas.js';
import { DEFAULT_MAX_JSON_BYTES } from '../../http/handler.js';

/**
 * One host app: Pauz mounted behind middleware that may read the body first.
 *
 * @category Testing
 */
export interface HostUnderTest {
  /** Shown in the test names, for example `express.raw({ type: '*\/*' })`. */
  name: string;
  /** Starts the host app with its middleware and Pauz mounted under a path. */
  start(pauz: Pauz, options: ConformanceServerOptions): Promise<ConformanceServer>;
  /**
   * The host decodes binary bodies as text before Pauz sees them (a catch-all text
   * parser): recordings cannot be taken. The client is not at fault, so Pauz answers
   * 500 and logs why.
   */
  decodesAudioAsText?: boolean;
  /** The host's own validator answers malformed JSON itself (400, its own body). */
  answersMalformedJson?: boolean;
}

/**
 * The hosts of one adapter, with the database they share.
 *
 * @category Testing
 */
export interface HostMiddlewareUnderTest {
  /** The adapter, shown in the test names. */
  name: string;
  /** Opens an empty database for the Pauz instance the hosts mount. */
  open: () => Promise<OpenedDatabase> | OpenedDatabase;
  /** The host set-ups to run every case against, each with its own body-reading middleware. */
  hosts: HostUnderTest[];
}

// The suite's audio cap: small, so an over-the-cap recording is quick to send.
const AUDIO_CAP = 512 * 1024;

/**
 * Registers the host middleware suite: Pauz mounted after middleware that already
 * read the body (a host's JSON, raw, text, urlencoded or multipart parser, a
 * framework's body cache) still runs the JSON flows, takes recordings as multipart
 * and raw audio, and answers malformed, oversized and wrongly typed bodies with its
 * own problem+json — taking the body from the host, never from the drained stream.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../../docs/snippets/api/core/testing/http/cases-hosts.ts#example}
 */
export function testHostMiddleware(adapter: HostMiddlewareUnderTest): void {
  describe(`host middleware: ${adapter.name}`, () => {
    let opened: OpenedDatabase | undefined;
    let harness: DatabaseHarness | undefined;
    const servers: ConformanceServer[] = [];
    const clients = new Map<string, TestClient>();
    const logged: string[] = [];

    beforeAll(async () => {
      opened = await adapter.open();
      harness = harnessFor(opened.db, { limits: { audioBytes: AUDIO_CAP } });
      await harness.pauz.migrate();
      const logger = { error: (message: string, context: Record<string, unknown>) => void logged.push(`${message}: ${String((context.error as Error | undefined)?.message)}`) };
      const started = await Promise.all(adapter.hosts.map((host) => host.start((harness as DatabaseHarness).pauz, { logger })));
      servers.push(...started);
      adapter.hosts.forEach((host, i) => clients.set(host.name, new TestClient((started[i] as ConformanceServer).url)));
    });

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await opened?.close();
    });

    for (const host of adapter.hosts) {
      describe(host.name, () => {
        const api = (): TestClient => clients.get(host.name) as TestClient;
        const signUp = async (): Promise<string> => {
          const email = `host.${crypto.randomUUID()}@example.com`;
          const res = await api().post('/auth/register', { json: { email, password: 'correct horse battery' } });
          expect(res.status, res.text).toBe(201);
          return res.body.token as string;
        };

        it('runs the JSON flows: register, log in, create, save, read back', async () => {
          const email = `host.${crypto.randomUUID()}@example.com`;
          expect((await api().post('/auth/register', { json: { email, password: 'correct horse battery' } })).status).toBe(201);
          const login = await api().post('/auth/login', { json: { email, password: 'correct horse battery' } });
          expect(login.status, login.text).toBe(200);
          const token = login.body.token as string;
          const s = expectJson(await api().post('/freejournal/', { token, json: { title: 'Behind the host' } }), 201, sessionSchema);
          expect(s.title).toBe('Behind the host');
          const saved = expectJson(
            await api().post(`/freejournal/${s.id}/save`, { token, json: { content: 'Parsed “once” 🌻', baseVersion: 1 } }),
            200,
            sessionSchema,
          );
          expect(saved).toMatchObject({ content: 'Parsed “once” 🌻', version: 2 });
          expectProblem(await api().post(`/freejournal/${s.id}/save`, { token, json: { content: 'late', baseVersion: 1 } }), 409, 'VERSION_CONFLICT');
          expect(expectJson(await api().post('/freejournal', { token }), 201, sessionSchema).title).toBeTypeOf('string');
        });

        it(host.decodesAudioAsText === true ? 'cannot take recordings it decoded as text (500, the cause logged)' : 'takes recordings as multipart and as raw audio, and refuses them over the cap (413)', async () => {
          const token = await signUp();
          const s = expectJson(await api().post('/freejournal/', { token }), 201, sessionSchema);
          const wav = makeWav({ seconds: 0.1 });
          const uploads = [multipart(wav, 'audio/wav'), { body: wav, contentType: 'audio/wav' }, { body: wav, contentType: 'application/octet-stream' }];
          if (host.decodesAudioAsText === true) {
            for (const upload of uploads) {
              const before = logged.length;
              expectProblem(await api().post(`/freejournal/${s.id}/voice`, { token, raw: upload }), 500, 'INTERNAL');
              expect(logged.slice(before).join('\n')).toMatch(/text body parser.*bytes are lost/);
            }
            return;
          }
          for (const upload of uploads) {
            const result = expectJson(await api().post(`/freejournal/${s.id}/voice`, { token, raw: upload }), 201, voiceResultSchema);
            expect(result.recording).toMatchObject({ size: wav.byteLength, status: 'transcribed' });
          }
          const big = makeWav({ seconds: 20 });
          expect(big.byteLength).toBeGreaterThan(AUDIO_CAP);
          expectProblem(await api().post(`/freejournal/${s.id}/voice`, { token, raw: multipart(big, 'audio/wav') }), 413, 'PAYLOAD_TOO_LARGE');
          expectProblem(await api().post(`/freejournal/${s.id}/voice`, { token, raw: { body: big, contentType: 'audio/wav' } }), 413, 'PAYLOAD_TOO_LARGE');
          expectProblem(await api().post(`/freejournal/${s.id}/voice`, { token, raw: multipart(new TextEncoder().encode('not audio'), 'audio/wav') }), 415, 'UNSUPPORTED_MEDIA_TYPE');
        });

        it('answers malformed JSON 400, oversized JSON 413 and a wrong type 415, changing nothing', async () => {
          const token = await signUp();
          const s = expectJson(await api().post('/freejournal/', { token }), 201, sessionSchema);
          const malformed = await api().post(`/freejournal/${s.id}/save`, { token, raw: { body: '{"content": ', contentType: 'application/json' } });
          if (host.answersMalformedJson === true) expect(malformed.status).toBe(400);
          else expectProblem(malformed, 400, 'VALIDATION_FAILED');
          expectProblem(await api().post(`/freejournal/${s.id}/save`, { token, json: { content: 'y'.repeat(DEFAULT_MAX_JSON_BYTES + 100_000) } }), 413, 'PAYLOAD_TOO_LARGE');
          expectProblem(await api().post(`/freejournal/${s.id}/save`, { token, raw: { body: 'content=x', contentType: 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
          expectProblem(
            await api().post(`/freejournal/${s.id}/save`, { token, raw: { body: 'content=x', contentType: 'application/x-www-form-urlencoded' } }),
            415,
            'UNSUPPORTED_MEDIA_TYPE',
          );
          expect(expectJson(await api().get(`/freejournal/${s.id}`, { token }), 200, sessionSchema).version).toBe(1);
        });

        it("ignores a body the route does not read, whatever the host's parser made of it (204, 405: as if none was sent)", async () => {
          const token = await signUp();
          const s = expectJson(await api().post('/freejournal/', { token }), 201, sessionSchema);
          // JSON a strict parser refuses (not an object or array at the top), an encoding
          // and a charset no parser knows: none of it matters to a route that reads no body.
          const json = (body: string) => ({ body, contentType: 'application/json' });
          expectNoContent(await api().delete(`/freejournal/${s.id}`, { token, raw: json('false') }));
          expectProblem(await api().get(`/freejournal/${s.id}`, { token }), 404, 'NOT_FOUND');
          const other = expectJson(await api().post('/freejournal/', { token }), 201, sessionSchema);
          expectNoContent(await api().delete(`/freejournal/${other.id}`, { token, raw: json('1'), headers: { 'content-encoding': 'e1' } }));
          const options = await api().request('OPTIONS', '/garden/stats', { token, raw: json('null') });
          expectProblem(options, 405, 'METHOD_NOT_ALLOWED');
          expect(options.headers.get('allow')).toMatch(/\bGET\b/);
          expectProblem(await api().request('OPTIONS', '/garden/stats', { token, raw: json('{"a":') }), 405, 'METHOD_NOT_ALLOWED');
          expectProblem(await api().post('/no/such/route', { token, raw: json('false'), headers: { 'content-encoding': 'e1' } }), 404, 'NOT_FOUND');
          // Signed out, a route that would read the body answers 401 first (unless the host's own validator answers).
          if (host.answersMalformedJson !== true) expectProblem(await api().post(`/freejournal/${s.id}/save`, { raw: json('null') }), 401, 'UNAUTHENTICATED');
          expectNoContent(await api().post('/auth/logout', { token, raw: json('{}'), headers: { 'content-encoding': 'e1' } }));
          expectProblem(await api().get('/auth/me', { token }), 401, 'UNAUTHENTICATED');
        });

        it('reads valid JSON that is not an object as Pauz would, wherever the host parsed it (400 with field errors, not "malformed")', async () => {
          const token = await signUp();
          const s = expectJson(await api().post('/freejournal/', { token }), 201, sessionSchema);
          for (const body of ['false', '1', 'null', '"text"']) {
            const res = await api().post(`/freejournal/${s.id}/save`, { token, raw: { body, contentType: 'application/json' } });
            if (host.answersMalformedJson === true) {
              expect(res.status, `${body}: ${res.text}`).toBe(400);
              continue;
            }
            const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
            expect(problem.detail, body).not.toMatch(/Malformed/);
            expect(problem.errors, body).toEqual([expect.objectContaining({ field: '(body)' })]);
          }
          expect(expectJson(await api().get(`/freejournal/${s.id}`, { token }), 200, sessionSchema).version).toBe(1);
        });
      });
    }
  });
}
