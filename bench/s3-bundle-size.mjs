/**
 * S3 bundle-size benchmark: what the PDF store costs a Worker / Raindrop service
 * bundle. Each variant is a small worker (a `fetch` handler that builds the Vultr
 * store from `env`, puts a PDF and answers its link) bundled the way wrangler and
 * Raindrop bundle one: esbuild, ESM, minified, platform neutral, conditions
 * `workerd`, `worker`, `browser`, `cloudflare:*` and `node:*` external. Reported:
 * bytes minified and gzipped (level 9), and from the metafile how many files of the
 * AWS SDK (`@aws-sdk/*`, `@smithy/*`, `@aws-crypto/*`) ended up in the bundle and how
 * many esbuild had to resolve (each of those must be installed, even if unused).
 *
 * Variants:
 * - `sdk`: `vultrPdfStore` from `@pauz/core/s3` (AWS SDK v3 client + presigner)
 * - `fetch`: `vultrFetchPdfStore` from `@pauz/core/s3-fetch` (aws4fetch)
 * - `fetch-via-s3`: `vultrFetchPdfStore` imported from `@pauz/core/s3` (does the
 *   unused SDK import tree-shake away? It needs the SDK installed to resolve.)
 * - `aws4fetch`: aws4fetch alone (`AwsClient` signing one request), for reference.
 *
 * Run from the repository root (after `pnpm build`): pnpm run bench:s3-bundle
 * (`node bench/s3-bundle-size.mjs --json` prints the rows as JSON.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const core = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'core');
const esbuild = createRequire(join(core, 'package.json'))('esbuild');
const dist = (file) => JSON.stringify(join(core, 'dist', file));

const handler = (factory) => `
export default {
  async fetch(request, env) {
    const pdfs = ${factory}({
      region: env.VULTR_REGION,
      bucket: env.VULTR_BUCKET_NAME,
      accessKey: env.VULTR_ACCESS_KEY,
      secretKey: env.VULTR_SECRET_KEY,
      ...(env.VULTR_ENDPOINT ? { endpoint: env.VULTR_ENDPOINT } : {}),
    });
    await pdfs.put('bench/one.pdf', new Uint8Array(await request.arrayBuffer()));
    return Response.json(await pdfs.url('bench/one.pdf'));
  },
};`;

const variants = [
  ['sdk', `import { vultrPdfStore } from ${dist('s3.js')};${handler('vultrPdfStore')}`],
  ['fetch', `import { vultrFetchPdfStore } from ${dist('s3-fetch.js')};${handler('vultrFetchPdfStore')}`],
  ['fetch-via-s3', `import { vultrFetchPdfStore } from ${dist('s3.js')};${handler('vultrFetchPdfStore')}`],
  [
    'aws4fetch',
    `import { AwsClient } from 'aws4fetch';
export default {
  async fetch(request, env) {
    const aws = new AwsClient({ accessKeyId: env.K, secretAccessKey: env.S, service: 's3', region: 'us-east-1' });
    return fetch(await aws.sign(env.URL, { method: 'PUT', body: new Uint8Array(await request.arrayBuffer()) }));
  },
};`,
  ],
];

const SDK_INPUT = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?@(?:aws-sdk|smithy|aws-crypto)\//;

/** Bundles `source` as a worker; the minified bytes, gzipped bytes and SDK inputs. */
async function measure(name, source, dir) {
  const entry = join(dir, `${name}.mjs`);
  writeFileSync(entry, source);
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    external: ['cloudflare:*', 'node:*'],
    minify: true,
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
    // Resolve packages as the core package does (its node_modules holds aws4fetch and the SDK).
    nodePaths: [join(core, 'node_modules')],
  });
  const code = result.outputFiles[0].contents;
  const parsed = Object.keys(result.metafile.inputs);
  // What made it into the bundle: inputs of the one output with bytes in it.
  const [output] = Object.values(result.metafile.outputs);
  const bundled = Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([path]) => path);
  return {
    variant: name,
    minifiedBytes: code.byteLength,
    gzippedBytes: gzipSync(code, { level: 9 }).byteLength,
    sdkFilesBundled: bundled.filter((path) => SDK_INPUT.test(path)).length,
    filesBundled: bundled.length,
    sdkFilesResolved: parsed.filter((path) => SDK_INPUT.test(path)).length,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'pauz-bench-s3-'));
try {
  const rows = [];
  for (const [name, source] of variants) rows.push(await measure(name, source, dir));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log('variant         minified bytes          gzipped bytes   SDK files bundled / files bundled   SDK files resolved');
    for (const r of rows) {
      console.log(
        `${r.variant.padEnd(14)} ${String(r.minifiedBytes).padStart(8)} (${kb(r.minifiedBytes).padStart(9)})  ${String(r.gzippedBytes).padStart(7)} (${kb(r.gzippedBytes).padStart(9)})  ${String(r.sdkFilesBundled).padStart(17)} / ${String(r.filesBundled).padEnd(15)}  ${String(r.sdkFilesResolved).padStart(18)}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
