'use strict';
// Every subpath in the `exports` of every installed @pauz/* package loads with
// `require` and with `import`, and the two builds of @pauz/core share one PauzError
// brand. Reads the installed package.json files, so new packages and entries are
// covered without editing this file.
const assert = require('node:assert/strict');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

async function main() {
  const scope = join(__dirname, 'node_modules', '@pauz');
  const checked = [];
  for (const name of readdirSync(scope).sort()) {
    const pkg = JSON.parse(readFileSync(join(scope, name, 'package.json'), 'utf8'));
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
      if (typeof target === 'string') {
        require(specifier); // ./package.json
        continue;
      }
      assert.ok(target.import && target.require, `${specifier} has both an import and a require condition`);
      const esm = await import(specifier);
      let cjs;
      try {
        cjs = require(specifier);
      } catch (error) {
        // vitest refuses to be loaded with require(), so the CommonJS build of the
        // vitest suites cannot load anywhere; everything else must.
        if (!(pkg.peerDependencies?.vitest && /Vitest cannot be imported in a CommonJS module/.test(String(error)))) throw error;
        checked.push(`${specifier} (${Object.keys(esm).length}, ESM only: vitest is ESM-only)`);
        continue;
      }
      const cjsNames = Object.keys(cjs).filter((k) => k !== 'default' && k !== '__esModule').sort();
      const esmNames = Object.keys(esm).filter((k) => k !== 'default' && k !== 'module.exports').sort();
      assert.deepEqual(cjsNames, esmNames, `${specifier}: the CJS and ESM builds export the same names`);
      assert.ok(esmNames.length > 0, `${specifier} exports something`);
      checked.push(`${specifier} (${esmNames.length})`);
    }
  }
  assert.ok(checked.some((c) => c.startsWith('@pauz/core ')), 'the root entry was checked');

  // One PauzError class across builds: a Symbol.for brand, not module identity.
  const cjs = require('@pauz/core');
  const esm = await import('@pauz/core');
  assert.notEqual(cjs.PauzError, esm.PauzError, 'two builds are loaded (else this proves nothing)');
  const fromCjs = new cjs.PauzError('NOT_FOUND', 'from the CJS build');
  const fromEsm = new esm.PauzError('NOT_FOUND', 'from the ESM build');
  assert.ok(esm.isPauzError(fromCjs, 'NOT_FOUND'), 'ESM isPauzError recognises a CJS PauzError');
  assert.ok(cjs.isPauzError(fromEsm, 'NOT_FOUND'), 'CJS isPauzError recognises an ESM PauzError');
  assert.ok(!cjs.isPauzError(new Error('plain')), 'a plain Error is not a PauzError');
  assert.ok(!esm.isPauzError(fromCjs, 'VERSION_CONFLICT'), 'the code is compared');
  console.log(`entries ok: ${checked.join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
