import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { buildComponents } from './openapi-components.js';
import { buildOpenApi, operationIdOf } from './openapi.js';
import { defineRoute } from './route.js';

const noop = async (): Promise<void> => {};

describe('buildComponents', () => {
  it('puts nested named schemas under components.schemas and refers to them there', () => {
    const tag = z.object({ label: z.string() }).meta({ id: 'TestTag' });
    const note = z.object({ tags: z.array(tag) }).meta({ id: 'TestNote' });
    const { schemas, ref } = buildComponents([{ schema: note, io: 'output', name: 'Unused' }]);
    expect(ref({ schema: note, io: 'output', name: 'Unused' })).toEqual({ $ref: '#/components/schemas/TestNote' });
    expect(schemas).toEqual({
      TestNote: { type: 'object', properties: { tags: { type: 'array', items: { $ref: '#/components/schemas/TestTag' } } }, required: ['tags'] },
      TestTag: { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] },
    });
  });

  it('names the input form <id>Input when a schema used both ways converts differently, and what refers to it too', () => {
    const page = z.object({ limit: z.number().int().default(20) }).meta({ id: 'TestPaging' });
    const wrapper = z.object({ paging: page }).meta({ id: 'TestWrapper' });
    const uses = [
      { schema: wrapper, io: 'output' as const, name: 'x' },
      { schema: wrapper, io: 'input' as const, name: 'x' },
    ];
    const { schemas, ref } = buildComponents(uses);
    expect(Object.keys(schemas)).toEqual(['TestPaging', 'TestPagingInput', 'TestWrapper', 'TestWrapperInput']);
    expect(schemas.TestPaging?.required).toEqual(['limit']);
    expect(schemas.TestPagingInput?.required).toBeUndefined();
    expect(schemas.TestWrapperInput?.properties).toEqual({ paging: { $ref: '#/components/schemas/TestPagingInput' } });
    expect(ref(uses[1] as (typeof uses)[number])).toEqual({ $ref: '#/components/schemas/TestWrapperInput' });
  });

  it('emits a schema used both ways once when both forms agree, and unnamed schemas under their given name', () => {
    const mood = z.object({ mood: z.enum(['calm', 'sad']) }).meta({ id: 'TestMood' });
    const body = z.strictObject({ mood: z.enum(['calm']) });
    const { schemas } = buildComponents([
      { schema: mood, io: 'output', name: 'x' },
      { schema: mood, io: 'input', name: 'x' },
      { schema: body, io: 'input', name: 'TestBody' },
    ]);
    expect(Object.keys(schemas)).toEqual(['TestBody', 'TestMood']);
    expect(schemas.TestBody?.additionalProperties).toBe(false);
  });
});

describe('buildOpenApi', () => {
  const body = z.strictObject({ title: z.string().optional() });
  const routes = [
    defineRoute({
      operation: 'notes.create',
      method: 'POST',
      path: '/notes/',
      summary: 'Create',
      tag: 'notes',
      auth: true,
      body,
      success: { status: 201, description: 'Created', schema: z.object({ id: z.string() }) },
      handle: noop,
    }),
    defineRoute({
      operation: 'notes.file',
      method: 'GET',
      path: '/files/*key',
      summary: 'A file',
      tag: 'notes',
      auth: false,
      success: { status: 200, description: 'The file', contentType: 'application/pdf' },
      responses: [{ status: 503, description: 'Unavailable', schema: z.object({ reason: z.string() }) }],
      handle: noop,
    }),
  ];
  const doc = buildOpenApi(routes, { title: 'T', version: '1' }) as any;

  it('declares optional bodies, security on every operation, path parameters and extra statuses', () => {
    const create = doc.paths['/notes'].post;
    expect(create.operationId).toBe('notesCreate');
    expect(create.requestBody.required).toBe(false);
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(create.responses)).toEqual(['201', '400', '401', '408', '413', '415', '500']);
    const file = doc.paths['/files/{key}'].get;
    expect(file.security).toEqual([]);
    expect(file.parameters).toMatchObject([{ name: 'key', in: 'path', required: true }]);
    expect(file.responses['200'].content).toEqual({ 'application/pdf': { schema: { type: 'string', format: 'binary' } } });
    expect(file.responses['503'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/NotesFileResponse503' });
    expect(doc.servers).toEqual([expect.objectContaining({ url: '.' })]);
    expect(doc.tags).toEqual([{ name: 'notes' }]);
  });

  it("derives operation ids from the routes' operation names, camel-cased", () => {
    expect(operationIdOf({ operation: 'freeJournal.retryTranscription' })).toBe('freeJournalRetryTranscription');
    expect(operationIdOf({ operation: 'guidedJournal.list' })).toBe('guidedJournalList');
    expect(operationIdOf({ operation: 'meta.openapi' })).toBe('metaOpenapi');
  });

  it('refuses two routes with the same operation id', () => {
    const twice = [routes[0], { ...routes[0], path: '/notes/other' }] as typeof routes;
    expect(() => buildOpenApi(twice, { title: 'T', version: '1' })).toThrow(/operationId notesCreate/);
  });
});
