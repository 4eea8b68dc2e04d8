import { fromBase64Url, timingSafeEqual, toBase64Url } from '../runtime.js';

/**
 * Hashes and verifies passwords. The hash is a self-describing string, so the
 * parameters can be raised later without invalidating existing accounts.
 *
 * @category Ports
 */
export interface PasswordHasher {
  /** A new salted hash of `password`. */
  hash(password: string): Promise<string>;
  /** True when `password` matches `hash`. Never throws for a wrong password. */
  verify(password: string, hash: string): Promise<boolean>;
}

/**
 * scrypt cost parameters.
 *
 * @category Adapters
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. OWASP's minimum is N = 2^17. */
  logN: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/**
 * OWASP Password Storage Cheat Sheet (2025): scrypt with N = 2^17, r = 8, p = 1
 * (128 MiB per hash).
 *
 * @category Adapters
 */
export const OWASP_SCRYPT: Readonly<ScryptParams> = Object.freeze({ logN: 17, r: 8, p: 1 });

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/**
 * The raw scrypt function a hasher runs; the Node entry supplies a native one.
 *
 * @category Adapters
 */
export type ScryptFunction = (
  password: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams & { keyLength: number },
) => Promise<Uint8Array>;

// Loaded on the first hash: a Node server passes its native scrypt and never reads it.
const portableScrypt: ScryptFunction = async (password, salt, { logN, r, p, keyLength }) => {
  const { scryptAsync } = await import('@noble/hashes/scrypt.js');
  return scryptAsync(password, salt, { N: 2 ** logN, r, p, dkLen: keyLength, maxmem: 2 ** 32 });
};

/**
 * Builds a scrypt {@link PasswordHasher}. Hashes look like
 * `$scrypt$ln=17,r=8,p=1$<salt>$<key>` (base64url); any scrypt hasher verifies
 * any other's hashes, whatever parameters they were made with.
 *
 * The default implementation is pure JavaScript (runs anywhere Web Crypto does).
 * On Node prefer `nodePasswordHasher()` from `@pauz/core/node`: native and off the
 * event loop.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/accounts/passwords.ts}
 */
export function scryptPasswordHasher(
  options: {
    /**
     * Cost parameters of new hashes (existing hashes keep their own).
     *
     * @defaultValue `OWASP_SCRYPT` (`logN` 17, `r` 8, `p` 1: 128 MiB per hash)
     */
    params?: ScryptParams;
    /**
     * The scrypt implementation, for a native one.
     *
     * @defaultValue the portable `@noble/hashes` scrypt
     */
    scrypt?: ScryptFunction;
  } = {},
): PasswordHasher {
  const params = options.params ?? OWASP_SCRYPT;
  const run = options.scrypt ?? portableScrypt;
  const encoder = new TextEncoder();
  const normalise = (password: string): Uint8Array => encoder.encode(password.normalize('NFKC'));

  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
      const key = await run(normalise(password), salt, { ...params, keyLength: KEY_LENGTH });
      return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${toBase64Url(salt)}$${toBase64Url(key)}`;
    },
    async verify(password, hash) {
      const parsed = parseScryptHash(hash);
      if (parsed === null) return false;
      const key = await run(normalise(password), parsed.salt, {
        ...parsed.params,
        keyLength: parsed.key.length,
      });
      return timingSafeEqual(key, parsed.key);
    },
  };
}

function parseScryptHash(
  hash: string,
): { params: ScryptParams; salt: Uint8Array; key: Uint8Array } | null {
  const match = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(hash);
  if (match === null) return null;
  const [, ln, r, p, salt, key] = match;
  const logN = Number(ln);
  if (logN < 1 || logN > 24) return null;
  return {
    params: { logN, r: Number(r), p: Number(p) },
    salt: fromBase64Url(salt ?? ''),
    key: fromBase64Url(key ?? ''),
  };
}
