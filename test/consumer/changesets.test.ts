/**
 * Releases: every public package is versioned by changesets, and `changeset version`
 * turns the pending changesets into a CHANGELOG.md and a new version per package.
 * Run in a temporary copy of the repository's manifests, never in the repository.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const copy = mkdtempSync(join(tmpdir(), 'pauz-changesets-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const publicPackages = readdirSync(join(root, 'packages'))
  .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter(({ pkg }) => !pkg.private);

it('the root package.json has a release script that builds, lints and publishes (and CI never runs it)', () => {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
  expect(scripts.release).toMatch(/^pnpm build && .*changeset publish$/);
  expect(readFileSync(join(root, '.ci/run'), 'utf8')).not.toMatch(/\brelease\b|changeset publish/);
});

it('changeset version writes a CHANGELOG.md and bumps every public package', async () => {
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset']) cpSync(join(root, file), join(copy, file), { recursive: true });
  for (const parent of ['packages', 'examples', 'test']) {
    if (!existsSync(join(root, parent))) continue;
    for (const dir of readdirSync(join(root, parent))) {
      const manifest = join(root, parent, dir, 'package.json');
      if (!existsSync(manifest)) continue;
      mkdirSync(join(copy, parent, dir), { recursive: true });
      writeFileSync(join(copy, parent, dir, 'package.json'), readFileSync(manifest));
    }
  }
  const pending = readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  expect(pending.length).toBeGreaterThan(0);

  await run(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: copy, env: { ...process.env, CI: 'true' } });

  for (const { dir, pkg } of publicPackages) {
    const changelog = join(copy, 'packages', dir, 'CHANGELOG.md');
    expect(existsSync(changelog), `${pkg.name} has no CHANGELOG.md: does a pending changeset name it?`).toBe(true);
    const bumped = JSON.parse(readFileSync(join(copy, 'packages', dir, 'package.json'), 'utf8'));
    expect(bumped.version, pkg.name).not.toBe(pkg.version);
    expect(readFileSync(changelog, 'utf8')).toContain(`## ${bumped.version}`);
  }
  // The changesets were consumed; the repository itself is untouched.
  expect(readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')).toEqual([]);
  expect(readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')).toEqual(pending.sort());
  // Linked: the published packages move to one version.
  const versions = new Set(publicPackages.map(({ dir }) => JSON.parse(readFileSync(join(copy, 'packages', dir, 'package.json'), 'utf8')).version));
  expect(versions.size).toBe(1);
});
