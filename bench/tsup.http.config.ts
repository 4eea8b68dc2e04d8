import { defineConfig } from 'tsup';

// The HTTP bench runs against the built packages, as a host uses them: nothing from
// node_modules is bundled (better-sqlite3 is native, express is CommonJS).
export default defineConfig({
  entry: ['bench/http.ts', 'bench/http-server.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'node_modules/.cache/pauz-bench',
  skipNodeModulesBundle: true,
  splitting: false,
  silent: true,
});
