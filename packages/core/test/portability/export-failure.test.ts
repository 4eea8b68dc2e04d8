import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPauzFetch } from '../../src/http/index.js';
import { PauzError } from '../../src/index.js';
import { fullAccount, openWorld, type PortabilityWorld } from './fixtures.js';

/*
 * A store failing while the export streams: the status line has gone out, so the
 * client can only see a cut answer — and the server log must say what failed (an
 * error of a stream nobody logs is a swallowed one).
 */
let world: PortabilityWorld;
beforeEach(async () => {
  world = await openWorld();
});
afterEach(async () => {
  await world.close();
});

it('logs a store failure midway through a streamed export, and the client sees the body fail, not end', async () => {
  const { token } = await fullAccount(world, 'cut');
  const logged: Array<{ message: string; fields: Record<string, unknown> | undefined }> = [];
  const logger = { error: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields }), warn: () => {} };
  const handle = createPauzFetch(world.pauz, { logger });
  // The audio goes last in the archive: the document and the Markdown are sent by then.
  world.buckets.audio.get = async () => {
    throw new PauzError('SMARTBUCKET_FAILED', 'SmartBucket get audio-files failed: the disk is gone');
  };
  const response = await handle(new Request('http://pauz.test/account/export', { headers: { authorization: `Bearer ${token}` } }));
  expect(response.status).toBe(200);
  await expect(response.arrayBuffer()).rejects.toThrow(/disk is gone/);
  expect(logged).toEqual([expect.objectContaining({ message: 'upstream failure', fields: expect.objectContaining({ code: 'SMARTBUCKET_FAILED' }) })]);
});
