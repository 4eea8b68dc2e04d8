import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * zod's `z.locales` namespace with English only. `z` re-exports all ~60 of zod's
 * locales (370 KB of the bundle, half of zod), which the server never switches to but
 * Node would still parse at every start. zod itself configures English the same way.
 */
const englishZodLocalesOnly: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'english-zod-locales-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales-en' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales-en' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // Bundled: Node 20 loads hundreds of small ESM files (Kysely's, zod's) slowly, which
  // was most of the server's start-up (2-3x a bare Hono server's). What is loaded on
  // demand (the PDF renderer, the S3 client, the storage adapters) stays in its own
  // chunk and is only read when used. The database drivers stay outside.
  noExternal: [/^(?!better-sqlite3$|pg$|pg\/)/],
  external: ['better-sqlite3', 'pg'],
  splitting: true,
  // @pauz/core is `sideEffects: false`: its dist's bare chunk imports (ordering hints of
  // its own bundler) are rightly dropped; no need to warn about each.
  esbuildPlugins: [englishZodLocalesOnly],
  esbuildOptions(options) {
    options.logOverride = { ...options.logOverride, 'ignored-bare-import': 'silent' };
  },
  // Bundled CommonJS packages (pdf-lib, fontkit, the AWS SDK) require Node built-ins.
  banner: { js: "import { createRequire as __pauzCreateRequire } from 'node:module'; const require = __pauzCreateRequire(import.meta.url);" },
});
