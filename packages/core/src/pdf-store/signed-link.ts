import { PauzConfigError } from '../errors.js';
import { type Clock, fromBase64Url, systemClock, timingSafeEqual, toBase64Url } from '../runtime.js';
import { isPdfKey, keyToUrlPath } from './keys.js';
import type { PdfLink, SignedPdfLinkParams } from './types.js';

/**
 * The path under the HTTP layer's base URL where signed PDF links are served.
 *
 * @category HTTP
 */
export const PDF_FILES_PATH = '/files/pdf/';

/**
 * The longest lifetime of a signed link: 7 days, like an S3 presigned URL.
 *
 * @category Adapters
 */
export const MAX_PDF_LINK_SECONDS = 7 * 24 * 3600;

/**
 * How links are signed and checked.
 *
 * @category Adapters
 */
export interface PdfLinkSignerOptions {
  /** At least 32 bytes (or characters) of secret; rotate it to revoke every link. */
  secret: string | Uint8Array;
  /**
   * Absolute URL of the Pauz HTTP API, for example `https://example.com/api`. A
   * function is asked at every signing — for servers that learn their address only
   * once they listen.
   */
  publicBaseUrl: string | (() => string);
  /**
   * Lifetime of a link in seconds, at most `MAX_PDF_LINK_SECONDS` (7 days).
   *
   * @defaultValue `3600` (1 hour)
   */
  expiresInSeconds?: number;
  /**
   * Time source of the expiry instants signed into links and checked.
   *
   * @defaultValue `systemClock`
   */
  clock?: Clock;
}

/**
 * The outcome of {@link PdfLinkSigner.verify}: the key, and the version the link was
 * signed for when it names one.
 *
 * @category Adapters
 */
export type PdfLinkCheck =
  | {
      /** The link is valid. */
      ok: true;
      /** The PDF's key. */
      key: string;
      /** The content version the link was signed for, when it names one. */
      version?: string;
    }
  | {
      /** The link must be refused. */
      ok: false;
      /** Why: unparseable parts, a signature that does not match, or past its expiry. */
      reason: 'malformed' | 'bad-signature' | 'expired';
    };

/**
 * Signs and checks expiring download links; see {@link pdfLinkSigner}.
 *
 * @category Adapters
 */
export interface PdfLinkSigner {
  /**
   * `${publicBaseUrl}/files/pdf/<key>?expires=<unix seconds>[&version=<version>]&signature=<HMAC-SHA256>`.
   * With `version` (see {@link pdfVersion}) the link is for that content only: a
   * reader compares it with what is stored now.
   */
  sign(key: string, version?: string): Promise<PdfLink>;
  /** Checks the signature (in constant time) and then the expiry. */
  verify(link: SignedPdfLinkParams): Promise<PdfLinkCheck>;
}

const encoder = new TextEncoder();
const VERSION_RE = /^[A-Za-z0-9_-]{1,64}$/;

function message(key: string, expires: number, version: string | undefined): Uint8Array<ArrayBuffer> {
  return encoder.encode(
    version === undefined ? `pauz-pdf-link:v1\n${key}\n${expires}` : `pauz-pdf-link:v2\n${key}\n${expires}\n${version}`,
  );
}

/**
 * The version of a PDF's content that signed links name: the first 128 bits of its
 * SHA-256, base64url. A re-export that changes the file changes it, so a link signed
 * before no longer matches and is refused instead of serving the new file.
 *
 * @category Adapters
 */
export async function pdfVersion(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()));
  return toBase64Url(digest.subarray(0, 16));
}

/**
 * Signs download links with HMAC-SHA256 (Web Crypto) so files can be served by the
 * Pauz HTTP layer without a login: the link itself is the permission, for a limited
 * time. Runtime-neutral.
 *
 * @category Adapters
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/pdf-store/signed-link.ts}
 */
export function pdfLinkSigner(options: PdfLinkSignerOptions): PdfLinkSigner {
  const problems: string[] = [];
  // A private copy: the caller may reuse its buffer.
  const secret = typeof options.secret === 'string' ? encoder.encode(options.secret) : new Uint8Array(options.secret);
  if (secret.length < 32) problems.push('the PDF link `secret` must be at least 32 bytes');
  const seconds = options.expiresInSeconds ?? 3600;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PDF_LINK_SECONDS) {
    problems.push(`the PDF link \`expiresInSeconds\` must be an integer from 1 to ${MAX_PDF_LINK_SECONDS}`);
  }
  const baseOf = (value: string): string | null => {
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
      if (url.search !== '' || url.hash !== '') return null;
      return url.href.replace(/\/+$/, '');
    } catch {
      return null;
    }
  };
  const BASE_PROBLEM = '`publicBaseUrl` must be an absolute http(s) URL without query or fragment';
  const fixedBase = typeof options.publicBaseUrl === 'string' ? baseOf(options.publicBaseUrl) : undefined;
  if (fixedBase === null) problems.push(BASE_PROBLEM);
  else if (fixedBase === undefined && typeof options.publicBaseUrl !== 'function') problems.push(BASE_PROBLEM);
  if (problems.length > 0) throw new PauzConfigError(problems);
  const currentBase = (): string => {
    if (typeof fixedBase === 'string') return fixedBase;
    const base = baseOf((options.publicBaseUrl as () => string)());
    if (base === null) throw new PauzConfigError([BASE_PROBLEM]);
    return base;
  };
  const clock = options.clock ?? systemClock;
  let hmacKey: Promise<CryptoKey> | undefined;
  const sign = async (key: string, expires: number, version: string | undefined): Promise<Uint8Array> => {
    hmacKey ??= crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey, message(key, expires, version)));
  };

  return {
    async sign(key, version) {
      if (version !== undefined && !VERSION_RE.test(version)) throw new TypeError('a PDF link version is 1–64 base64url characters');
      const expires = Math.floor(clock.now().getTime() / 1000) + seconds;
      const signature = toBase64Url(await sign(key, expires, version));
      const versioned = version === undefined ? '' : `&version=${version}`;
      return {
        url: `${currentBase()}${PDF_FILES_PATH}${keyToUrlPath(key)}?expires=${expires}${versioned}&signature=${signature}`,
        expiresAt: new Date(expires * 1000).toISOString(),
      };
    },
    async verify(link) {
      const expiresText = String(link.expires);
      const version = link.version === undefined || link.version === '' ? undefined : String(link.version);
      if (
        !isPdfKey(link.key) ||
        !/^\d{1,12}$/.test(expiresText) ||
        !/^[A-Za-z0-9_-]{43}$/.test(String(link.signature)) ||
        (version !== undefined && !VERSION_RE.test(version))
      ) {
        return { ok: false, reason: 'malformed' };
      }
      const expires = Number(expiresText);
      const expected = await sign(link.key, expires, version);
      if (!timingSafeEqual(expected, fromBase64Url(link.signature))) return { ok: false, reason: 'bad-signature' };
      if (expires * 1000 <= clock.now().getTime()) return { ok: false, reason: 'expired' };
      return version === undefined ? { ok: true, key: link.key } : { ok: true, key: link.key, version };
    },
  };
}
