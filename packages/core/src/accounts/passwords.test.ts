import { describe, expect, it } from 'vitest';
import { OWASP_SCRYPT, scryptPasswordHasher } from './passwords.js';
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
