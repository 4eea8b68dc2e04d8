import { defineConfig } from 'tsup';

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
  esbuildOptions(options) {
    options.logOverride = { ...options.logOverride, 'ignored-bare-import': 'silent' };
  },
  // Bundled CommonJS packages (pdf-lib, fontkit, the AWS SDK) require Node built-ins.
  banner: { js: "import { createRequire as __pauzCreateRequire } from 'node:module'; const require = __pauzCreateRequire(import.meta.url);" },
});
