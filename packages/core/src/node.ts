/**
 * Node-only helpers for `@pauz/core`.
 * @module @pauz/core/node
 */
import { scrypt } from 'node:crypto';
import {
  OWASP_SCRYPT,
  type PasswordHasher,
  type ScryptParams,
  scryptPasswordHasher,
} from './accounts/passwords.js';

/**
 * A scrypt {@link PasswordHasher} on Node's native scrypt, which runs on the libuv
 * thread pool instead of blocking the event loop. Hashes are interchangeable with
 * {@link scryptPasswordHasher}'s.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../docs/snippets/api/core/node.ts}
 */
export function nodePasswordHasher(
  options: {
    /**
     * Cost parameters of new hashes (existing hashes keep their own).
     *
     * @defaultValue `OWASP_SCRYPT` (`logN` 17, `r` 8, `p` 1: 128 MiB per hash)
     */
    params?: ScryptParams;
  } = {},
): PasswordHasher {
  return scryptPasswordHasher({
    params: options.params ?? OWASP_SCRYPT,
    scrypt: (password, salt, { logN, r, p, keyLength }) =>
      new Promise((resolve, reject) => {
        const N = 2 ** logN;
        // 128 * N * r bytes is what scrypt needs; leave headroom over Node's 32 MiB default.
        const maxmem = 256 * N * r + 1024 * 1024;
        scrypt(password, salt, keyLength, { N, r, p, maxmem }, (error, key) => {
          if (error) reject(error);
          else resolve(new Uint8Array(key));
        });
      }),
  });
}
