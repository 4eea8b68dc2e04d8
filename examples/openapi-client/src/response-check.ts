import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Middleware } from 'openapi-fetch';

/** The parts of an OpenAPI document the check reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
  components?: { schemas?: Record<string, unknown> };
  [key: string]: unknown;
}

/** One response the check looked at. */
export interface CheckedResponse {
  method: string;
  path: string;
  status: number;
  mediaType: string | null;
}

/** Validates responses against the document they were declared in. */
export interface ResponseCheck {
  /** openapi-fetch middleware: throws on any response the document does not declare exactly. */
  middleware: Middleware;
  /** Every response checked, in order. */
  readonly checked: readonly CheckedResponse[];
}

const DOCUMENT_ID = 'https://pauz.invalid/openapi.json';
// The document's own members are no JSON Schema keywords; ajv is told they are known.
const DOCUMENT_KEYWORDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'tags', 'paths', 'components', 'security', 'webhooks', 'externalDocs'];

/**
 * Closes every object schema that lists its properties and says nothing of others:
 * the document lets responses grow (zod objects lose their `additionalProperties:
 * false`), but what this server sends today must be declared, field by field. An
 * explicit `additionalProperties` (the OpenAPI document's own open schema) stays.
 */
function closeObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closeObjects);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closeObjects(v)]));
  if (copy.type === 'object' && typeof copy.properties === 'object' && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

function pointer(...segments: string[]): string {
  return segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Checks every response an openapi-fetch client receives against `document` with
 * ajv (JSON Schema 2020-12, formats checked): the status must be declared for the
 * operation, the media type for the status, and a JSON body must match its schema,
 * problem documents included.
 */
export function responseCheck(document: OpenApiDocument): ResponseCheck {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary(DOCUMENT_KEYWORDS);
  ajv.addSchema({ ...(closeObjects(document) as Record<string, unknown>), $id: DOCUMENT_ID });
  const validators = new Map<string, ValidateFunction>();
  const checked: CheckedResponse[] = [];

  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toLowerCase();
      const where = `${request.method} ${schemaPath} → ${response.status}`;
      const responses = document.paths[schemaPath]?.[method]?.responses;
      if (responses === undefined) throw new Error(`${where}: the document has no such operation`);
      const status = String(response.status);
      const declared = responses[status];
      if (declared === undefined) throw new Error(`${where}: status not declared (declared: ${Object.keys(responses).join(', ')})`);
      const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? null;
      checked.push({ method, path: schemaPath, status: response.status, mediaType });

      const body = new Uint8Array(await response.clone().arrayBuffer());
      if (declared.content === undefined) {
        if (body.byteLength > 0) throw new Error(`${where}: declared without content, got ${body.byteLength} bytes of ${mediaType}`);
        return;
      }
      if (mediaType === null || declared.content[mediaType] === undefined) {
        throw new Error(`${where}: media type ${mediaType} not declared (declared: ${Object.keys(declared.content).join(', ')})`);
      }
      if (!/^application\/(.+\+)?json$/.test(mediaType)) {
        if (body.byteLength === 0) throw new Error(`${where}: empty ${mediaType} body`);
        return;
      }
      const ref = `${DOCUMENT_ID}#${pointer('paths', schemaPath, method, 'responses', status, 'content', mediaType, 'schema')}`;
      let validate = validators.get(ref);
      if (validate === undefined) {
        validate = ajv.compile({ $ref: ref });
        validators.set(ref, validate);
      }
      const json: unknown = JSON.parse(new TextDecoder().decode(body));
      if (!validate(json)) {
        const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
        throw new Error(`${where}: body does not match its schema:\n${problems.join('\n')}\n${JSON.stringify(json, null, 2)}`);
      }
    },
  };
  return { middleware, checked };
}
