import type { CallOptions } from '../upstream.js';
import type { SweepOptions } from '../buckets/types.js';

/**
 * What {@link PdfStore.put} reports.
 *
 * @category Ports
 */
export interface StoredPdf {
  /** The key the PDF was stored under. */
  key: string;
  /** Size in bytes. */
  size: number;
  /**
   * What a store that signs its links per content (the filesystem store) names this
   * content by: pass it to {@link PdfStore.url} as `version`, and the link serves these
   * bytes or nothing, even when another `put` of the key landed in between. Stores
   * whose links always serve the latest object (S3) leave it out.
   */
  version?: string;
}

/**
 * Options of {@link PdfStore.url}.
 *
 * @category Ports
 */
export interface PdfUrlOptions extends CallOptions {
  /**
   * The {@link StoredPdf.version} of the content the link is for. Stores that sign per
   * content use it instead of reading the object again.
   *
   * @defaultValue the content stored when the link is made (or the latest object, for stores whose links are not per content)
   */
  version?: string;
}

/**
 * A download link.
 *
 * @category Ports
 */
export interface PdfLink {
  /** The absolute download URL. */
  url: string;
  /** ISO 8601 UTC instant the link stops working, or null for a permanent link. */
  expiresAt: string | null;
}

/**
 * The parts of a signed download link as the HTTP layer receives them: the key from
 * the path (`/files/pdf/<key>`), `expires` and `signature` from the query string.
 *
 * @category Ports
 */
export interface SignedPdfLinkParams {
  /** The PDF's key, from the path below `/files/pdf/`. */
  key: string;
  /** The `expires` query parameter: Unix seconds the link stops working. */
  expires: string | number;
  /** The `signature` query parameter (base64url HMAC-SHA-256). */
  signature: string;
  /** The content version the link was signed for (`version` in the query string), when it names one. */
  version?: string;
}

/**
 * A PDF read back through a signed link, ready to send.
 *
 * @category Ports
 */
export interface PdfFile {
  /** The PDF's key. */
  key: string;
  /** The whole PDF. */
  bytes: Uint8Array;
  /** Size in bytes. */
  size: number;
  /** Always `application/pdf`. */
  contentType: 'application/pdf';
  /** The last segment of the key, for `Content-Disposition`. */
  fileName: string;
}

/**
 * Where exported PDFs go. Keys are `/`-separated paths of letters, digits, `.`, `_`
 * and `-` (see `assertPdfKey` in `@pauz/core/adapters`); `put` replaces an existing object; `delete` of
 * a missing key is harmless. `url` does not check that the object exists: a link to
 * a missing PDF fails when it is fetched.
 *
 * Every method takes an optional `{ signal }` last: a store checks it before it
 * starts and between its steps and hands it to the network call in flight; an
 * aborted call rejects with `ABORTED` at once (it may or may not have taken effect
 * upstream, like a timed-out one).
 *
 * Adapters: `s3PdfStore` / `vultrPdfStore` (`@pauz/core/s3`), `fsPdfStore`
 * (`@pauz/core/local`). Check a new adapter with `testPdfStore` from
 * `@pauz/core/testing`.
 *
 * @category Ports
 */
export interface PdfStore {
  /** Stores `bytes` under `key`, replacing what was there. */
  put(key: string, bytes: Uint8Array, options?: CallOptions): Promise<StoredPdf>;
  /** A link to download the PDF: expiring (signed) or permanent (public). */
  url(key: string, options?: PdfUrlOptions): Promise<PdfLink>;
  /** Removes the PDF; nothing happens when there is none. */
  delete(key: string, options?: CallOptions): Promise<void>;
  /** Reads the PDF back, or null when there is none. Optional. */
  get?(key: string, options?: CallOptions): Promise<Uint8Array | null>;
  /**
   * Serves a link this store signed, for stores whose links point at the Pauz HTTP
   * layer (the filesystem store). Refuses tampered, expired and malformed links
   * with `NOT_FOUND`. Stores whose links are served elsewhere (S3) omit it.
   */
  readSigned?(link: SignedPdfLinkParams, options?: CallOptions): Promise<PdfFile>;
  /**
   * A real round trip to the store (a bucket HEAD, a directory write check), for
   * `GET /health`. Stores without one are reported as unchecked.
   */
  check?(options?: CallOptions): Promise<void>;
  /**
   * Removes every PDF under `prefix` (a folder prefix ending in `/`, such as
   * `users/<id>/`) and whatever an interrupted write left there. Optional: without it,
   * account deletion deletes the PDF keys that follow from the user's journals.
   */
  deletePrefix?(prefix: string, options?: CallOptions): Promise<void>;
  /**
   * Removes the remains of writes a crash interrupted (temp files) older than
   * `olderThan`, returning their store-relative names; `reconcile()` calls it.
   * Offered by stores that can leave such remains (`fsPdfStore`).
   */
  sweepIncomplete?(options: SweepOptions): Promise<string[]>;
}
