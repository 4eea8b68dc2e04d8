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

/**
 * @pdf-lib/fontkit is bundled into the renderer's chunk, with one line changed.
 * Its browser build carries its own `process.nextTick` (browserify's shim): one queue
 * for the whole module, drained from a `setTimeout`. In workerd a timer belongs to the
 * request that set it, so two PDF renders at once in one isolate ran each other's
 * callbacks in, or left them waiting on, the other request's context: all but one
 * hung (and the runtime cancelled them). Draining with `queueMicrotask` keeps every
 * callback in its own request; on Node it changes nothing that matters (the shim was
 * already asynchronous). The build fails if the line is not found, so an upgrade
 * cannot drop the fix unnoticed. Test: examples/raindrop-service (concurrent exports).
 */
const FONTKIT_DRAIN = 'runTimeout(drainQueue)';
const patchFontkitNextTick: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'patch-fontkit-next-tick',
  setup(build) {
    build.onLoad({ filter: /[\\/]@pdf-lib[\\/]fontkit[\\/]dist[\\/]fontkit\.(umd|es)\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const found = source.split(FONTKIT_DRAIN).length - 1;
      if (found !== 1) throw new Error(`patch-fontkit-next-tick: expected ${FONTKIT_DRAIN} once in ${args.path}, found it ${found} times`);
      return { contents: source.replace(FONTKIT_DRAIN, 'queueMicrotask(drainQueue)'), loader: 'js' };
    });
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
  noExternal: ['@pdf-lib/fontkit'],
  esbuildPlugins: [patchFontkitNextTick],
});
