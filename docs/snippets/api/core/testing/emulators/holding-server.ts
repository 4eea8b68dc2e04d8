import { isPauzError } from '@pauz/core';
import { raindropRestBucket } from '@pauz/core/raindrop';
import { startHoldingServer } from '@pauz/core/testing';

const upstream = await startHoldingServer();
const hints = raindropRestBucket({ apiKey: 'k', applicationName: 'app', bucket: 'hints', baseUrl: upstream.url });
const controller = new AbortController();
const put = hints.put('u1/h1', 'text', { signal: controller.signal });
await upstream.held.waitForHeld(1);
controller.abort();
await put.catch((error: unknown) => console.log(isPauzError(error, 'ABORTED'))); // true
await upstream.held.waitForAborted(1); // the put's connection closed before any answer
await upstream.close();
