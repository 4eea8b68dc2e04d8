import type { ObservedResponse } from './client.js';

/** The parts of an OpenAPI 3.1 document {@link undeclaredAnswers} reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
}

interface Template {
  path: string;
  pattern: RegExp;
  literals: number;
  /** The variant whose last parameter spans segments (a `*rest` route's). */
  spanning: boolean;
}

/** `/freejournal/{id}` as a pattern over paths with empty segments dropped; a last `{param}` may span segments. */
function compile(path: string): Template[] {
  const segments = path.split('/').filter((s) => s !== '');
  const literals = segments.filter((s) => !s.startsWith('{')).length;
  const one = segments.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')));
  const templates = [{ path, pattern: new RegExp(`^/${one.join('/')}$`), literals, spanning: false }];
  if (segments.at(-1)?.startsWith('{') === true) {
    templates.push({ path, pattern: new RegExp(`^/${[...one.slice(0, -1), '.+'].join('/')}$`), literals, spanning: true });
  }
  return templates;
}

function decodable(path: string): boolean {
  try {
    path.split('/').forEach((segment) => decodeURIComponent(segment));
    return true;
  } catch {
    return false;
  }
}

/**
 * Every observed answer the document does not declare for its operation: a status
 * missing from the operation's `responses`, or a media type missing from that
 * response's `content`. Answers to paths the document does not know (a 404 for an
 * unknown route) and 405s (a method no operation has) are the router's, not an
 * operation's, and are left out. `HEAD` is checked as the `GET` it answers like.
 */
export function undeclaredAnswers(document: OpenApiDocument, observed: readonly ObservedResponse[]): string[] {
  const templates = Object.keys(document.paths).flatMap(compile);
  const problems = new Set<string>();
  for (const answer of observed) {
    const path = `/${answer.path.split('/').filter((s) => s !== '').join('/')}`;
    // A segment that is not valid percent-encoding matches no parameter: the router's 404, as for an unknown path.
    if (!decodable(path)) continue;
    const method = answer.method.toUpperCase() === 'HEAD' ? 'get' : answer.method.toLowerCase();
    // As the router matches: the most specific path that has the method, so `DELETE
    // /guided_journal/prompts` is `DELETE /guided_journal/{id}`, not the literal path's.
    // A path only a spanning variant matches, without the method, is no route's: the router's 404.
    const matching = templates.filter((t) => t.pattern.test(path)).sort((a, b) => b.literals - a.literals);
    const template = matching.find((t) => document.paths[t.path]?.[method] !== undefined) ?? matching.find((t) => !t.spanning);
    if (template === undefined || answer.status === 405) continue;
    const operation = document.paths[template.path]?.[method];
    const name = `${method.toUpperCase()} ${template.path} → ${answer.status}`;
    if (operation === undefined) {
      problems.add(`${name}: no such operation`);
      continue;
    }
    const response = operation.responses?.[String(answer.status)] ?? operation.responses?.[`${String(answer.status)[0]}XX`];
    if (response === undefined) {
      problems.add(`${name}: status not declared`);
      continue;
    }
    const headOnly = answer.method.toUpperCase() === 'HEAD' || answer.status === 204;
    if (!headOnly && answer.mediaType !== null && response.content?.[answer.mediaType] === undefined) {
      problems.add(`${name}: ${answer.mediaType} not declared (declared: ${Object.keys(response.content ?? {}).join(', ') || 'none'})`);
    }
  }
  return [...problems].sort();
}
