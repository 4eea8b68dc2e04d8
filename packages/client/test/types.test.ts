import type { PauzContract } from '@pauz/core/http';
import { describe, expectTypeOf, it } from 'vitest';
import { createPauzClient, type PauzClient, PauzClientError, isPauzClientError } from '../src/index.js';

// Checked by tsc (`pnpm typecheck`); at run time the calls are never made.
const client: PauzClient = createPauzClient({ baseUrl: 'http://127.0.0.1:1' });
const never = (): boolean => false;

describe('the client types, inferred from the contract', () => {
  it('has one method per operation, grouped by area', () => {
    type Names = keyof PauzContract;
    type Methods = { [G in keyof PauzClient]: PauzClient[G] extends (...args: never[]) => unknown ? never : `${G & string}.${keyof PauzClient[G] & string}` }[keyof PauzClient];
    expectTypeOf<Methods>().toEqualTypeOf<Names>();
  });

  it('types bodies and answers from the schemas', () => {
    expectTypeOf(client.auth.login).parameter(0).toEqualTypeOf<{ email: string; password: string }>();
    expectTypeOf(client.auth.login).returns.resolves.toHaveProperty('token').toEqualTypeOf<string>();
    expectTypeOf(client.freeJournal.save).parameter(0).toEqualTypeOf<{ id: string }>();
    expectTypeOf(client.freeJournal.save).parameter(1).toHaveProperty('content').toEqualTypeOf<string>();
    expectTypeOf(client.freeJournal.save).returns.resolves.toHaveProperty('version').toEqualTypeOf<number>();
    expectTypeOf(client.freeJournal.list).returns.resolves.toHaveProperty('nextCursor').toEqualTypeOf<string | null>();
    expectTypeOf(client.auth.logout).returns.resolves.toEqualTypeOf<undefined>();
    expectTypeOf(client.guidedJournal.topics).returns.resolves.toHaveProperty('items').items.toHaveProperty('id').toExtend<string>();
  });

  it('downloads resolve with the Response, uploads take bytes', () => {
    expectTypeOf(client.freeJournal.recordingAudio).returns.resolves.toEqualTypeOf<Response>();
    expectTypeOf(client.files.pdf).returns.resolves.toEqualTypeOf<Response>();
    expectTypeOf(client.freeJournal.uploadVoice).parameter(1).toEqualTypeOf<Blob | ArrayBuffer | ArrayBufferView>();
    expectTypeOf(client.freeJournal.uploadVoice).returns.resolves.toHaveProperty('recording').toHaveProperty('status').toEqualTypeOf<'pending' | 'transcribed' | 'failed'>();
  });

  it('requires path parameters and required bodies, and not bodies that may be empty', () => {
    if (never()) {
      // @ts-expect-error: the path parameter `id` is required
      void client.freeJournal.get();
      // @ts-expect-error: `recordingId` is missing
      void client.freeJournal.recordingAudio({ id: 'x' });
      // @ts-expect-error: the body is required (email and password)
      void client.auth.login();
      // @ts-expect-error: `content` must be a string
      void client.freeJournal.save({ id: 'x' }, { content: 1 });
      // @ts-expect-error: not a field of the query
      void client.freeJournal.list({ limt: 5 });
      // @ts-expect-error: no such operation
      void client.freeJournal.publish;
      // Every field optional: no body needed, a query by its parsed types.
      void client.freeJournal.create();
      void client.freeJournal.list({ limit: 5 });
      void client.garden.stats();
      void client.call('freeJournal.save', { id: 'x' }, { content: 'c', baseVersion: 1 });
      // @ts-expect-error: call checks the arguments too
      void client.call('freeJournal.save', { id: 'x' });
    }
  });

  it('types the error with its problem document', () => {
    const error: unknown = new PauzClientError({ code: 'VERSION_CONFLICT', status: 409, message: 'm' });
    if (isPauzClientError(error)) {
      expectTypeOf(error.code).toExtend<string>();
      expectTypeOf(error.currentVersion).toEqualTypeOf<number | undefined>();
      expectTypeOf<NonNullable<typeof error.problem>['code']>().toEqualTypeOf<Exclude<typeof error.code, 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE'>>();
    }
  });
});
