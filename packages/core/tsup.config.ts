import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['plugins']>[number];

/**
 * The CJS build is split into chunks like the ESM one, so code loaded on demand (the
 * PDF renderer, the storage adapters) stays out of what `require('@pauz/core')` loads.
 * Its on-demand chunks are loaded with `require`, not `import()`: a CommonJS host
 * (jest without VM modules, older bundlers) may not support `import()`.
 */
const requireChunksInCjs: Plugin = {
  name: 'require-chunks-in-cjs',
  renderChunk(code) {
    if (this.format !== 'cjs') return;
    const rewritten = code.replace(/\bimport\((["'])(\.\/[\w.-]+\.cjs)\1\)/g, 'Promise.resolve().then(() => require($1$2$1))');
    return rewritten === code ? undefined : { code: rewritten };
  },
};

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    http: 'src/http/index.ts',
    adapters: 'src/adapters.ts',
    sqlite: 'src/sqlite.ts',
    postgres: 'src/postgres.ts',
    node: 'src/node.ts',
    env: 'src/env.ts',
    local: 'src/local.ts',
    raindrop: 'src/raindrop.ts',
    openai: 'src/openai/index.ts',
    s3: 'src/s3/index.ts',
    's3-fetch': 'src/s3-fetch.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  // `@internal` members (service constructors, helpers between services) are left out
  // of the published declarations; TypeDoc leaves them out too (`excludeInternal`).
  dts: { compilerOptions: { stripInternal: true } },
  sourcemap: true,
  // Maps name the original file and line (stack traces with --enable-source-maps) but
  // carry no copy of the sources: the tarball stays small (see docs in the README).
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  clean: true,
  target: 'es2022',
  treeshake: true,
  splitting: true,
  plugins: [requireChunksInCjs],
});
