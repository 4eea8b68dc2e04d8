import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_FILES_PATH } from '../pdf-store/signed-link.js';
import type { PdfStore, SignedPdfLinkParams } from '../pdf-store/types.js';
import { expectPauzError } from './expect-code.js';

/**
 * A store opened for a contract run, and how to clean up after it.
 *
 * @category Testing
 */
export interface OpenedPdfStore {
  /** The store under test. */
  store: PdfStore;
  /** Removes what the run created and stops servers the harness started. */
  close?(): Promise<void>;
}

/**
 * Options of {@link testPdfStore}.
 *
 * @category Testing
 */
export interface TestPdfStoreOptions {
  /** Shown in the test names, for example `s3 (s3rver, presigned)`. */
  name: string;
  /** Opens the store under test, once per test. */
  create: () => Promise<OpenedPdfStore> | OpenedPdfStore;
  /**
   * Whether the links `url()` returns can be fetched from the test process.
   *
   * @defaultValue `true`
   */
  fetchLinks?: boolean;
  /**
   * `expiring` links carry an `expiresAt`; `permanent` ones have null.
   *
   * @defaultValue `'expiring'`
   */
  links?: 'expiring' | 'permanent';
  /**
   * Skips the suite (with the reason in its name) instead of running it.
   *
   * @defaultValue `false` (the suite runs)
   */
  skip?: string | false;
}

function pdfBytes(label: string, size = 2048): Uint8Array {
  const head = new TextEncoder().encode(`%PDF-1.7\n% ${label}\n`);
  const bytes = new Uint8Array(size);
  bytes.set(head);
  // Every byte value, so any text/encoding mishandling shows.
  for (let i = head.length; i < size; i++) bytes[i] = (i * 31 + label.length) % 256;
  return bytes;
}

/** The path and query parts of a link signed for `/files/pdf/<key>`. */
function signedParams(url: string): SignedPdfLinkParams {
  const parsed = new URL(url);
  const at = parsed.pathname.indexOf(PDF_FILES_PATH);
  const key = parsed.pathname.slice(at + PDF_FILES_PATH.length).split('/').map(decodeURIComponent).join('/');
  const version = parsed.searchParams.get('version');
  return {
    key,
    expires: parsed.searchParams.get('expires') ?? '',
    signature: parsed.searchParams.get('signature') ?? '',
    ...(version === null ? {} : { version }),
  };
}

/**
 * Registers the PdfStore contract suite with vitest: put and read back (through
 * `get` and by fetching the link over HTTP), overwrite replaces, delete removes,
 * deleting a missing key is harmless, nested keys stay independent, unsafe keys
 * are refused, link shape and expiry, an aborted signal refused with `ABORTED`
 * before anything changes, and — for stores that serve their own links — tampered
 * links refused. Every test uses its own key prefix.
 *
 * @category Testing
 *
 * @example
 * {@includeCode ../../../../docs/snippets/api/core/testing/pdf-store.ts#example}
 */
export function testPdfStore(options: TestPdfStoreOptions): void {
  const title = `PdfStore contract: ${options.name}`;
  if (options.skip) {
    describe.skip(`${title} (skipped: ${options.skip})`, () => {});
    return;
  }
  const fetchLinks = options.fetchLinks ?? true;
  const expiring = (options.links ?? 'expiring') === 'expiring';
  describe(title, () => {
    let opened: OpenedPdfStore | undefined;
    beforeAll(async () => {
      opened = await options.create();
    });
    afterAll(async () => {
      await opened?.close?.();
    });
    const store = (): PdfStore => {
      if (opened === undefined) throw new Error('PdfStore contract: the store did not open');
      return opened.store;
    };
    const prefix = (): string => `contract/${crypto.randomUUID()}`;

    /** Reads `key` back every way the store offers and expects `bytes` (or nothing). */
    async function expectStored(key: string, bytes: Uint8Array | null): Promise<void> {
      const s = store();
      if (s.get !== undefined) expect(await s.get(key)).toEqual(bytes);
      if (!fetchLinks) return;
      const response = await fetch((await s.url(key)).url);
      if (bytes === null) {
        expect(response.ok, `link to a deleted PDF answered ${response.status}`).toBe(false);
        await response.body?.cancel();
        return;
      }
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/pdf/);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    }

    it('stores a PDF and reads it back through get and its link', async () => {
      const key = `${prefix()}/journal.pdf`;
      const bytes = pdfBytes('first');
      const stored = await store().put(key, bytes);
      expect(stored).toMatchObject({ key, size: bytes.byteLength });
      expect(Object.keys(stored).filter((field) => !['key', 'size', 'version'].includes(field))).toEqual([]);
      if (stored.version !== undefined) expect(stored.version).toMatch(/\S/);
      await expectStored(key, bytes);
    });

    it('signs a link for the version put reported: it serves that content or nothing, never a later put', async () => {
      const key = `${prefix()}/versioned.pdf`;
      const first = pdfBytes('first version', 2048);
      const { version } = await store().put(key, first);
      if (version === undefined) return; // Links of this store always serve the latest object.
      const second = pdfBytes('second version', 1024);
      await store().put(key, second);
      const link = await store().url(key, { version });
      if (!fetchLinks) return;
      const response = await fetch(link.url);
      if (response.ok) expect(new Uint8Array(await response.arrayBuffer())).toEqual(first);
      else await response.body?.cancel();
      await expectStored(key, second);
    });

    it('returns links of the promised shape', async () => {
      const key = `${prefix()}/shape.pdf`;
      await store().put(key, pdfBytes('shape'));
      const link = await store().url(key);
      expect(link.url).toMatch(/^https?:\/\//);
      if (expiring) {
        expect(link.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
        expect(Date.parse(link.expiresAt ?? '')).toBeGreaterThan(Date.now());
      } else {
        expect(link.expiresAt).toBeNull();
      }
    });

    it('replaces the PDF when the same key is put again', async () => {
      const key = `${prefix()}/again.pdf`;
      await store().put(key, pdfBytes('old', 4096));
      const replacement = pdfBytes('new', 1500);
      expect((await store().put(key, replacement)).size).toBe(1500);
      await expectStored(key, replacement);
    });

    it('deletes a PDF, and deleting a missing one is harmless', async () => {
      const key = `${prefix()}/gone.pdf`;
      await store().put(key, pdfBytes('gone'));
      await store().delete(key);
      await expectStored(key, null);
      await expect(store().delete(key)).resolves.toBeUndefined();
      await expect(store().delete(`${prefix()}/never-existed.pdf`)).resolves.toBeUndefined();
    });

    it('keeps keys with slashes independent of each other', async () => {
      const base = prefix();
      const keys = [`${base}/users/u-1/free/s_1.pdf`, `${base}/users/u-1/free/s_1.pdf.v2`, `${base}/users/u-1/guided/g.1.pdf`];
      await Promise.all(keys.map((key) => store().put(key, pdfBytes(key))));
      await store().delete(keys[0]!);
      await expectStored(keys[0]!, null);
      await expectStored(keys[1]!, pdfBytes(keys[1]!));
      await expectStored(keys[2]!, pdfBytes(keys[2]!));
    });

    it('refuses every call with ABORTED once the signal aborted, and changes nothing', async () => {
      const s = store();
      const key = `${prefix()}/aborted.pdf`;
      const bytes = pdfBytes('before');
      await s.put(key, bytes, { signal: new AbortController().signal });
      const controller = new AbortController();
      controller.abort(new Error('the client went away'));
      const { signal } = controller;
      await expectPauzError(s.put(key, pdfBytes('after'), { signal }), 'ABORTED');
      await expectPauzError(s.delete(key, { signal }), 'ABORTED');
      await expectPauzError(s.url(key, { signal }), 'ABORTED');
      if (s.get !== undefined) await expectPauzError(s.get(key, { signal }), 'ABORTED');
      if (s.check !== undefined) await expectPauzError(s.check({ signal }), 'ABORTED');
      await expectStored(key, bytes);
    });

    it('refuses keys that are not safe paths', async () => {
      const bad = ['', '/abs.pdf', 'a//b.pdf', '../escape.pdf', 'a/../../b.pdf', '.hidden.pdf', 'a/./b.pdf', 'trailing/', 'back\\slash.pdf', 'sp ace.pdf', 'x'.repeat(513)];
      for (const key of bad) {
        await expectPauzError(store().put(key, pdfBytes('bad')), 'VALIDATION_FAILED');
        await expectPauzError(store().url(key), 'VALIDATION_FAILED');
        await expectPauzError(store().delete(key), 'VALIDATION_FAILED');
      }
    });

    it('serves its own signed links and refuses tampered ones', async (context) => {
      const s = store();
      if (s.readSigned === undefined) return context.skip('links are served by the store itself');
      const key = `${prefix()}/signed.pdf`;
      const bytes = pdfBytes('signed');
      await s.put(key, bytes);
      const params = signedParams((await s.url(key)).url);
      expect(params.key).toBe(key);
      const file = await s.readSigned(params);
      expect(file).toMatchObject({ key, size: bytes.byteLength, contentType: 'application/pdf', fileName: 'signed.pdf' });
      expect(file.bytes).toEqual(bytes);
      const other = `${prefix()}/other.pdf`;
      await s.put(other, pdfBytes('other'));
      const flipped = params.signature.startsWith('A') ? `B${params.signature.slice(1)}` : `A${params.signature.slice(1)}`;
      await expectPauzError(s.readSigned({ ...params, key: other }), 'NOT_FOUND');
      await expectPauzError(s.readSigned({ ...params, signature: flipped }), 'NOT_FOUND');
      await expectPauzError(s.readSigned({ ...params, expires: Number(params.expires) + 3600 }), 'NOT_FOUND');
      await expectPauzError(s.readSigned({ ...params, signature: '' }), 'NOT_FOUND');
      const { version: _version, ...unversioned } = params;
      await expectPauzError(s.readSigned(unversioned), 'NOT_FOUND');
      await expectPauzError(s.readSigned({ ...params, version: 'AAAAAAAAAAAAAAAAAAAAAA' }), 'NOT_FOUND');
      await s.delete(key);
      await expectPauzError(s.readSigned(params), 'NOT_FOUND');
    });

    it('serves a signed link only the PDF it was signed for: after a re-export it is refused, the new link serves the new PDF', async (context) => {
      const s = store();
      if (s.readSigned === undefined) return context.skip('links are served by the store itself');
      const key = `${prefix()}/reexported.pdf`;
      await s.put(key, pdfBytes('before', 2048));
      const before = signedParams((await s.url(key)).url);
      const replacement = pdfBytes('after', 2048);
      await s.put(key, replacement);
      const refused = await expectPauzError(s.readSigned(before), 'NOT_FOUND');
      expect(refused.details.reason).toBe('replaced');
      expect((await s.readSigned(signedParams((await s.url(key)).url))).bytes).toEqual(replacement);
    });
  });
}
