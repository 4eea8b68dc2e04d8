import { describe, expect, it } from 'vitest';
import { routeParams } from './owned.js';

describe('routeParams', () => {
  it('names what each parameter of a route points at', () => {
    expect(routeParams({ path: '/freejournal/:id/voice/:recordingId/transcribe' }).map((p) => p.kind)).toEqual(['session', 'recording']);
    expect(routeParams({ path: '/guided_journal/:id' })[0]?.kind).toBe('guided');
    expect(routeParams({ path: '/files/pdf/*key' })[0]?.kind).toBe('pdf');
  });

  it('leaves a parameter it does not know unnamed, which fails the ownership matrix', () => {
    expect(routeParams({ path: '/widgets/:id' })).toEqual([{ segment: ':id', name: 'id', kind: undefined }]);
    expect(routeParams({ path: '/garden/stats' })).toEqual([]);
  });
});
