import { expect } from 'vitest';
import type { AnyRoute } from '../../http/route.js';
import { makeWav } from '../audio.js';
import { type TestClient, expectJson } from './client.js';
import type { ConformanceContext } from './context.js';
import {
  flowerSchema,
  guidedJournalSchema,
  pdfExportSchema,
  sessionSchema,
  voiceResultSchema,
} from '../../http/schemas.js';

/** The kinds of thing a route path parameter names. */
export type ResourceKind = 'session' | 'recording' | 'guided' | 'flower' | 'pdf';

/**
 * What each path parameter of the route table names, by `<literal before it>/<param>`
 * or by the parameter alone. A route whose parameter is in neither fails the
 * ownership matrix until its kind is added here (with a fixture in
 * {@link createOwned}), so no id-taking route can go unprobed.
 */
export const PARAM_RESOURCES: Readonly<Record<string, ResourceKind>> = {
  'freejournal/:id': 'session',
  'guided_journal/:id': 'guided',
  'garden/:id': 'flower',
  ':recordingId': 'recording',
  'pdf/*key': 'pdf',
};

/** One path parameter of a route, with what it names (`undefined`: not known). */
export interface RouteParam {
  /** The segment as written in the path: `:id`, `*key`. */
  segment: string;
  name: string;
  kind: ResourceKind | undefined;
}

/** The path parameters of a route with the kind each names. */
export function routeParams(route: Pick<AnyRoute, 'path'>): RouteParam[] {
  const segments = route.path.split('/').filter((s) => s !== '');
  return segments.flatMap((segment, i) => {
    if (!segment.startsWith(':') && !segment.startsWith('*')) return [];
    const before = segments[i - 1];
    const kind = PARAM_RESOURCES[`${before}/${segment}`] ?? PARAM_RESOURCES[segment];
    return [{ segment, name: segment.slice(1), kind }];
  });
}

/** A user with one of everything, each holding text of theirs. */
export interface Owned {
  token: string;
  userId: string;
  email: string;
  session: string;
  recording: string;
  guided: string;
  flower: string;
  /** The signed link of the session's exported PDF. */
  pdf: { key: string; url: string; /** The link's query (expiry, signature, version…) as signed. */ query: Array<[string, string]> };
}

/** The value a route parameter takes for a resource of `owned`. */
export function paramValue(owned: Owned, kind: ResourceKind): string {
  return kind === 'pdf' ? owned.pdf.key : owned[kind];
}

/**
 * Registers a user and gives them a session with saved text and a hint, a
 * transcribed recording on it, a guided journal with an answer, a flower on the
 * session and an exported PDF — all over HTTP.
 */
export async function createOwned(c: ConformanceContext, api: TestClient = c.api): Promise<Owned> {
  const { token, userId, email } = await c.register();
  const secret = `secret-${crypto.randomUUID()}`;
  const session = expectJson(await api.post('/freejournal/', { token, json: { title: `Private ${secret}` } }), 201, sessionSchema);
  expectJson(await api.post(`/freejournal/${session.id}/save`, { token, json: { content: `Dear diary, ${secret}.`, hints: [`Why ${secret}?`] } }), 200, sessionSchema);
  c.transcription.mode = 'ok';
  const voice = expectJson(
    await api.post(`/freejournal/${session.id}/voice`, { token, raw: { body: makeWav({ seconds: 0.1 }), contentType: 'audio/wav' } }),
    201,
    voiceResultSchema,
  );
  const guided = expectJson(await api.post('/guided_journal/', { token, json: { topic: 'mind' } }), 201, guidedJournalSchema);
  expectJson(await api.put(`/guided_journal/${guided.id}`, { token, json: { entries: [{ promptId: 1, response: `I think ${secret}` }] } }), 200, guidedJournalSchema);
  const flower = expectJson(await api.post('/garden/', { token, json: { mood: 'calm', note: `note ${secret}`, sessionId: session.id } }), 201, flowerSchema);
  const exported = expectJson(await api.post(`/freejournal/${session.id}/export`, { token }), 201, pdfExportSchema);
  const link = new URL(exported.url);
  expect(link.pathname.endsWith(`/files/pdf/${exported.key.split('/').map(encodeURIComponent).join('/')}`), exported.url).toBe(true);
  return {
    token,
    userId,
    email,
    session: session.id,
    recording: voice.recording.id,
    guided: guided.id,
    flower: flower.id,
    pdf: { key: exported.key, url: exported.url, query: [...link.searchParams] },
  };
}
