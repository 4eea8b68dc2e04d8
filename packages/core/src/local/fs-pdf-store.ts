import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { isPauzError, PauzError } from '../errors.js';
import { assertPdfKey, keyFileName } from '../pdf-store/keys.js';
import { type PdfLinkSignerOptions, pdfLinkSigner, pdfVersion } from '../pdf-store/signed-link.js';
import type { PdfStore } from '../pdf-store/types.js';
import type { SweepOptions } from '../buckets/types.js';
import { signedLinkReader } from '../pdf-store/read-signed.js';
import { type CallOptions, safeReason, throwIfAborted } from '../upstream.js';
import { isMissing, removeFile, removeTree, sweepTempFiles, syncDirectory, writeDurably } from './durable.js';
import { probeWritable } from './write-probe.js';

/**
 * Options of {@link fsPdfStore}.
 *
 * @category Adapters
 */
export interface FsPdfStoreOptions extends PdfLinkSignerOptions {
  /** Directory the PDFs live under (created when missing). */
  root: string;
}

/** A temp file of a put: `.<file name>.<uuid>.tmp` (a leading dot never starts a key segment). */
const isTempName = (name: string): boolean => name.startsWith('.') && name.endsWith('.tmp');

/** The operations of the filesystem PDF store, as named in its errors. */
type FsPdfOperation = 'put' | 'get' | 'delete' | 'check';

/**
 * A failed file operation as the PdfStore's failure, `S3_FAILED` (a 502, like any
 * PDF store's): the operation, the key and the system error's code — never the
 * absolute path, which stays in `cause` for the log.
 */
function pdfFailure(operation: FsPdfOperation, key: string | undefined, error: unknown): PauzError {
  if (isPauzError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const target = key === undefined ? '' : ` ${key}`;
  return new PauzError('S3_FAILED', `PDF store ${operation}${target} failed: ${safeReason(error) ?? 'unexpected error (see the server log)'}`, {
    details: { operation, ...(key === undefined ? {} : { key }), ...(typeof code === 'string' ? { errno: code } : {}) },
    cause: error,
  });
}

/** Runs one file step of `operation`, failing with {@link pdfFailure}'s error. */
async function guarded<T>(operation: FsPdfOperation, key: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw pdfFailure(operation, key, error);
  }
}

/**
 * A {@link PdfStore} on the local file system (Node), for development and single-
 * server deployments. Files live under `root` at their key's path. Writes are
 * crash-safe by construction: a temp file (mode 0600) is written, flushed, renamed
 * into place and the directory flushed, so a reader or a crash never sees half a
 * PDF; a crash can leave only a `.….tmp` file, which `sweepIncomplete` (from
 * `reconcile()`) and `deletePrefix` (from account deletion) remove. Directories are
 * created 0700. Links are signed with HMAC-SHA256 and expire
 * (`${publicBaseUrl}/files/pdf/<key>?expires=…&signature=…`); the Pauz HTTP layer
 * serves them through {@link PdfStore.readSigned} (`readSignedPdf`). A failed file
 * operation (a full or read-only disk) is `S3_FAILED`, the PDF store's failure,
 * naming the operation, the key and the system error's code, never the path; `check`
 * writes a small file for real. A `signal` is
 * checked before each call and, in `put`, once more before the file is renamed into
 * place (an aborted put leaves the previous PDF, if any, untouched).
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/local/fs-pdf-store.ts}
 */
export function fsPdfStore(options: FsPdfStoreOptions): FsPdfStore {
  const signer = pdfLinkSigner(options);
  const root = resolve(options.root);

  const pathOf = (key: string): string => {
    assertPdfKey(key);
    const path = resolve(join(root, ...key.split('/')));
    // The key rules already exclude `..`; this guards against any slip in them.
    if (!path.startsWith(root + sep)) throw new PauzError('VALIDATION_FAILED', 'invalid PDF key');
    return path;
  };

  const read = async (key: string, options?: CallOptions): Promise<Uint8Array | null> => {
    const path = pathOf(key);
    throwIfAborted(options?.signal, `PDF get ${key}`);
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      if (isMissing(error)) return null;
      throw pdfFailure('get', key, error);
    }
  };

  return {
    async put(key, bytes, options) {
      const path = pathOf(key);
      const what = `PDF put ${key}`;
      throwIfAborted(options?.signal, what);
      // A leading dot never appears in a key, so temporary files cannot collide with PDFs.
      await guarded('put', key, () =>
        writeDurably(dirname(path), basename(path), `.${keyFileName(key)}.${crypto.randomUUID()}.tmp`, bytes, () => {
          throwIfAborted(options?.signal, what);
          return new Uint8Array(0);
        }),
      );
      return { key, size: bytes.byteLength, version: await pdfVersion(bytes) };
    },
    async url(key, options) {
      assertPdfKey(key);
      throwIfAborted(options?.signal, `PDF url ${key}`);
      // Signed for one content: the one `put` reported, else the one stored now. A
      // re-export makes it a dead link, not a door to the new file.
      if (options?.version !== undefined) return signer.sign(key, options.version);
      const bytes = await read(key, options);
      return signer.sign(key, bytes === null ? 'none' : await pdfVersion(bytes));
    },
    async delete(key, options) {
      const path = pathOf(key);
      throwIfAborted(options?.signal, `PDF delete ${key}`);
      await guarded('delete', key, async () => {
        if (await removeFile(path)) await syncDirectory(dirname(path));
      });
    },
    async deletePrefix(prefix, options) {
      throwIfAborted(options?.signal, `PDF deletePrefix ${prefix}`);
      if (typeof prefix !== 'string' || !prefix.endsWith('/')) throw new PauzError('VALIDATION_FAILED', 'invalid PDF key prefix');
      // The prefix's folder is where the PDFs `<prefix>x.pdf` live: checked like a key.
      await guarded('delete', prefix, () => removeTree(dirname(pathOf(`${prefix}x.pdf`))));
    },
    async sweepIncomplete(sweepOptions) {
      throwIfAborted(sweepOptions.signal, 'PDF sweepIncomplete');
      return guarded('delete', undefined, () => sweepTempFiles(root, isTempName, sweepOptions.olderThan));
    },
    async check(options) {
      throwIfAborted(options?.signal, 'PDF check');
      // A real write: a full or read-only disk passes a permission check.
      await guarded('check', undefined, () => probeWritable(root, 'PDF store check', options));
    },
    get: read,
    readSigned: signedLinkReader(signer, read),
  };
}

/**
 * What {@link fsPdfStore} returns: a PdfStore that can also sweep what crashes leave.
 *
 * @category Adapters
 */
export interface FsPdfStore extends PdfStore {
  /** Removes the folder of `prefix` (ending in `/`) with everything in it: objects, temp files, foreign files. */
  deletePrefix(prefix: string, options?: CallOptions): Promise<void>;
  /** Removes temp files of interrupted writes last changed before `olderThan`; returns their store-relative paths. */
  sweepIncomplete(options: SweepOptions): Promise<string[]>;
}
