/**
 * Requests an emulator holds open without answering, and whether their client gave
 * up on them: how a test sees from the upstream side that a call was cancelled.
 * Test fixture only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What a test reads and awaits of the requests an emulator holds.
 *
 * @category Testing
 */
export interface HeldRequests {
  /** Requests held so far (since the last {@link HeldRequests.reset}). */
  readonly held: number;
  /** Held requests whose connection closed before any answer: the caller cancelled them. */
  readonly aborted: number;
  /** Resolves once {@link HeldRequests.held} reaches `count`; rejects after `timeoutMs` (default 10 s). */
  waitForHeld(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves once {@link HeldRequests.aborted} reaches `count`; rejects after `timeoutMs` (default 10 s). */
  waitForAborted(count: number, timeoutMs?: number): Promise<void>;
  /** Sets both counts back to 0 (requests still held are no longer counted). */
  reset(): void;
}

/** A {@link HeldRequests} an emulator feeds: `hold` keeps a request open and watches it. */
export interface RequestHolder extends HeldRequests {
  /** Leaves the request unanswered until its client goes away or the server closes. */
  hold(req: IncomingMessage, res: ServerResponse): void;
  /** Stops counting: the server is closing and cuts what it still holds. */
  closing(): void;
}

const DEFAULT_WAIT_MS = 10_000;

/** Tracks held requests for one endpoint of an emulator. */
export function requestHolder(name: string): RequestHolder {
  let held = 0;
  let aborted = 0;
  let generation = 0;
  let stopped = false;
  const waiters = new Set<() => void>();
  const changed = (): void => {
    for (const check of [...waiters]) check();
  };
  const waitFor = (what: string, reached: () => boolean, timeoutMs: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!reached()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${name}: timed out after ${timeoutMs} ms waiting for ${what} (held ${held}, aborted ${aborted})`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    get held() {
      return held;
    },
    get aborted() {
      return aborted;
    },
    waitForHeld: (count, timeoutMs = DEFAULT_WAIT_MS) => waitFor(`${count} held requests`, () => held >= count, timeoutMs),
    waitForAborted: (count, timeoutMs = DEFAULT_WAIT_MS) => waitFor(`${count} aborted requests`, () => aborted >= count, timeoutMs),
    reset() {
      held = 0;
      aborted = 0;
      generation++;
    },
    hold(req, res) {
      const counted = generation;
      held++;
      // Read and drop the body, so the client's upload is not what keeps the request open.
      req.resume();
      res.once('close', () => {
        if (stopped || counted !== generation || res.writableEnded) return;
        aborted++;
        changed();
      });
      changed();
    },
    closing() {
      stopped = true;
    },
  };
}
