import { expect } from 'vitest';
import type { PauzError } from '../../src/errors.js';

/** Asserts that nothing a client or a log could see of `error` holds `secret`. */
export function expectNoSecret(error: PauzError, secret: string): void {
  const visible = [error.message, JSON.stringify(error.details), JSON.stringify(error.errors), String(error.stack), String((error.cause as Error | undefined)?.message)].join('\n');
  expect(visible).not.toContain(secret);
}
