import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    sqlite: 'src/sqlite.ts',
    postgres: 'src/postgres.ts',
    node: 'src/node.ts',
    env: 'src/env.ts',
    local: 'src/local.ts',
    raindrop: 'src/raindrop.ts',
    openai: 'src/openai/index.ts',
    s3: 'src/s3/index.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
});
