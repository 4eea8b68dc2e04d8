import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  // Maps name the original file and line but carry no copy of the sources.
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  clean: true,
  target: 'es2022',
  // Types only: nothing of @pauz/core may reach the bundle (a test checks the output).
  external: ['@pauz/core'],
});
