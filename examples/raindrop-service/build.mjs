// Builds dist/index.js: one ES module that workerd loads as it is. Everything is
// bundled except the runtime's own `cloudflare:*` modules; `node:*` built-ins are
// provided by workerd's nodejs_compat.
import { build } from 'esbuild';

const result = await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  mainFields: ['module', 'main'],
  conditions: ['workerd', 'worker', 'browser', 'import', 'default'],
  external: ['cloudflare:*', 'node:*'],
  minify: true,
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  // @pauz/core is `sideEffects: false`: its chunks' bare imports are ordering hints of its own bundler.
  logOverride: { 'ignored-bare-import': 'silent' },
});
const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint === 'src/index.ts')?.bytes ?? 0;
console.log(`dist/index.js: ${(bytes / 1024).toFixed(0)} KiB`);
