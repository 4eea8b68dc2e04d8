import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/*
 * An app can load both builds of @pauz/core (an ESM import here, a CJS require in
 * a dependency there): two copies of every class. Errors are recognised by their
 * brand, so the CJS HTTP layer still answers the ESM services' errors with their
 * status, not 500. Checked on the built output in a plain Node process.
 */

const here = dirname(fileURLToPath(import.meta.url));

describe('the ESM and the CJS build in one process', () => {
  it('share one PauzError identity: a wrong password is a 401 across builds, each isPauzError knows the other', async () => {
    expect(existsSync(join(here, '..', 'dist', 'index.cjs')), 'run `pnpm build` first').toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [join(here, 'fixtures', 'dual-build.mjs')], { timeout: 20_000 });
    const seen = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    expect(seen).toEqual({
      twoClasses: true,
      register: { status: 201 },
      wrongPassword: { status: 401, code: 'INVALID_CREDENTIALS' },
      logged: [],
      cjsKnowsEsm: true,
      esmKnowsCjs: true,
      plainErrorRefused: true,
    });
  });
});
