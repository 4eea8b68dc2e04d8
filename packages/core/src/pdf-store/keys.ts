import { PauzError } from '../errors.js';

const SEGMENT = '[A-Za-z0-9_-][A-Za-z0-9._-]*';
const KEY_RE = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`);

/**
 * The longest key a {@link PdfStore} accepts.
 *
 * @category Adapters
 */
export const MAX_PDF_KEY_LENGTH = 512;

/**
 * True for a usable PDF key: see {@link assertPdfKey}.
 *
 * @category Adapters
 */
export function isPdfKey(key: unknown): key is string {
  return typeof key === 'string' && key.length <= MAX_PDF_KEY_LENGTH && KEY_RE.test(key);
}

/**
 * Refuses keys that are not `/`-separated segments of letters, digits, `.`, `_` and
 * `-`, each starting with a letter, digit, `_` or `-` (so no `..`, no hidden files,
 * no empty segments, no leading or trailing `/`), at most 512 characters. The same
 * key is then safe as an S3 key, a file path under a root and a URL path.
 *
 * @category Adapters
 */
export function assertPdfKey(key: unknown): asserts key is string {
  if (!isPdfKey(key)) {
    throw new PauzError('VALIDATION_FAILED', 'invalid PDF key', {
      errors: [{ field: 'key', message: 'must be /-separated segments of letters, digits, ".", "_" and "-"' }],
    });
  }
}

/**
 * The key as a URL path (each segment percent-encoded; `/` kept).
 *
 * @category Adapters
 */
export function keyToUrlPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/**
 * The file name of a key: its last segment.
 *
 * @category Adapters
 */
export function keyFileName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
