import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  // Maps name the original file and line (stack traces with --enable-source-maps) but
  // carry no copy of the sources: the tarball stays small (see docs in the README).
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  clean: true,
  target: 'es2022',
});
