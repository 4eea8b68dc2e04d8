import * as z from 'zod';
import type * as FastCheck from 'fast-check';
import type { AnyRoute } from '../../http/route.js';

/** The parts of a JSON Schema (as `z.toJSONSchema` writes them) the generators below read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

/** The input JSON Schema of a route's `body` or `query` zod schema, or `undefined` when it has none. */
export function inputSchemaOf(route: AnyRoute, part: 'body' | 'query'): JsonSchema | undefined {
  const schema = route[part];
  if (schema === undefined) return undefined;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

// The one pattern the schemas use to refuse NUL characters; any other pattern is generated from the regex itself.
const NO_NUL = '^[^\\u0000]*$';

/**
 * The smallest value the schema accepts, built deterministically: required
 * properties only, enum's first member, `minLength` letters, `minimum` numbers. What
 * the ownership matrix sends so that a probe gets past validation to the ownership
 * check.
 */
export function minimalValue(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice !== undefined && choice[0] !== undefined) return minimalValue(choice[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = minimalValue(schema.properties?.[name] ?? {});
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => minimalValue(schema.items ?? {}));
    case 'string':
      if (schema.format === 'date-time') return '2026-06-15T12:00:00.000Z';
      if (schema.format === 'date') return '2026-06-15';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : schema.exclusiveMinimum + 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

/**
 * A fast-check arbitrary of values the schema accepts (valid bodies and queries,
 * so that fuzzing reaches past validation into the services).
 */
export function validValues(fc: typeof FastCheck, schema: JsonSchema, name?: string): FastCheck.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice !== undefined) return fc.oneof(...choice.map((s) => validValues(fc, s, name)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, validValues(fc, s, key)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 4, minLength + 10);
      return fc.array(validValues(fc, schema.items ?? {}), { minLength, maxLength });
    }
    case 'string':
      return validStrings(fc, schema, name);
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? -1e6 : schema.exclusiveMinimum + 1);
      const max = schema.maximum ?? (schema.exclusiveMaximum === undefined ? 1e6 : schema.exclusiveMaximum - 1);
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 200) }), fc.integer({ min, max }));
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validStrings(fc: typeof FastCheck, schema: JsonSchema, name?: string): FastCheck.Arbitrary<string> {
  if (schema.format === 'date-time') {
    return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  const minLength = schema.minLength ?? 0;
  // Long enough to cross a limit now and then, short enough to stay quick.
  const maxLength = Math.min(schema.maxLength ?? 300, minLength + 300);
  if (schema.pattern !== undefined && schema.pattern !== NO_NUL) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= maxLength);
  }
  let text = fc.string({ unit: 'grapheme', minLength, maxLength });
  const shaped = name === undefined ? undefined : shapedStrings(fc, name);
  // A string zod refines beyond its JSON Schema (a date, a time zone, an id) is named for what it holds.
  if (shaped !== undefined) text = fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: text });
  return schema.pattern === NO_NUL ? text.filter((s) => !s.includes('\u0000')) : text;
}

/** Values of the shape a property's name says it holds, for names the schemas use. */
function shapedStrings(fc: typeof FastCheck, name: string): FastCheck.Arbitrary<string> | undefined {
  if (/^(date|from|to)$/.test(name)) {
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    return fc.oneof(day, fc.constantFrom('2026-06-15', '2026-06-16', '9999-12-31', '0001-01-01', '2026-02-29', '2026-06-15T12:00:00.000Z'));
  }
  if (/^(timeZone|tz)$/.test(name)) return fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Asia/Kolkata');
  if (name === 'locale') return fc.constantFrom('en-US', 'fr', 'de-DE', 'ja-JP', 'ar');
  if (/Id$/.test(name)) return fc.uuid();
  return undefined;
}
