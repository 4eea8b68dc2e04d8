/**
 * The packages as a stranger gets them: every package under packages/* is packed with
 * `pnpm pack`, the tarballs are installed into scratch apps under os.tmpdir() (outside
 * the workspace, with only what the packages' peerDependencies name plus the app's own
 * framework), and the apps run there: ESM and CJS flows, every `exports` entry, the
 * PauzError brand across builds, `tsc` under node16/nodenext/bundler with
 * `skipLibCheck: false`, and one smoke run each on Node 20, 22 and 24, Bun and Deno.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = import.meta.dirname;
const root = resolve(here, '../..');
const fixtures = join(here, 'app');
const POSTGRES_URL = process.env.PAUZ_TEST_POSTGRES_URL;
const CI = process.env.CI === 'true';

interface Pkg {
  name: string;
  version: string;
  dir: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const packages: Pkg[] = readdirSync(join(root, 'packages'))
  .filter((name) => existsSync(join(root, 'packages', name, 'package.json')))
  .map((name) => ({ ...JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')), dir: join(root, 'packages', name) }) as Pkg)
  .filter((pkg) => !pkg.private);

/** The version the workspace installed (so the store already has it, built), else the range. */
function versionOf(dep: string, range: string): string {
  for (const dir of [root, ...packages.map((p) => p.dir), here]) {
    const file = join(dir, 'node_modules', dep, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')).version as string;
  }
  return range;
}

/** The environment of a stranger's shell: none of the workspace's pnpm/npm settings. */
const cleanEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|PNPM_|INIT_CWD$|VITEST|NODE_OPTIONS$|TEST$)/.test(k)),
);

async function sh(file: string, args: string[], cwd: string, timeout = 120_000): Promise<string> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env: cleanEnv, timeout, maxBuffer: 32 << 20 });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${basename(file)} ${args.join(' ')} (in ${cwd}) failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

let scratch: string;
let tarballs: Record<string, string>;
let fullApp: string;
const timings: Record<string, number> = {};

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[label] = Math.round(performance.now() - start);
  }
}

/** A scratch app: package.json with exactly `deps`, the @pauz tarballs pinned by override. */
async function installApp(name: string, deps: Record<string, string>): Promise<string> {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const overrides = Object.fromEntries(Object.entries(tarballs).map(([pkg, file]) => [pkg, `file:${file}`]));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `pauz-${name}`, private: true, type: 'module', dependencies: deps, pnpm: { overrides, onlyBuiltDependencies: ['better-sqlite3'] } }, null, 2),
  );
  // Peers are installed only when named: a missing peer must fail, not be auto-installed.
  writeFileSync(join(dir, '.npmrc'), 'auto-install-peers=false\nstrict-peer-dependencies=true\n');
  await timed(`install ${name}`, () => sh('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile', '--reporter=append-only'], dir, 180_000));
  return dir;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'pauz-consumer-'));
  const packed = join(scratch, 'tarballs');
  tarballs = {};
  await timed('pack', async () => {
    for (const pkg of packages) {
      const out = await sh('pnpm', ['pack', '--json', '--pack-destination', packed], pkg.dir);
      tarballs[pkg.name] = JSON.parse(out.slice(out.indexOf('{'))).filename as string;
    }
  });
  expect(Object.keys(tarballs)).toEqual(expect.arrayContaining(['@pauz/core', '@pauz/hono', '@pauz/express']));

  // Every peer every package names (optional ones too, so every subpath can load), the
  // app's own Node server for Hono, and the TypeScript toolchain.
  const deps: Record<string, string> = Object.fromEntries(Object.entries(tarballs).map(([pkg, file]) => [pkg, `file:${file}`]));
  for (const pkg of packages) {
    for (const [peer, range] of Object.entries(pkg.peerDependencies ?? {})) {
      if (!(peer in tarballs)) deps[peer] = versionOf(peer, range);
    }
  }
  deps['@hono/node-server'] = versionOf('@hono/node-server', '*');
  deps.typescript = versionOf('typescript', '*');
  deps['@types/node'] = versionOf('@types/node', '*');
  fullApp = await installApp('full-app', deps);
  for (const file of readdirSync(fixtures)) {
    if (file.includes('.')) copyFileSync(join(fixtures, file), join(fullApp, file));
  }
}, 300_000);

afterAll(() => {
  console.log(`consumer test timings (ms): ${JSON.stringify(timings)}`);
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

describe('installed from the packed tarballs', () => {
  it('is outside the workspace', () => {
    expect(fullApp.startsWith(root)).toBe(false);
    expect(existsSync(join(fullApp, 'node_modules', '@pauz', 'core', 'dist'))).toBe(true);
    // The installed package is the tarball, not a link into the repo.
    expect(readFileSync(join(fullApp, 'node_modules', '@pauz', 'core', 'package.json'), 'utf8')).not.toContain('workspace:');
  });

  it('runs the flow from ESM: SDK on a SQLite file, Hono and Express apps over HTTP', async () => {
    const out = await timed('flow esm', () => sh(process.execPath, ['flow.mjs'], fullApp));
    expect(out).toContain('flow ok (esm)');
  });

  it('runs the same flow from CommonJS', async () => {
    const out = await timed('flow cjs', () => sh(process.execPath, ['flow.cjs'], fullApp));
    expect(out).toContain('flow ok (cjs)');
  });

  it('loads every exports entry with require and import; one PauzError brand across both builds', async () => {
    const out = await timed('entries', () => sh(process.execPath, ['entries.cjs'], fullApp));
    for (const pkg of packages) expect(out).toContain(`${pkg.name} (`);
    for (const subpath of Object.keys(packages.find((p) => p.name === '@pauz/core')?.exports ?? {})) {
      if (subpath !== '.' && subpath !== './package.json') expect(out).toContain(`@pauz/core/${subpath.slice(2)} (`);
    }
  });

  it('needs no more than its required peers for the root entry and one optional peer for /sqlite', async () => {
    const core = packages.find((p) => p.name === '@pauz/core');
    const required = Object.entries(core?.peerDependencies ?? {}).filter(([peer]) => core?.peerDependenciesMeta?.[peer]?.optional !== true);
    const deps: Record<string, string> = { '@pauz/core': `file:${tarballs['@pauz/core']}` };
    for (const [peer, range] of required) deps[peer] = versionOf(peer, range);
    deps['better-sqlite3'] = versionOf('better-sqlite3', '*');
    const app = await installApp('core-only-app', deps);
    const program = [
      "const db = sqlite.createSqliteDatabase({ filename: 'nested/dir/pauz.db' });",
      "const pauz = core.createPauz({ db, buckets: core.memoryBuckets(), pdfs: core.memoryPdfStore({ secret: 'consumer-test-secret-of-at-least-32-chars', publicBaseUrl: 'http://x.test' }) });",
      'await pauz.migrate();',
      "const { user } = await pauz.accounts.register({ email: 'a@example.com', password: 'correct horse battery' });",
      "const s = await pauz.freeJournal.create(user.id, { title: 't' });",
      "console.log('saved', (await pauz.freeJournal.save(user.id, s.id, { content: 'one two', baseVersion: s.version })).wordCount);",
      'await db.destroy();',
    ].join('\n');
    writeFileSync(join(app, 'esm.mjs'), `import * as core from '@pauz/core';\nimport * as sqlite from '@pauz/core/sqlite';\n${program}\n`);
    writeFileSync(join(app, 'cjs.cjs'), `const core = require('@pauz/core');\nconst sqlite = require('@pauz/core/sqlite');\n(async () => {\n${program}\n})().catch((e) => { console.error(e); process.exitCode = 1; });\n`);
    expect(await sh(process.execPath, ['esm.mjs'], app)).toContain('saved 2');
    rmSync(join(app, 'nested'), { recursive: true });
    expect(await sh(process.execPath, ['cjs.cjs'], app)).toContain('saved 2');
  });
});

describe('TypeScript, strict with skipLibCheck: false', () => {
  const resolutions = [
    { name: 'node16', compilerOptions: { module: 'node16', moduleResolution: 'node16' } },
    { name: 'nodenext', compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } },
    { name: 'bundler', compilerOptions: { module: 'preserve', moduleResolution: 'bundler' } },
  ];

  beforeAll(() => {
    const ts = join(fullApp, 'ts');
    mkdirSync(ts, { recursive: true });
    for (const file of readdirSync(join(fixtures, 'ts'))) copyFileSync(join(fixtures, 'ts', file), join(ts, file));
    // Every exports entry of every package, imported from ESM and from CJS.
    const specifiers = packages.flatMap((pkg) =>
      Object.keys(pkg.exports ?? {})
        .filter((s) => s !== './package.json')
        .map((s) => (s === '.' ? pkg.name : `${pkg.name}/${s.slice(2)}`)),
    );
    const ident = (s: string) => s.replace(/\W/g, '_');
    writeFileSync(join(ts, 'entries.mts'), specifiers.map((s) => `export * as ${ident(s)} from '${s}';`).join('\n') + '\n');
    writeFileSync(join(ts, 'entries.cts'), specifiers.map((s) => `import ${ident(s)} = require('${s}');\nexport { ${ident(s)} };`).join('\n') + '\n');
    // The TypeScript examples of every package README, as a reader would paste them.
    for (const pkg of packages) {
      const readme = readFileSync(join(pkg.dir, 'README.md'), 'utf8');
      [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].forEach((match, i) => {
        writeFileSync(join(ts, `readme-${ident(pkg.name)}-${i}.mts`), `${match[1]}\nexport {};\n`);
      });
    }
  });

  for (const { name, compilerOptions } of resolutions) {
    it.concurrent(`compiles the app, every entry and the README examples under moduleResolution ${name}`, async () => {
      const ts = join(fullApp, 'ts');
      const config = join(ts, `tsconfig.${name}.json`);
      writeFileSync(
        config,
        JSON.stringify({
          compilerOptions: {
            ...compilerOptions,
            target: 'es2022',
            lib: ['es2023', 'dom'],
            types: ['node'],
            strict: true,
            skipLibCheck: false,
            noEmit: true,
            noUncheckedIndexedAccess: true,
          },
          include: ['*.mts', '*.cts'],
        }),
      );
      await timed(`tsc ${name}`, () => sh(join(fullApp, 'node_modules', '.bin', 'tsc'), ['-p', config], ts));
    });
  }
});

describe('runtimes', () => {
  const bin = (path: string) => join(here, 'node_modules', path);
  const runtimes = [
    { name: 'node20', cmd: process.execPath, args: [] as string[] },
    { name: 'node22', cmd: bin('node22/bin/node'), args: [] },
    { name: 'node24', cmd: bin('node24/bin/node'), args: [] },
    { name: 'bun', cmd: bin('bun/bin/bun.exe'), args: [] },
    { name: 'deno', cmd: bin('.bin/deno'), args: ['run', '--allow-all', '--quiet'] },
  ];
  for (const runtime of runtimes) {
    const available = existsSync(runtime.cmd);
    const ready = available && POSTGRES_URL !== undefined;
    if (!ready && CI) {
      it(`${runtime.name}: runs the smoke flow`, () => {
        throw new Error(`${runtime.name} cannot run in CI: ${available ? 'PAUZ_TEST_POSTGRES_URL is not set' : `${runtime.cmd} is not installed`}`);
      });
      continue;
    }
    (ready ? it.concurrent : it.skip)(`${runtime.name}: runs the smoke flow`, async () => {
      const version = await sh(runtime.cmd, ['--version'], fullApp);
      const out = await timed(`smoke ${runtime.name}`, () => sh(runtime.cmd, [...runtime.args, 'smoke.mjs', POSTGRES_URL ?? '', runtime.name], fullApp));
      expect(out, `${runtime.name} ${version}`).toContain(`smoke ok (${runtime.name})`);
      if ('@pauz/client' in tarballs) expect(out).toContain(`client ok (${runtime.name})`);
    });
  }
});
