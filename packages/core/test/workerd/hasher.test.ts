import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWASP_PBKDF2_SHA256_ITERATIONS, OWASP_SCRYPT, OWASP_SCRYPT_32MIB, scryptPasswordHasher, webCryptoPbkdf2PasswordHasher } from '../../src/index.js';
import { nodePasswordHasher } from '../../src/node.js';

/*
 * Pauz's isolate hashers inside the real workerd (miniflare 3): a hash made in
 * workerd verifies on Node and the reverse, with workerd's node:crypto scrypt
 * (`nodejs_compat`) and with the portable @noble/hashes one (no flags).
 */

const here = dirname(fileURLToPath(import.meta.url));
const PASSWORD = 'pässwörd ✓ correct horse';
let script: string;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(here, 'hasher-worker.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    external: ['cloudflare:*', 'node:*'],
    logLevel: 'error',
  });
  script = bundle.outputFiles[0]?.text ?? '';
});

interface Answer {
  hash?: string;
  ok?: boolean;
  needsRehash?: boolean;
  builtinCrypto?: boolean;
  error?: string;
}

function inWorkerd(compatibilityFlags: string[]) {
  let mf: Miniflare;
  const call = async (path: string, body: Record<string, string>): Promise<Answer & { status: number }> => {
    const response = await mf.dispatchFetch(`http://hasher.local${path}`, { method: 'POST', body: JSON.stringify(body) });
    return { status: response.status, ...((await response.json()) as Answer) };
  };
  beforeAll(async () => {
    mf = new Miniflare({ modules: true, script, compatibilityDate: '2024-09-23', compatibilityFlags });
    await mf.ready;
  });
  afterAll(() => mf?.dispose());
  return {
    runtime: () => call('/runtime', { hasher: 'isolate', password: '' }),
    async hash(hasher: string, password: string): Promise<string> {
      const answer = await call('/hash', { hasher, password });
      expect(answer, JSON.stringify(answer)).toMatchObject({ status: 200 });
      return answer.hash as string;
    },
    verify: (hasher: string, password: string, hash: string) => call('/verify', { hasher, password, hash }),
  };
}

describe.each([
  { name: 'with nodejs_compat (node:crypto scrypt)', flags: ['nodejs_compat'], builtin: true },
  { name: 'without flags (portable scrypt)', flags: [], builtin: false },
])('isolatePasswordHasher in workerd $name', ({ flags, builtin }) => {
  const workerd = inWorkerd(flags);

  it('runs the scrypt the runtime offers', async () => {
    expect(await workerd.runtime()).toMatchObject({ status: 200, builtinCrypto: builtin });
  });

  it('makes 32 MiB scrypt hashes that Node verifies', async () => {
    const hash = await workerd.hash('isolate', PASSWORD);
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[\w-]{22}\$[\w-]{43}$/);
    expect(await nodePasswordHasher().verify(PASSWORD, hash)).toBe(true);
    expect(await scryptPasswordHasher({ params: { logN: 10, r: 8, p: 1 } }).verify(PASSWORD, hash)).toBe(true);
    expect(await nodePasswordHasher().verify(`${PASSWORD}!`, hash)).toBe(false);
    expect(await workerd.verify('isolate', PASSWORD, hash)).toMatchObject({ status: 200, ok: true, needsRehash: false });
  });

  it("verifies Node's hashes of every kind, and refuses wrong passwords", async () => {
    const made = [
      await nodePasswordHasher({ params: OWASP_SCRYPT_32MIB }).hash(PASSWORD),
      await nodePasswordHasher({ params: { logN: 12, r: 8, p: 2 } }).hash(PASSWORD),
      await webCryptoPbkdf2PasswordHasher({ iterations: OWASP_PBKDF2_SHA256_ITERATIONS }).hash(PASSWORD),
    ];
    for (const [i, hash] of made.entries()) {
      expect(await workerd.verify('isolate', PASSWORD, hash), hash).toMatchObject({ status: 200, ok: true, needsRehash: i > 0 });
      expect(await workerd.verify('isolate', PASSWORD.toUpperCase(), hash), hash).toMatchObject({ status: 200, ok: false });
    }
    expect(await workerd.verify('isolate', PASSWORD, 'not a hash')).toMatchObject({ status: 200, ok: false });
  });

  it("refuses, with a clear error, to verify the Node default's 128 MiB hashes", async () => {
    const big = await nodePasswordHasher({ params: OWASP_SCRYPT }).hash(PASSWORD);
    const answer = await workerd.verify('isolate', PASSWORD, big);
    expect(answer.status).toBe(500);
    expect(answer.error).toMatch(/\(ln=17,r=8,p=1\) needs 128 MiB to verify/);
  });
});

describe('webCryptoPbkdf2PasswordHasher in workerd', () => {
  const workerd = inWorkerd(['nodejs_compat']);

  it('makes PBKDF2 hashes at the Workers cap that Node verifies, and verifies scrypt ones', async () => {
    const hash = await workerd.hash('pbkdf2', PASSWORD);
    expect(hash).toMatch(/^\$pbkdf2-sha256\$i=100000\$[\w-]{22}\$[\w-]{43}$/);
    expect(await webCryptoPbkdf2PasswordHasher({ iterations: 100_000 }).verify(PASSWORD, hash)).toBe(true);
    expect(await nodePasswordHasher().verify(PASSWORD, hash)).toBe(true);
    expect(await nodePasswordHasher().verify('wrong', hash)).toBe(false);
    const scrypt = await nodePasswordHasher({ params: OWASP_SCRYPT_32MIB }).hash(PASSWORD);
    expect(await workerd.verify('pbkdf2', PASSWORD, scrypt)).toMatchObject({ status: 200, ok: true, needsRehash: true });
  });
});
