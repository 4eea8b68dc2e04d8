import * as z from 'zod';

type JsonObject = Record<string, unknown>;

/** Where OpenAPI keeps shared schemas; every `$ref` of the document points here. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/** A schema an operation uses: a request body or query (input) or a response body (output). */
export interface SchemaUse {
  schema: z.ZodType;
  io: 'input' | 'output';
  /** The component name when the schema carries no `.meta({ id })` of its own. */
  name: string;
  /** Converted in place rather than as a component (query parameters are listed one by one). */
  inline?: boolean;
}

/** The converted schemas of a document. */
export interface Components {
  /** `components.schemas`: every named schema reachable from the uses, once. */
  schemas: Record<string, JsonObject>;
  /** The `$ref` object of a use's schema (valid for the `io` it was declared with). */
  ref(use: SchemaUse): JsonObject;
  /** The JSON Schema of a use, without extracting it to a component (for query parameters). */
  inline(use: SchemaUse): JsonObject;
}

/**
 * Converts every schema the operations use with zod's own registry conversion
 * (`z.toJSONSchema(registry, { uri })`), so nested named schemas become `$ref`s into
 * `components.schemas` instead of `$defs` that no OpenAPI tool resolves.
 *
 * A schema can convert differently as a request (`io: 'input'`: defaults optional,
 * the input side of transforms and pipes) and as a response (`io: 'output'`). Each
 * named schema is emitted under its own id in the direction it is used; one used in
 * both directions whose two forms differ gets its input form as `<id>Input`, so a
 * generated client sees exactly what it must send and what it gets back.
 */
export function buildComponents(uses: readonly SchemaUse[]): Components {
  const registry = z.registry<{ id: string }>();
  const register = (schema: z.core.$ZodType, id: string): void => {
    // A schema used by several operations is registered once under its first name.
    if (!registry.has(schema)) registry.add(schema, { id });
  };
  for (const use of uses) register(use.schema, z.globalRegistry.get(use.schema)?.id ?? use.name);
  // Named schemas nested inside the used ones must be in the registry too, else zod
  // puts them under a `__shared` document of its own.
  for (const use of uses) {
    for (const [id, nested] of namedSchemasWithin(use.schema, use.io)) register(nested, id);
  }

  const convert = (io: 'input' | 'output', name: (id: string) => string): Record<string, JsonObject> => {
    const { schemas } = z.toJSONSchema(registry, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
      uri: (id) => SCHEMA_REF_PREFIX + name(id),
      override: ({ zodSchema, jsonSchema }) => {
        // Responses may gain fields in a minor release ("more fields may be added"):
        // a zod object's `additionalProperties: false` would make clients that
        // validate against the document reject them.
        const def = zodSchema._zod.def as { type: string; catchall?: unknown };
        if (io === 'output' && def.type === 'object' && def.catchall === undefined) delete jsonSchema.additionalProperties;
      },
    });
    return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, cleanRoot(schema as JsonObject)]));
  };

  const idOf = (use: SchemaUse): string => registry.get(use.schema)?.id ?? use.name;
  const output = convert('output', (id) => id);
  const firstInput = convert('input', (id) => id);
  // What is emitted: the schemas operations refer to and what they refer to in turn.
  const roots = (io: 'input' | 'output', schemas: Record<string, JsonObject>): string[] =>
    uses.filter((u) => u.io === io).flatMap((u) => (u.inline === true ? refsIn(schemas[idOf(u)]) : [idOf(u)]));
  const usedAsOutput = reachable(roots('output', output), output);
  const usedAsInput = reachable(roots('input', firstInput), firstInput);
  const both = [...usedAsInput].filter((id) => usedAsOutput.has(id));

  // A schema whose input form references a renamed one differs too: iterate until no
  // new difference appears (the set only grows, so this ends).
  let renamed = new Set<string>();
  let input = firstInput;
  for (;;) {
    const differing = new Set(both.filter((id) => JSON.stringify(input[id]) !== JSON.stringify(output[id])));
    if (differing.size === renamed.size) break;
    renamed = differing;
    input = convert('input', (id) => (renamed.has(id) ? `${id}Input` : id));
  }
  const inputName = (id: string): string => (renamed.has(id) ? `${id}Input` : id);

  const schemas: Record<string, JsonObject> = {};
  const emit = (name: string, schema: JsonObject | undefined): void => {
    if (schema === undefined) throw new Error(`OpenAPI: schema ${name} was not converted`);
    if (schemas[name] !== undefined && JSON.stringify(schemas[name]) !== JSON.stringify(schema)) {
      throw new Error(`OpenAPI: two different schemas are named ${name}`);
    }
    schemas[name] = schema;
  };
  for (const id of [...usedAsOutput].sort()) emit(id, output[id]);
  for (const id of [...usedAsInput].sort()) emit(inputName(id), input[id]);

  return {
    schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    ref: (use) => ({ $ref: SCHEMA_REF_PREFIX + (use.io === 'input' ? inputName(idOf(use)) : idOf(use)) }),
    inline: (use) => {
      const schema = (use.io === 'input' ? input : output)[idOf(use)];
      if (schema === undefined) throw new Error(`OpenAPI: schema ${idOf(use)} was not converted`);
      return schema;
    },
  };
}

/** The `.meta({ id })`-named schemas inside `schema`, found by zod's own traversal. */
function namedSchemasWithin(schema: z.ZodType, io: 'input' | 'output'): Map<string, z.core.$ZodType> {
  const found = new Map<string, z.core.$ZodType>();
  z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ zodSchema }) => {
      const id = z.globalRegistry.get(zodSchema)?.id;
      if (typeof id === 'string') found.set(id, zodSchema);
    },
  });
  return found;
}

/** A registry conversion's schema as a component: no `$schema`, and no `$id` (a fragment is not a valid `$id`). */
function cleanRoot(schema: JsonObject): JsonObject {
  const { $schema: _schema, $id: _id, id: _metaId, ...rest } = schema;
  return rest;
}

/** The ids reachable from `roots` through `$ref`s. */
function reachable(roots: readonly string[], schemas: Record<string, JsonObject>): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const ref of refsIn(schemas[id])) visit(ref);
  };
  roots.forEach(visit);
  return seen;
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === '$ref' && typeof v === 'string' && v.startsWith(SCHEMA_REF_PREFIX) ? [v.slice(SCHEMA_REF_PREFIX.length)] : refsIn(v),
  );
}
