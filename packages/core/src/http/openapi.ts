import { z } from 'zod';
import { STATUS_BY_CODE } from './problem.js';
import type { AnyRoute } from './route.js';
import { problemSchema } from './schemas.js';
import type { PauzErrorCode } from '../errors.js';

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject;
  return rest;
}

function problemResponse(description: string): JsonObject {
  return { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
}

function operation(route: AnyRoute): JsonObject {
  const responses: JsonObject = {
    [String(route.success.status)]: route.success.schema
      ? { description: route.success.description, content: { 'application/json': { schema: jsonSchema(route.success.schema, 'output') } } }
      : { description: route.success.description },
  };
  const codes = new Set<PauzErrorCode>(['INTERNAL']);
  if (route.auth) codes.add('UNAUTHENTICATED');
  if (route.body || route.query) codes.add('VALIDATION_FAILED');
  if (route.body || route.rawBody) ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].forEach((c) => codes.add(c as PauzErrorCode));
  if (/[:*]/.test(route.path)) codes.add('NOT_FOUND');
  for (const code of route.errors ?? []) codes.add(code as PauzErrorCode);
  for (const code of codes) {
    const status = String(STATUS_BY_CODE[code]);
    const existing = responses[status] as JsonObject | undefined;
    responses[status] = problemResponse(existing ? `${String(existing.description)}, ${code}` : code);
  }

  const parameters: JsonObject[] = [];
  for (const name of route.path.match(/[:*](\w+)/g) ?? []) {
    parameters.push({ name: name.slice(1), in: 'path', required: true, schema: { type: 'string' } });
  }
  if (route.query) {
    const schema = jsonSchema(route.query, 'input');
    const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set((schema.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema: property });
    }
  }

  const op: JsonObject = {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/\/:?(\w)/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
    summary: route.summary,
    tags: [route.tag],
    responses,
  };
  if (parameters.length > 0) op.parameters = parameters;
  if (route.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
  }
  if (route.rawBody) op.requestBody = route.rawBody;
  if (route.auth) op.security = [{ bearer: [] }];
  return op;
}

/**
 * The OpenAPI 3.1 document of `routes`, generated from the same zod schemas that
 * validate requests and describe responses.
 */
export function buildOpenApi(routes: readonly AnyRoute[], info: { title: string; version: string }): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const path = route.path.replace(/[:*](\w+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as JsonObject)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'Pauz journaling API. Errors are RFC 9457 problem+json documents.' },
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}
