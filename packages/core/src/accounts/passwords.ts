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
  /**
   * True when `password` matches `hash`. Never throws for a wrong password or a
   * malformed hash (both are `false`); Pauz's hashers verify every format any of
   * them produces, whatever its parameters.
   */
  verify(password: string, hash: string): Promise<boolean>;
  /**
   * True when `hash` was made with another algorithm or other parameters than this
   * hasher's new hashes, so the password should be hashed again the next time it is
   * known (at a successful sign-in). Optional: a hasher without it never asks.
   */
  needsRehash?(hash: string): boolean;
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

/**
 * OWASP's lower-memory scrypt profile of equal strength: N = 2^15, r = 8, p = 3
 * (32 MiB per hash, three times the mixing work of 2^15 alone). Fits a Workers /
 * Raindrop isolate (128 MB); {@link isolatePasswordHasher} uses it.
 *
 * @category Adapters
 */
export const OWASP_SCRYPT_32MIB: Readonly<ScryptParams> = Object.freeze({ logN: 15, r: 8, p: 3 });

/**
 * OWASP's PBKDF2-HMAC-SHA256 work factor: 600,000 iterations.
 *
 * @category Adapters
 */
export const OWASP_PBKDF2_SHA256_ITERATIONS = 600_000;

/**
 * The most PBKDF2 iterations Cloudflare's production runtime computes in one Web
 * Crypto call (cloudflare/workerd#1346: above it `deriveBits` throws
 * `NotSupportedError`). Local workerd and miniflare do not enforce it.
 *
 * @category Adapters
 */
export const WORKERS_PBKDF2_MAX_ITERATIONS = 100_000;

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

/** The memory one scrypt run takes, as @noble/hashes counts it: 128·r·(N + p + 1) bytes. */
function scryptMemory({ logN, r, p }: ScryptParams): number {
  return 128 * r * (2 ** logN + p + 1);
}

/**
 * Builds a scrypt {@link PasswordHasher}. Hashes look like
 * `$scrypt$ln=17,r=8,p=1$<salt>$<key>` (base64url); any Pauz hasher verifies
 * any other's hashes, whatever parameters they were made with (PBKDF2 ones too).
 *
 * The default implementation is pure JavaScript (runs anywhere Web Crypto does).
 * On Node prefer `nodePasswordHasher()` from `@pauz/core/node`: native and off the
 * event loop. Inside a Workers / Raindrop isolate use {@link isolatePasswordHasher}:
 * the default 128 MiB does not fit there.
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
    /**
     * The most memory a stored hash may make one verification take. A hash asking
     * for more is refused with an error naming its parameters, not run: in an
     * isolate it would exceed the memory limit and take every request of the
     * isolate down with it.
     *
     * @defaultValue no limit
     */
    maxMemoryBytes?: number;
  } = {},
): PasswordHasher {
  const params = options.params ?? OWASP_SCRYPT;
  const run = options.scrypt ?? portableScrypt;
  const maxMemory = options.maxMemoryBytes ?? Number.POSITIVE_INFINITY;
  if (scryptMemory(params) > maxMemory) {
    throw new Error(`scrypt ln=${params.logN},r=${params.r},p=${params.p} needs more than maxMemoryBytes (${maxMemory})`);
  }
  const engine: HashEngine = { scrypt: run, maxScryptMemory: maxMemory };

  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
      const key = await run(normalise(password), salt, { ...params, keyLength: KEY_LENGTH });
      return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${toBase64Url(salt)}$${toBase64Url(key)}`;
    },
    verify: (password, hash) => verifyPasswordHash(password, hash, engine),
    needsRehash(hash) {
      const parsed = parsePasswordHash(hash);
      if (parsed === null) return false;
      if (parsed.kind !== 'scrypt') return true;
      const { logN, r, p } = parsed.params;
      return logN !== params.logN || r !== params.r || p !== params.p || parsed.salt.length !== SALT_LENGTH || parsed.key.length !== KEY_LENGTH;
    },
  };
}

/**
 * The password hasher for a Cloudflare Workers / Raindrop isolate (128 MB of memory,
 * CPU time counted): scrypt with {@link OWASP_SCRYPT_32MIB} (N = 2^15, r = 8, p = 3,
 * 32 MiB per hash), OWASP's equal-strength alternative to the 128 MiB default, which
 * does not fit an isolate.
 *
 * It runs the runtime's native `node:crypto` scrypt where `process.getBuiltinModule`
 * offers one (workerd with the `nodejs_compat` flag, Node ≥ 20.16, Bun, Deno) and
 * the portable `@noble/hashes` scrypt elsewhere. Measured in workerd 1.20250718
 * through miniflare (`bench/workerd-hashers.mjs`, CPU time of the workerd process):
 * a hash takes about 200 ms of CPU natively and 320–340 ms portably. The native one
 * allocates its 32 MiB outside the JavaScript heap and frees it at once (workerd's
 * peak RSS rose by 32 MB after one hash, 50 MB after ten); the portable one
 * allocates it on the heap, where a few hashes' worth can await the garbage
 * collector (+46 MB after one hash, +130 MB after ten), so enable `nodejs_compat`.
 * PBKDF2 through Web Crypto ({@link webCryptoPbkdf2PasswordHasher}) costs less CPU
 * but is not memory-hard, and Cloudflare caps it at 100,000 iterations, a sixth of
 * OWASP's 600,000.
 *
 * Verifies every Pauz hash (scrypt with any parameters, PBKDF2), so a deployment can
 * move between Node and an isolate; but a stored hash needing more than
 * `maxMemoryBytes` (the Node default's 128 MiB ones) is refused with an error rather
 * than run out of memory: rehash those before moving (`needsRehash` is true for every
 * hash not made with these parameters). Within one isolate hashes run one after the
 * other (the runtime's clock stands still during computation, so even the portable
 * scrypt never yields), so concurrent sign-ins do not each hold 32 MiB at once.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/accounts/passwords.2.ts}
 */
export function isolatePasswordHasher(
  options: {
    /**
     * The scrypt implementation.
     *
     * @defaultValue the runtime's `node:crypto` scrypt when `process.getBuiltinModule('node:crypto')` provides it, else the portable `@noble/hashes` scrypt
     */
    scrypt?: ScryptFunction;
    /**
     * The most memory verifying one stored hash may take (see
     * {@link scryptPasswordHasher}'s option of the same name).
     *
     * @defaultValue `64 * 1024 * 1024` (64 MiB: twice a new hash's)
     */
    maxMemoryBytes?: number;
  } = {},
): PasswordHasher {
  return scryptPasswordHasher({
    params: OWASP_SCRYPT_32MIB,
    scrypt: options.scrypt ?? builtinScrypt() ?? portableScrypt,
    maxMemoryBytes: options.maxMemoryBytes ?? 64 * 1024 * 1024,
  });
}

type NodeScrypt = (
  password: Uint8Array,
  salt: Uint8Array,
  keyLength: number,
  options: { N: number; r: number; p: number; maxmem: number },
  callback: (error: Error | null, key: Uint8Array) => void,
) => void;

/** `node:crypto`'s scrypt where the runtime offers Node built-ins to any module, without importing `node:`. */
function builtinScrypt(): ScryptFunction | undefined {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof host?.getBuiltinModule !== 'function') return undefined;
  const scrypt = (host.getBuiltinModule('node:crypto') as { scrypt?: NodeScrypt } | undefined)?.scrypt;
  if (typeof scrypt !== 'function') return undefined;
  return (password, salt, { logN, r, p, keyLength }) =>
    new Promise((resolve, reject) => {
      const N = 2 ** logN;
      // 128·N·r bytes is what scrypt needs; leave headroom over the 32 MiB default.
      scrypt(password, salt, keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) => {
        if (error) reject(error);
        else resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
      });
    });
}

/**
 * A PBKDF2-HMAC-SHA256 {@link PasswordHasher} on Web Crypto (native in every
 * runtime, no memory to speak of). Hashes look like
 * `$pbkdf2-sha256$i=100000$<salt>$<key>` (base64url, 16-byte salt, 32-byte key of
 * the NFKC-normalised UTF-8 password, as for scrypt: standard PBKDF2, checkable by
 * any library), and it verifies every Pauz hash, scrypt ones too.
 *
 * PBKDF2 is not memory-hard, so prefer scrypt ({@link isolatePasswordHasher}) where
 * CPU allows. The iteration count is yours to choose, because no count is right
 * everywhere: OWASP asks for {@link OWASP_PBKDF2_SHA256_ITERATIONS} (600,000), but
 * Cloudflare's production runtime refuses more than
 * {@link WORKERS_PBKDF2_MAX_ITERATIONS} (100,000) per Web Crypto call. Above that
 * cap this hasher falls back to the portable `@noble/hashes` PBKDF2 (same result), so
 * hashes made with more iterations on Node still verify there, but at a high price:
 * measured in workerd through miniflare (`bench/workerd-hashers.mjs`, CPU time),
 * 100,000 iterations take about 14 ms natively and 600,000 about 77 ms, while the
 * portable 600,000 take about 1.4 s.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/accounts/passwords.3.ts}
 */
export function webCryptoPbkdf2PasswordHasher(options: {
  /**
   * PBKDF2 iterations of new hashes (existing hashes keep their own):
   * `WORKERS_PBKDF2_MAX_ITERATIONS` inside Cloudflare Workers / Raindrop,
   * `OWASP_PBKDF2_SHA256_ITERATIONS` where Web Crypto has no cap (Node, Deno, Bun).
   */
  iterations: number;
  /**
   * The scrypt implementation that verifies stored scrypt hashes.
   *
   * @defaultValue the portable `@noble/hashes` scrypt
   */
  scrypt?: ScryptFunction;
  /**
   * The most memory verifying one stored scrypt hash may take (see
   * {@link scryptPasswordHasher}'s option of the same name).
   *
   * @defaultValue no limit
   */
  maxMemoryBytes?: number;
}): PasswordHasher {
  const { iterations } = options;
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new Error(`PBKDF2 iterations must be an integer from 1 to ${MAX_PBKDF2_ITERATIONS}, got ${iterations}`);
  }
  const engine: HashEngine = {
    scrypt: options.scrypt ?? portableScrypt,
    maxScryptMemory: options.maxMemoryBytes ?? Number.POSITIVE_INFINITY,
  };
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
      const key = await pbkdf2Sha256(normalise(password), salt, iterations, KEY_LENGTH);
      return `$pbkdf2-sha256$i=${iterations}$${toBase64Url(salt)}$${toBase64Url(key)}`;
    },
    verify: (password, hash) => verifyPasswordHash(password, hash, engine),
    needsRehash(hash) {
      const parsed = parsePasswordHash(hash);
      if (parsed === null) return false;
      return parsed.kind !== 'pbkdf2-sha256' || parsed.iterations !== iterations || parsed.salt.length !== SALT_LENGTH || parsed.key.length !== KEY_LENGTH;
    },
  };
}

const MAX_PBKDF2_ITERATIONS = 100_000_000;
const encoder = new TextEncoder();
const normalise = (password: string): Uint8Array => encoder.encode(password.normalize('NFKC'));

interface HashEngine {
  scrypt: ScryptFunction;
  maxScryptMemory: number;
}

type ParsedHash =
  | { kind: 'scrypt'; params: ScryptParams; salt: Uint8Array; key: Uint8Array }
  | { kind: 'pbkdf2-sha256'; iterations: number; salt: Uint8Array; key: Uint8Array };

async function verifyPasswordHash(password: string, hash: string, engine: HashEngine): Promise<boolean> {
  const parsed = parsePasswordHash(hash);
  if (parsed === null) return false;
  const bytes = normalise(password);
  if (parsed.kind === 'pbkdf2-sha256') {
    return timingSafeEqual(await pbkdf2Sha256(bytes, parsed.salt, parsed.iterations, parsed.key.length), parsed.key);
  }
  const { logN, r, p } = parsed.params;
  if (scryptMemory(parsed.params) > engine.maxScryptMemory) {
    throw new Error(
      `A stored scrypt hash (ln=${logN},r=${r},p=${p}) needs ${Math.round(scryptMemory(parsed.params) / 2 ** 20)} MiB to verify, ` +
        `more than this hasher's maxMemoryBytes (${engine.maxScryptMemory}); rehash it where that memory is available`,
    );
  }
  return timingSafeEqual(await engine.scrypt(bytes, parsed.salt, { ...parsed.params, keyLength: parsed.key.length }), parsed.key);
}

/** Standard PBKDF2-HMAC-SHA256 on Web Crypto, or @noble/hashes where the runtime caps the iterations. */
async function pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number, keyLength: number): Promise<Uint8Array> {
  try {
    const key = await crypto.subtle.importKey('raw', password as BufferSource, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, keyLength * 8);
    return new Uint8Array(bits);
  } catch (error) {
    // Cloudflare's production runtime: "Pbkdf2 failed: iteration counts above 100000 are not supported".
    if (iterations <= WORKERS_PBKDF2_MAX_ITERATIONS || (error as { name?: unknown } | null)?.name !== 'NotSupportedError') throw error;
    const [{ pbkdf2Async }, { sha256 }] = await Promise.all([import('@noble/hashes/pbkdf2.js'), import('@noble/hashes/sha2.js')]);
    return pbkdf2Async(sha256, password, salt, { c: iterations, dkLen: keyLength });
  }
}

const SCRYPT_HASH = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([\w-]+)\$([\w-]+)$/;
const PBKDF2_HASH = /^\$pbkdf2-sha256\$i=(\d{1,9})\$([\w-]+)\$([\w-]+)$/;

/** Null for anything that is not a well-formed Pauz hash with sane parameters. */
function parsePasswordHash(hash: string): ParsedHash | null {
  const scrypt = SCRYPT_HASH.exec(hash);
  if (scrypt !== null) {
    const [logN, r, p] = [Number(scrypt[1]), Number(scrypt[2]), Number(scrypt[3])];
    if (logN < 1 || logN > 24 || r < 1 || r > 64 || p < 1 || p > 64) return null;
    const bytes = decodeSaltAndKey(scrypt[4], scrypt[5]);
    return bytes === null ? null : { kind: 'scrypt', params: { logN, r, p }, ...bytes };
  }
  const pbkdf2 = PBKDF2_HASH.exec(hash);
  if (pbkdf2 !== null) {
    const iterations = Number(pbkdf2[1]);
    if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return null;
    const bytes = decodeSaltAndKey(pbkdf2[2], pbkdf2[3]);
    return bytes === null ? null : { kind: 'pbkdf2-sha256', iterations, ...bytes };
  }
  return null;
}

function decodeSaltAndKey(salt: string | undefined, key: string | undefined): { salt: Uint8Array; key: Uint8Array } | null {
  try {
    const bytes = { salt: fromBase64Url(salt ?? ''), key: fromBase64Url(key ?? '') };
    // A key this short would be guessable by itself; no Pauz hasher writes one.
    return bytes.salt.length < 8 || bytes.key.length < 16 ? null : bytes;
  } catch {
    // Not base64url (a length of 4n+1 characters): not a hash any Pauz hasher wrote.
    return null;
  }
}
