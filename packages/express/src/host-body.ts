import { openAsBlob } from 'node:fs';
import { type HttpRequestBody, hostConsumedBody } from '@pauz/core/adapters';
import type { Request } from 'express';

/** A file as multer describes it: `buffer` with memory storage, `path` with disk storage. */
interface HostFile {
  fieldname: string;
  originalname?: string;
  mimetype?: string;
  buffer?: Uint8Array<ArrayBuffer>;
  path?: string;
}

// What body parsers leave on the request; not merged with Request so that a host's
// own declarations (@types/multer) cannot change it.
interface HostRequest {
  body?: unknown;
  /** body-parser 1.x marks a body it parsed; 2.x (Express 5) leaves `req.body` undefined otherwise. */
  _body?: boolean;
  /** multer's `single()`. */
  file?: HostFile;
  /** multer's `array()` / `any()` (a list) and `fields()` (lists by field name). */
  files?: HostFile[] | Record<string, HostFile[]>;
}

/**
 * The body of an Express request as Pauz takes it: what a host middleware already
 * made of it (`express.raw()` bytes, `express.text()` text, `express.json()` or
 * `express.urlencoded()` values, multer's files and fields as a `FormData`), or the
 * stream when nothing read it. A drained stream is never handed over as if unread.
 */
export async function hostBody(req: Request): Promise<HttpRequestBody> {
  const host = req as unknown as HostRequest;
  if (host.file !== undefined || host.files !== undefined) return multerBody(host);
  const consumed = host._body === true || req.readableEnded || (req.complete && !req.readable);
  if (!consumed) return { kind: 'stream', stream: req };
  const body: unknown = req.body;
  if (body instanceof Uint8Array) return { kind: 'bytes', bytes: body };
  if (typeof body === 'string') return { kind: 'text', text: body };
  if (body !== undefined && body !== null) {
    // multer's none(), or single() without that file: the fields alone.
    if (typeof req.is('multipart/form-data') === 'string') return multerBody(host);
    return { kind: 'parsed', value: body };
  }
  // express.json({ strict: false }) parsed a body of `null`.
  if (body === null && typeof req.is(['json', '*/*+json']) === 'string') return { kind: 'parsed', value: null };
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return { kind: 'stream', stream: null };
  return hostConsumedBody('a middleware read the stream and left nothing in req.body; mount Pauz before it');
}

/** multer's files (memory or disk storage) and text fields as one `FormData`. */
async function multerBody(req: HostRequest): Promise<HttpRequestBody> {
  const form = new FormData();
  const fields = (req.body ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') form.append(name, item);
  }
  const files = req.file !== undefined ? [req.file] : Array.isArray(req.files) ? req.files : Object.values(req.files ?? {}).flat();
  for (const file of files) {
    const type = file.mimetype ?? '';
    const name = file.originalname ?? 'upload';
    if (file.buffer !== undefined) {
      form.append(file.fieldname, new Blob([file.buffer], { type }), name);
    } else if (file.path !== undefined) {
      // Disk storage: a Blob backed by the file, read only if Pauz takes it (after its size check).
      form.append(file.fieldname, await openAsBlob(file.path, { type }), name);
    } else {
      return hostConsumedBody(
        `multer stored the file "${file.fieldname}" where Pauz cannot read it (no buffer, no path); use memoryStorage() or diskStorage() for Pauz's routes`,
      );
    }
  }
  return { kind: 'form', form };
}
