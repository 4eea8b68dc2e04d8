import { expect } from 'vitest';
import { PauzError, type PauzErrorCode } from '../errors.js';

/**
 * Asserts that `promise` rejects with a {@link PauzError} of `code`, and returns it.
 *
 * @category Testing
 */
export async function expectPauzError(promise: Promise<unknown>, code: PauzErrorCode): Promise<PauzError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a PauzError ${code}`).toBeInstanceOf(PauzError);
  expect((caught as PauzError).code).toBe(code);
  return caught as PauzError;
}
