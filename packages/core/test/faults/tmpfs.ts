import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Why the small-tmpfs tests cannot run here, or `false` when they can: mounting
 * needs root. Under `CI=true` they must run, so a missing privilege is an error.
 */
export function tmpfsSkipReason(): string | false {
  if (process.platform === 'linux' && process.getuid?.() === 0) return false;
  const reason = 'mounting a small tmpfs needs root on Linux';
  if (process.env.CI === 'true') throw new Error(`The full-disk tests must run in CI: ${reason}`);
  console.warn(`\n⚠ full-disk and read-only tests skipped: ${reason}\n`);
  return reason;
}

/** A tmpfs of its own, mounted at a fresh directory. */
export interface Tmpfs {
  /** Where it is mounted: an absolute path that must appear in no answer. */
  readonly dir: string;
  /** Writes a file until the file system is full (ENOSPC). */
  fill(): void;
  /** Remounts it read-only in place: what was written stays, every write fails (EROFS), root's too. */
  remountReadOnly(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `sizeBytes`. Root only: see {@link tmpfsSkipReason}. */
export function mountTmpfs(sizeBytes: number): Tmpfs {
  const dir = mkdtempSync(join(tmpdir(), 'pauz-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]);
  return {
    dir,
    fill() {
      const chunk = new Uint8Array(64 * 1024);
      try {
        for (let i = 0; ; i++) writeFileSync(join(dir, `filler-${i}`), chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
      // A last small file takes what a 64 KiB one could not.
      try {
        for (let i = 0; ; i++) writeFileSync(join(dir, `filler-small-${i}`), new Uint8Array(512));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    },
    remountReadOnly() {
      execFileSync('mount', ['-o', 'remount,ro', dir]);
    },
    unmount() {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
