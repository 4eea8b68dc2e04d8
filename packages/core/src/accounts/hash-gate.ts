import { PauzError } from '../errors.js';
import type { PasswordHasher } from './passwords.js';

/**
 * Bounds how many password hashes run at once. Each memory-hard hash takes 128 MiB
 * with the OWASP parameters, so a flood of logins or registrations would otherwise
 * exhaust memory; excess calls wait in a bounded queue, and past it are refused
 * with `RATE_LIMITED` (the server is busy; retry in a second).
 */
export function gatedHasher(hasher: PasswordHasher, concurrency: number, queueLength: number): PasswordHasher {
  let running = 0;
  const waiting: Array<() => void> = [];
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) {
      if (waiting.length >= queueLength) {
        throw new PauzError('RATE_LIMITED', 'Too many sign-ins at once; try again in a moment', { details: { retryAfterSeconds: 1 } });
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running += 1;
    }
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      // The slot passes straight to the next waiter; otherwise it is freed.
      if (next === undefined) running -= 1;
      else next();
    }
  };
  return {
    hash: (password) => run(() => hasher.hash(password)),
    verify: (password, hash) => run(() => hasher.verify(password, hash)),
    // Parsing a string: no slot needed.
    ...(hasher.needsRehash === undefined ? {} : { needsRehash: hasher.needsRehash.bind(hasher) }),
  };
}
