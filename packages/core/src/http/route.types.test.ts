import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { User } from '../accounts/types.js';
import { defineRoute, type PathParams } from './route.js';

describe('the typed route table', () => {
  it('infers path parameters from the path string', () => {
    expectTypeOf<PathParams<'/freejournal/:id/voice/:recordingId/transcribe'>>().toEqualTypeOf<{ id: string; recordingId: string }>();
    expectTypeOf<PathParams<'/files/pdf/*key'>>().toEqualTypeOf<{ key: string }>();
    expectTypeOf<PathParams<'/garden/stats'>>().toEqualTypeOf<{}>();
  });

  it('gives handlers the parsed body and query, and a non-null user on authenticated routes', () => {
    defineRoute({
      operation: 'things.update',
      method: 'POST',
      path: '/things/:id',
      summary: 's',
      tag: 't',
      auth: true,
      body: z.object({ n: z.string().transform((s) => s.length) }),
      query: z.object({ q: z.string().optional() }),
      success: { status: 200, description: 'd' },
      errors: ['NOT_FOUND'],
      handle: async ({ user, params, body, query }) => {
        expectTypeOf(user).toEqualTypeOf<User>();
        expectTypeOf(params).toEqualTypeOf<{ id: string }>();
        expectTypeOf(body).toEqualTypeOf<{ n: number }>();
        expectTypeOf(query).toEqualTypeOf<{ q?: string | undefined }>();
        // @ts-expect-error: no such parameter in the path
        void params.other;
      },
    });
    defineRoute({
      operation: 'things.public',
      method: 'GET',
      path: '/public',
      summary: 's',
      tag: 't',
      auth: false,
      success: { status: 200, description: 'd' },
      // @ts-expect-error: not an error code
      errors: ['NOPE'],
      handle: async ({ user, body }) => {
        expectTypeOf(user).toEqualTypeOf<null>();
        expectTypeOf(body).toEqualTypeOf<undefined>();
      },
    });
  });
});
