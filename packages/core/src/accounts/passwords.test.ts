import { pbkdf2Sync, scryptSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  isolatePasswordHasher,
  OWASP_PBKDF2_SHA256_ITERATIONS,
  OWASP_SCRYPT,
  OWASP_SCRYPT_32MIB,
  scryptPasswordHasher,
  webCryptoPbkdf2PasswordHasher,
  WORKERS_PBKDF2_MAX_ITERATIONS,
} from './passwords.js';
import { nodePasswordHasher } from '../node.js';

const FAST = { logN: 10, r: 8, p: 1 };

describe('scrypt password hashing', () => {
  it('defaults to the OWASP parameters (N=2^17, r=8, p=1)', async () => {
    expect(OWASP_SCRYPT).toEqual({ logN: 17, r: 8, p: 1 });
    const hash = await nodePasswordHasher().hash('correct horse');
    expect(hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await nodePasswordHasher().verify('correct horse', hash)).toBe(true);
  });

  it('salts every hash and verifies only the right password', async () => {
    const hasher = scryptPasswordHasher({ params: FAST });
    const a = await hasher.hash('correct horse');
    const b = await hasher.hash('correct horse');
    expect(a).not.toBe(b);
    expect(await hasher.verify('correct horse', a)).toBe(true);
    expect(await hasher.verify('correct horsE', a)).toBe(false);
    expect(await hasher.verify('', a)).toBe(false);
  });

  it('verifies across the portable and native implementations', async () => {
    const portable = scryptPasswordHasher({ params: FAST });
    const native = nodePasswordHasher({ params: FAST });
    expect(await native.verify('pässwörd ✓', await portable.hash('pässwörd ✓'))).toBe(true);
    expect(await portable.verify('pässwörd ✓', await native.hash('pässwörd ✓'))).toBe(true);
  });

  it('verifies hashes made with other parameters', async () => {
    const old = await scryptPasswordHasher({ params: { logN: 11, r: 8, p: 2 } }).hash('secret words');
    expect(await scryptPasswordHasher({ params: FAST }).verify('secret words', old)).toBe(true);
  });

  it('treats malformed or absurd hashes as a mismatch', async () => {
    const hasher = scryptPasswordHasher({ params: FAST });
    for (const hash of ['', 'plain', '$scrypt$ln=40,r=8,p=1$AAAA$AAAA', '$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA']) {
      expect(await hasher.verify('x', hash)).toBe(false);
    }
  });
});

describe('hashers for an isolate', () => {
  const decode = (text: string): Buffer => Buffer.from(text, 'base64url');

  it('makes OWASP 32 MiB scrypt hashes (N=2^15, r=8, p=3) that the portable and Node hashers verify', async () => {
    expect(OWASP_SCRYPT_32MIB).toEqual({ logN: 15, r: 8, p: 3 });
    const isolate = isolatePasswordHasher();
    const hash = await isolate.hash('pässwörd ✓');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[\w-]{22}\$[\w-]{43}$/);
    // On Node the isolate hasher runs node:crypto through process.getBuiltinModule; the
    // portable hasher is @noble/hashes: each verifies the other's hashes.
    expect(await scryptPasswordHasher({ params: FAST }).verify('pässwörd ✓', hash)).toBe(true);
    expect(await nodePasswordHasher({ params: FAST }).verify('pässwörd ✓', hash)).toBe(true);
    expect(await isolate.verify('pässwörd ✓', await scryptPasswordHasher({ params: OWASP_SCRYPT_32MIB }).hash('pässwörd ✓'))).toBe(true);
    expect(await isolate.verify('pässwörd ✓', await nodePasswordHasher({ params: FAST }).hash('pässwörd ✓'))).toBe(true);
    expect(await isolate.verify('passwörd ✓', hash)).toBe(false);
  });

  it("derives the same key as Node's scryptSync", async () => {
    const hash = await isolatePasswordHasher().hash('correct horse');
    const [, , , salt, key] = hash.split('$') as [string, string, string, string, string];
    const expected = scryptSync('correct horse', decode(salt), 32, { N: 2 ** 15, r: 8, p: 3, maxmem: 2 ** 26 });
    expect(decode(key).equals(expected)).toBe(true);
  });

  it("runs the runtime's node:crypto scrypt when process.getBuiltinModule offers it", async () => {
    const builtin = vi.spyOn(process, 'getBuiltinModule');
    try {
      expect(await isolatePasswordHasher().hash('x')).toMatch(/^\$scrypt\$ln=15,/);
      expect(builtin).toHaveBeenCalledWith('node:crypto');
    } finally {
      builtin.mockRestore();
    }
  });

  it('refuses a stored hash that needs more memory than it allows, naming its parameters', async () => {
    const big = await nodePasswordHasher().hash('correct horse'); // ln=17: 128 MiB
    await expect(isolatePasswordHasher().verify('correct horse', big)).rejects.toThrow(/ln=17,r=8,p=1\) needs 128 MiB/);
    expect(await isolatePasswordHasher({ maxMemoryBytes: 2 ** 28 }).verify('correct horse', big)).toBe(true);
    expect(() => scryptPasswordHasher({ params: OWASP_SCRYPT, maxMemoryBytes: 2 ** 26 })).toThrow(/maxMemoryBytes/);
  });

  it('makes standard PBKDF2-HMAC-SHA256 hashes that every hasher verifies', async () => {
    const pbkdf2 = webCryptoPbkdf2PasswordHasher({ iterations: 1000 });
    const hash = await pbkdf2.hash('pässwörd ✓');
    expect(hash).toMatch(/^\$pbkdf2-sha256\$i=1000\$[\w-]{22}\$[\w-]{43}$/);
    const [, , , salt, key] = hash.split('$') as [string, string, string, string, string];
    expect(decode(key).equals(pbkdf2Sync('pässwörd ✓'.normalize('NFKC'), decode(salt), 1000, 32, 'sha256'))).toBe(true);
    for (const other of [scryptPasswordHasher({ params: FAST }), nodePasswordHasher({ params: FAST }), isolatePasswordHasher()]) {
      expect(await other.verify('pässwörd ✓', hash)).toBe(true);
      expect(await other.verify('pässwörd', hash)).toBe(false);
    }
    expect(await pbkdf2.verify('pässwörd ✓', await scryptPasswordHasher({ params: FAST }).hash('pässwörd ✓'))).toBe(true);
    expect(await pbkdf2.verify('pässwörd ✓', await webCryptoPbkdf2PasswordHasher({ iterations: 2000 }).hash('pässwörd ✓'))).toBe(true);
    expect(await pbkdf2.verify('pässwörd', hash)).toBe(false);
  });

  it('takes OWASP 600,000 iterations where Web Crypto allows and rejects nonsense counts', async () => {
    expect(OWASP_PBKDF2_SHA256_ITERATIONS).toBe(600_000);
    expect(await webCryptoPbkdf2PasswordHasher({ iterations: OWASP_PBKDF2_SHA256_ITERATIONS }).hash('x')).toMatch(/^\$pbkdf2-sha256\$i=600000\$/);
    for (const iterations of [0, 1.5, -1, 1e9]) expect(() => webCryptoPbkdf2PasswordHasher({ iterations })).toThrow(/iterations/);
  });

  it("computes PBKDF2 above Cloudflare's 100,000 cap with @noble/hashes where Web Crypto refuses it", async () => {
    expect(WORKERS_PBKDF2_MAX_ITERATIONS).toBe(100_000);
    // Cloudflare's production runtime, which local workerd does not reproduce: the error it throws.
    const deriveBits = crypto.subtle.deriveBits.bind(crypto.subtle);
    const capped = vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation(async (algorithm, key, length) => {
      const { iterations } = algorithm as Pbkdf2Params;
      if (iterations > 100_000) {
        throw new DOMException(`Pbkdf2 failed: iteration counts above 100000 are not supported (requested ${iterations}).`, 'NotSupportedError');
      }
      return deriveBits(algorithm, key, length);
    });
    try {
      const hash = await webCryptoPbkdf2PasswordHasher({ iterations: 100_001 }).hash('correct horse');
      const [, , , salt, key] = hash.split('$') as [string, string, string, string, string];
      expect(decode(key).equals(pbkdf2Sync('correct horse', decode(salt), 100_001, 32, 'sha256'))).toBe(true);
      expect(await isolatePasswordHasher().verify('correct horse', hash)).toBe(true);
      expect(await isolatePasswordHasher().verify('correct horsE', hash)).toBe(false);
      expect(capped).toHaveBeenCalled();
    } finally {
      capped.mockRestore();
    }
  });

  it('lets any other Web Crypto failure through', async () => {
    const failing = vi.spyOn(crypto.subtle, 'deriveBits').mockRejectedValue(new DOMException('boom', 'OperationError'));
    try {
      await expect(webCryptoPbkdf2PasswordHasher({ iterations: 200_000 }).hash('x')).rejects.toThrow('boom');
    } finally {
      failing.mockRestore();
    }
  });

  it('says which hashes should be made again', async () => {
    const isolate = isolatePasswordHasher();
    const pbkdf2 = webCryptoPbkdf2PasswordHasher({ iterations: 1000 });
    const own = await isolate.hash('x');
    const fast = await scryptPasswordHasher({ params: FAST }).hash('x');
    const pbkdf2Hash = await pbkdf2.hash('x');
    expect(isolate.needsRehash?.(own)).toBe(false);
    expect(isolate.needsRehash?.(fast)).toBe(true);
    expect(isolate.needsRehash?.(pbkdf2Hash)).toBe(true);
    expect(isolate.needsRehash?.('plain')).toBe(false);
    expect(pbkdf2.needsRehash?.(pbkdf2Hash)).toBe(false);
    expect(webCryptoPbkdf2PasswordHasher({ iterations: 2000 }).needsRehash?.(pbkdf2Hash)).toBe(true);
    expect(pbkdf2.needsRehash?.(own)).toBe(true);
    expect(scryptPasswordHasher({ params: FAST }).needsRehash?.(fast)).toBe(false);
    expect(nodePasswordHasher().needsRehash?.(fast)).toBe(true);
  });

  it('treats malformed hashes of either kind as a mismatch in every hasher', async () => {
    const key = 'A'.repeat(43);
    const salt = 'A'.repeat(22);
    const malformed = [
      `$pbkdf2-sha256$i=0$${salt}$${key}`,
      `$pbkdf2-sha256$i=1000000000$${salt}$${key}`,
      `$pbkdf2-sha256$i=1000$${salt}$AAAA`, // a 3-byte key
      `$pbkdf2-sha256$i=1000$A$${key}`, // not base64url
      `$pbkdf2-sha512$i=1000$${salt}$${key}`,
      `$scrypt$ln=15,r=0,p=3$${salt}$${key}`,
      `$scrypt$ln=15,r=8,p=3$${salt}$${key}AA`, // 45 characters: 4n+1 is not base64url
      `$scrypt$ln=15,r=8,p=3$${salt}$${key}$`,
    ];
    for (const hasher of [isolatePasswordHasher(), webCryptoPbkdf2PasswordHasher({ iterations: 1000 }), scryptPasswordHasher({ params: FAST })]) {
      for (const hash of malformed) expect(await hasher.verify('x', hash), hash).toBe(false);
    }
  });
});
