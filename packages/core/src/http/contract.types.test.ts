import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type { PauzContract, ProblemDocument } from './contract.js';
import type { problemSchema } from './schemas.js';

describe('the contract type', () => {
  it('keeps every route under its operation name with method, path and wire types', () => {
    type Save = PauzContract['freeJournal.save'];
    expectTypeOf<Save['method']>().toEqualTypeOf<'POST'>();
    expectTypeOf<Save['path']>().toEqualTypeOf<'/freejournal/:id/save'>();
    expectTypeOf<Save['params']>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<Save['query']>().toEqualTypeOf<undefined>();
    expectTypeOf<Save['body']['content']>().toEqualTypeOf<string>();
    expectTypeOf<Save['body']['baseVersion']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Save['response']['version']>().toEqualTypeOf<number>();
    expectTypeOf<Save['kind']>().toEqualTypeOf<'json'>();
  });

  it('types queries as sent (coerced fields by their parsed type), pages, uploads, downloads and 204s', () => {
    expectTypeOf<PauzContract['freeJournal.list']['query']['limit']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PauzContract['freeJournal.list']['response']['items'][number]['preview']>().toEqualTypeOf<string>();
    expectTypeOf<PauzContract['freeJournal.list']['response']['nextCursor']>().toEqualTypeOf<string | null>();
    expectTypeOf<PauzContract['freeJournal.uploadVoice']['kind']>().toEqualTypeOf<'upload'>();
    expectTypeOf<PauzContract['freeJournal.uploadVoice']['body']>().toEqualTypeOf<undefined>();
    expectTypeOf<PauzContract['freeJournal.recordingAudio']['kind']>().toEqualTypeOf<'download'>();
    expectTypeOf<PauzContract['freeJournal.recordingAudio']['params']>().toEqualTypeOf<{ id: string; recordingId: string }>();
    expectTypeOf<PauzContract['files.pdf']['params']>().toEqualTypeOf<{ key: string }>();
    expectTypeOf<PauzContract['auth.logout']['response']>().toEqualTypeOf<undefined>();
    expectTypeOf<PauzContract['meta.health']['response']['status']>().toEqualTypeOf<'ok' | 'error'>();
  });

  it('types the problem document with its extensions', () => {
    expectTypeOf<ProblemDocument['currentVersion']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ProblemDocument['code']>().toExtend<string>();
    expectTypeOf<ProblemDocument>().toEqualTypeOf<z.output<typeof problemSchema>>();
  });
});
