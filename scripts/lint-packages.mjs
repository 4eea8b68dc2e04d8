#!/usr/bin/env node
// Checks every package under packages/* as the registry and its users will see it:
// the packed tarball's metadata and files, `publint --strict`, and
// `@arethetypeswrong/cli` on the node16 (CJS and ESM) and bundler profiles. Run by
// `pnpm lint` (so by CI); a new package is covered by being in packages/.
//
// `node scripts/lint-packages.mjs --fix` first writes what can be derived (repository,
// homepage, bugs, author, engines, files, LICENSE) into every package, for a new one.
//
// node10 is not a supported profile: TypeScript's `moduleResolution: "node"` ignores
// `exports`, so no subpath can resolve there, and TypeScript deprecates it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const rootLicense = readFileSync(join(root, 'LICENSE'), 'utf8');
const problems = [];
const rootEngines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines;

/** Writes the derivable metadata into packages/<name>/package.json, keeping key order. */
function fix(name, dir) {
  const file = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  if (pkg.private) return;
  const derived = {
    keywords: pkg.keywords ?? ['pauz', 'journaling'],
    homepage: `https://github.com/pauz-dev/pauz/tree/main/packages/${name}#readme`,
    bugs: { url: 'https://github.com/pauz-dev/pauz/issues' },
    repository: { type: 'git', url: 'git+https://github.com/pauz-dev/pauz.git', directory: `packages/${name}` },
    author: 'Pauz contributors',
  };
  const out = {};
  for (const [key, value] of Object.entries(pkg)) {
    if (key in derived) continue;
    out[key] = value;
    if (key === 'description') Object.assign(out, derived);
  }
  out.license = 'MIT';
  out.engines = rootEngines;
  out.files = [...new Set([...(pkg.files ?? ['dist']), 'LICENSE', 'README.md'])];
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  copyFileSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
}
const scratch = mkdtempSync(join(tmpdir(), 'pauz-lint-packages-'));

try {
  for (const name of readdirSync(join(root, 'packages')).sort()) {
    const dir = join(root, 'packages', name);
    if (!existsSync(join(dir, 'package.json'))) continue;
    if (process.argv.includes('--fix')) fix(name, dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    const fail = (message) => problems.push(`${pkg.name}: ${message}`);

    if (pkg.license !== 'MIT') fail(`license is ${JSON.stringify(pkg.license)}, not MIT`);
    if (pkg.author !== 'Pauz contributors') fail('author must be "Pauz contributors"');
    if (pkg.repository?.directory !== `packages/${name}`) fail(`repository.directory must be packages/${name}`);
    if (!pkg.repository?.url?.startsWith('git+https://')) fail('repository.url must be a git+https URL');
    if (typeof pkg.homepage !== 'string' || !pkg.homepage.startsWith('https://')) fail('homepage missing');
    if (typeof pkg.bugs?.url !== 'string') fail('bugs.url missing');
    if (!Array.isArray(pkg.keywords) || pkg.keywords.length < 2) fail('keywords missing');
    if (typeof pkg.description !== 'string' || pkg.description.length < 10) fail('description missing');
    if (JSON.stringify(pkg.engines) !== JSON.stringify(rootEngines)) {
      fail('engines differ from the root package.json (the Node versions CI tests)');
    }
    for (const peer of Object.keys(pkg.peerDependencies ?? {})) {
      if (peer.startsWith('@types/') && pkg.peerDependenciesMeta?.[peer]?.optional !== true) {
        fail(`type-only peer ${peer} must be optional in peerDependenciesMeta`);
      }
    }
    if (!existsSync(join(dir, 'LICENSE')) || readFileSync(join(dir, 'LICENSE'), 'utf8') !== rootLicense) {
      fail('LICENSE missing or different from the repository LICENSE');
    }
    const readme = existsSync(join(dir, 'README.md')) ? readFileSync(join(dir, 'README.md'), 'utf8') : '';
    if (!readme.startsWith(`# ${pkg.name}\n`)) fail('README.md missing or not titled with the package name');
    if (!readme.includes(`npm install ${pkg.name}`)) fail('README.md has no install line');
    for (const peer of Object.keys(pkg.peerDependencies ?? {})) {
      if (pkg.peerDependenciesMeta?.[peer]?.optional !== true && !readme.includes(peer)) {
        fail(`README.md does not name the required peer ${peer}`);
      }
    }

    const out = join(scratch, name);
    const packed = execFileSync('pnpm', ['pack', '--json', '--pack-destination', out], { cwd: dir, encoding: 'utf8' });
    const { filename, files } = JSON.parse(packed.slice(packed.indexOf('{')));
    const paths = files.map((f) => f.path);
    for (const required of ['LICENSE', 'README.md', 'package.json']) {
      if (!paths.includes(required)) fail(`${required} is not in the tarball`);
    }
    if (paths.some((p) => p.startsWith('src/') && p.endsWith('.ts'))) fail('TypeScript sources leaked into the tarball');
    for (const map of paths.filter((p) => p.endsWith('.map'))) {
      const content = JSON.parse(execFileSync('tar', ['-xOzf', filename, `package/${map}`], { encoding: 'utf8', maxBuffer: 64 << 20 }));
      if (content.sourcesContent !== undefined) {
        fail(`${map} embeds sourcesContent (the tarball would carry every source twice)`);
        break;
      }
    }

    const run = (label, file, args) => {
      try {
        execFileSync(file, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
        console.log(`ok   ${pkg.name}: ${label}`);
      } catch (error) {
        fail(`${label} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      }
    };
    run('publint --strict', bin('publint'), ['--strict', '--pack', 'pnpm']);
    run('attw (node16 CJS+ESM, bundler)', bin('attw'), [filename, '--profile', 'node16', '--format', 'ascii']);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`\n${problems.length} package problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('all packages ok');
