import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type CallOptions, withTimeout } from '../upstream.js';
import { DIR_MODE, FILE_MODE } from './durable.js';

/** Bytes the probe writes: enough to need a block of its own on any file system. */
const PROBE_BYTES = 4096;
/** How long a probe may take before the store is reported failing. */
export const WRITE_PROBE_TIMEOUT_MS = 5_000;

/**
 * Proves `dir` takes a write, for real: creates it when missing, writes a small file
 * (`.pauz-probe-*`, a name no key maps to), flushes it to disk and removes it. A full
 * or read-only file system fails it (`ENOSPC`, `EROFS`), where a permission check
 * would pass; a hung one fails it after {@link WRITE_PROBE_TIMEOUT_MS}
 * (`UPSTREAM_TIMEOUT` naming `what`).
 */
export async function probeWritable(dir: string, what: string, options?: CallOptions, timeoutMs = WRITE_PROBE_TIMEOUT_MS): Promise<void> {
  await withTimeout(
    what,
    timeoutMs,
    async () => {
      // Not made durable (no directory fsyncs, as writes do): the probe keeps nothing.
      await mkdir(dir, { recursive: true, mode: DIR_MODE });
      const path = join(dir, `.pauz-probe-${crypto.randomUUID()}`);
      try {
        const handle = await open(path, 'wx', FILE_MODE);
        try {
          await handle.write(new Uint8Array(PROBE_BYTES));
          await handle.sync();
        } finally {
          await handle.close();
        }
      } finally {
        await unlink(path).catch(() => undefined);
      }
    },
    options?.signal,
  );
}
