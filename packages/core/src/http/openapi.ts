import type * as z from 'zod';
import { loginInputSchema, registerInputSchema } from '../accounts/schemas.js';
import type { PauzErrorCode } from '../errors.js';
import { bookExportInputSchema } from '../export/book.js';
import { exportInputSchema } from '../export/exports.js';
import { createSessionInputSchema, saveSessionInputSchema } from '../free-journal/schemas.js';
import { addFlowerInputSchema } from '../garden/schemas.js';
import { createGuidedJournalInputSchema, guidedPromptsInputSchema, updateGuidedJournalInputSchema } from '../guided/schemas.js';
import { generateHintInputSchema } from '../hints/hints.js';
import { reflectInputSchema } from '../reflection/reflect.js';
import { buildComponents, type Components, SCHEMA_REF_PREFIX, type SchemaUse } from './openapi-components.js';
import { STATUS_BY_CODE } from './problem.js';
import type { AnyRoute, RouteResponse } from './route.js';
import { problemSchema } from './schemas.js';

type JsonObject = Record<string, unknown>;

/** Options of {@link buildOpenApi}. */
export interface OpenApiOptions {
  title: string;
  version: string;
  /**
   * `servers` of the document. Default `[{ url: '.' }]`: relative to where the
   * document is served, which is the API's mount point whatever the base path.
   */
  servers?: Array<{ url: string; description?: string }>;
}

// Request schemas live next to their services; their component names live here.
const REQUEST_NAMES = new Map<z.ZodType, string>([
  [registerInputSchema, 'RegisterInput'],
  [loginInputSchema, 'LoginInput'],
  [createSessionInputSchema, 'CreateSessionInput'],
  [saveSessionInputSchema, 'SaveSessionInput'],
  [generateHintInputSchema, 'GenerateHintInput'],
  [reflectInputSchema, 'ReflectInput'],
  [exportInputSchema, 'ExportInput'],
  [bookExportInputSchema, 'BookExportInput'],
  [guidedPromptsInputSchema, 'GuidedPromptsInput'],
  [createGuidedJournalInputSchema, 'CreateGuidedJournalInput'],
  [updateGuidedJournalInputSchema, 'UpdateGuidedJournalInput'],
  [addFlowerInputSchema, 'AddFlowerInput'],
]);

const TAG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  auth: 'Built-in accounts and bearer tokens (off when the host app authenticates users itself).',
  'free journal': 'Free-form sessions: content, writing hints, voice recordings and reflection.',
  export: 'PDF exports and the signed links they are downloaded from.',
  'guided journal': 'Prompted journals on ten topics, kept as complete documents in the guided-journals SmartBucket.',
  garden: 'A flower for every mood entry, with streaks and a calendar.',
  stats: 'Counts across everything a user wrote.',
  account: 'The whole account as a zip, and the import of one (or of a Day One export).',
  search: "Full-text search over the user's own writing, merged with SmartBucket semantic search where offered.",
  meta: 'Health checks and this document.',
};

const PROBLEM_HEADERS: Partial<Record<number, JsonObject>> = {
  401: { 'WWW-Authenticate': { description: 'The authentication scheme: `Bearer`', schema: { type: 'string' } } },
  429: { 'Retry-After': { description: 'Seconds until the next attempt may succeed', schema: { type: 'integer' } } },
};

const BINARY = { type: 'string', format: 'binary' };

/**
 * The route's operation name, camel-cased: `freeJournal.save` → `freeJournalSave`,
 * so the document's operations and `@pauz/client`'s methods (`client.freeJournal.save`)
 * have the same names.
 */
export function operationIdOf(route: Pick<AnyRoute, 'operation'>): string {
  return route.operation.replace(/\.(\w)/g, (_, first: string) => first.toUpperCase());
}

/** The OpenAPI path of a route: `{name}` parameters, no trailing slash (the route table ignores it). */
function openApiPath(path: string): string {
  const templated = path.replace(/[:*](\w+)/g, '{$1}');
  return templated.length > 1 ? templated.replace(/\/+$/, '') : templated;
}

function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

function schemaUses(route: AnyRoute): { body?: SchemaUse; query?: SchemaUse; responses: Array<SchemaUse | undefined> } {
  const name = pascal(operationIdOf(route));
  const response = (r: RouteResponse, i: number): SchemaUse | undefined =>
    r.schema === undefined ? undefined : { schema: r.schema, io: 'output', name: `${name}Response${i === 0 ? '' : r.status}` };
  return {
    ...(route.body ? { body: { schema: route.body, io: 'input', name: REQUEST_NAMES.get(route.body) ?? `${name}Body` } } : {}),
    ...(route.query ? { query: { schema: route.query, io: 'input', name: `${name}Query`, inline: true } } : {}),
    responses: [route.success, ...(route.responses ?? [])].map(response),
  };
}

function problemResponse(description: string, status: number): JsonObject {
  const headers = PROBLEM_HEADERS[status];
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/problem+json': { schema: { $ref: `${SCHEMA_REF_PREFIX}Problem` } } },
  };
}

function responseObject(response: RouteResponse, use: SchemaUse | undefined, components: Components): JsonObject {
  if (response.contentType !== undefined) {
    const types = typeof response.contentType === 'string' ? [response.contentType] : response.contentType;
    return { description: response.description, content: Object.fromEntries(types.map((type) => [type, { schema: BINARY }])) };
  }
  if (use === undefined) return { description: response.description };
  return { description: response.description, content: { 'application/json': { schema: components.ref(use) } } };
}

/** The error codes a route may answer with: its own and those its shape implies. */
function errorCodes(route: AnyRoute): Set<PauzErrorCode> {
  const codes = new Set<PauzErrorCode>();
  if (route.auth) codes.add('UNAUTHENTICATED');
  // Uploads are validated too (a malformed form, a transcript that would not fit).
  if (route.body || route.query || route.rawBody) codes.add('VALIDATION_FAILED');
  if (route.body || route.rawBody) (['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'REQUEST_TIMEOUT'] as const).forEach((c) => codes.add(c));
  if (/[:*]/.test(route.path)) codes.add('NOT_FOUND');
  for (const code of route.errors ?? []) codes.add(code as PauzErrorCode);
  codes.add('INTERNAL');
  return codes;
}

function operation(route: AnyRoute, components: Components): JsonObject {
  const uses = schemaUses(route);
  const responses: JsonObject = {};
  [route.success, ...(route.responses ?? [])].forEach((response, i) => {
    responses[String(response.status)] = responseObject(response, uses.responses[i], components);
  });
  const byStatus = new Map<number, PauzErrorCode[]>();
  for (const code of errorCodes(route)) byStatus.set(STATUS_BY_CODE[code], [...(byStatus.get(STATUS_BY_CODE[code]) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = problemResponse(codes.join(', '), status);
  }

  const parameters: JsonObject[] = [];
  for (const match of route.path.matchAll(/([:*])(\w+)/g)) {
    const wildcard = match[1] === '*';
    parameters.push({
      name: match[2],
      in: 'path',
      required: true,
      ...(wildcard ? { description: 'The rest of the path; may contain `/` (send it percent-encoded or as is)' } : {}),
      schema: { type: 'string' },
    });
  }
  if (uses.query) {
    const schema = components.inline(uses.query);
    const required = new Set((schema.required ?? []) as string[]);
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonObject>)) {
      const { description, ...rest } = property;
      parameters.push({ name, in: 'query', required: required.has(name), ...(description === undefined ? {} : { description }), schema: rest });
    }
  }

  const op: JsonObject = { operationId: operationIdOf(route), summary: route.summary, tags: [route.tag] };
  if (parameters.length > 0) op.parameters = parameters;
  if (uses.body && route.body) {
    // The handler reads a missing body as `{}`: a schema that accepts `{}` makes the body optional.
    const required = !route.body.safeParse({}).success;
    op.requestBody = { required, content: { 'application/json': { schema: components.ref(uses.body) } } };
  }
  if (route.rawBody) op.requestBody = route.rawBody;
  op.responses = responses;
  op.security = route.auth ? [{ bearer: [] }] : [];
  return op;
}

/**
 * The OpenAPI 3.1 document of `routes`, generated from the same zod schemas that
 * validate requests and describe responses. Shared schemas live once under
 * `components.schemas`; every `$ref` points there.
 */
export function buildOpenApi(routes: readonly AnyRoute[], options: OpenApiOptions): JsonObject {
  const problemUse: SchemaUse = { schema: problemSchema, io: 'output', name: 'Problem' };
  const uses = routes.flatMap((route) => {
    const { body, query, responses } = schemaUses(route);
    return [body, query, ...responses].filter((use): use is SchemaUse => use !== undefined);
  });
  const components = buildComponents([...uses, problemUse]);

  const paths: Record<string, JsonObject> = {};
  const operationIds = new Set<string>();
  const tags: string[] = [];
  for (const route of routes) {
    const op = operation(route, components);
    const id = op.operationId as string;
    if (operationIds.has(id)) throw new Error(`OpenAPI: two routes have the operationId ${id}`);
    operationIds.add(id);
    if (!tags.includes(route.tag)) tags.push(route.tag);
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: options.version,
      description: [
        'Pauz journaling API. Errors are RFC 9457 `application/problem+json` documents with a stable `code`.',
        // A 405 belongs to no operation (it answers the methods that are not one), so it is said here once.
        'Every `GET` operation also answers `HEAD` (the same status and headers, no body). A method a path does not serve is answered with 405 `METHOD_NOT_ALLOWED` and an `Allow` header.',
      ].join('\n\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: options.servers ?? [{ url: '.', description: "Relative to this document: the API's mount point" }],
    tags: tags.map((name) => ({ name, ...(TAG_DESCRIPTIONS[name] ? { description: TAG_DESCRIPTIONS[name] } : {}) })),
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from `POST /auth/register` or `POST /auth/login`. A host app with its own authentication replaces it.',
        },
      },
    },
  };
}
