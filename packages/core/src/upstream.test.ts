import { describe, expect, it } from 'vitest';
import { isPauzError } from './errors.js';
import { expectPauzError } from './testing/expect-code.js';
import { abortedError, throwIfAborted, withTimeout } from './upstream.js';

/** A call that only ends when its signal aborts, rejecting the way the AWS SDK does. */
function untilAborted(seen: AbortSignal[]): (signal: AbortSignal) => Promise<never> {
  return (signal) =>
    new Promise<never>((_, reject) => {
      seen.push(signal);
      signal.addEventListener('abort', () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })), { once: true });
    });
}

describe('withTimeout', () => {
  it('resolves with the result and leaves no listener on the caller’s signal', async () => {
    const caller = new AbortController();
    let listeners = 0;
    const signal = caller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => (listeners++, add(...args))) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => (listeners--, remove(...args))) as typeof remove;
    expect(await withTimeout('a call', 1_000, async () => 42, signal)).toBe(42);
    expect(listeners).toBe(0);
  });

  it('fails with ABORTED at once when the caller aborts, and aborts the signal it handed on', async () => {
    const caller = new AbortController();
    const seen: AbortSignal[] = [];
    const pending = withTimeout('SmartBucket put hints/k', 60_000, untilAborted(seen), caller.signal);
    caller.abort(new Error('client gone'));
    const error = await expectPauzError(pending, 'ABORTED');
    expect(error.message).toBe('SmartBucket put hints/k was aborted by the caller');
    expect((error.cause as Error).message).toBe('client gone');
    expect(seen[0]?.aborted).toBe(true);
    expect(isPauzError(seen[0]?.reason, 'ABORTED')).toBe(true);
  });

  it('fails with ABORTED even when the call ignores its signal', async () => {
    const caller = new AbortController();
    const pending = withTimeout('Raindrop AI run', 60_000, () => new Promise<never>(() => {}), caller.signal);
    caller.abort();
    await expectPauzError(pending, 'ABORTED');
  });

  it('does not start a call whose signal already aborted', async () => {
    const caller = new AbortController();
    caller.abort();
    let started = false;
    await expectPauzError(
      withTimeout('a call', 1_000, async () => {
        started = true;
      }, caller.signal),
      'ABORTED',
    );
    expect(started).toBe(false);
  });

  it('fails with UPSTREAM_TIMEOUT when time is up, whatever the call rejects with', async () => {
    const seen: AbortSignal[] = [];
    const error = await expectPauzError(withTimeout('S3 PutObject b/k', 20, untilAborted(seen), new AbortController().signal), 'UPSTREAM_TIMEOUT');
    expect(error.message).toBe('S3 PutObject b/k timed out after 20 ms');
    expect(seen[0]?.aborted).toBe(true);
  });

  it('passes other failures through unchanged', async () => {
    const failure = new Error('connection refused');
    await expect(withTimeout('a call', 1_000, () => Promise.reject(failure), new AbortController().signal)).rejects.toBe(failure);
  });
});

describe('throwIfAborted', () => {
  it('throws ABORTED naming the step only once the signal aborted', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal, 'step')).not.toThrow();
    expect(() => throwIfAborted(undefined, 'step')).not.toThrow();
    controller.abort('bye');
    let caught: unknown;
    try {
      throwIfAborted(controller.signal, 'step');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'ABORTED', message: 'step was aborted by the caller', cause: 'bye' });
    expect(abortedError('x').cause).toBeUndefined();
  });
});
