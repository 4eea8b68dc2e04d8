import { essenceOf } from '../../audio/formats.js';
import { declaredLength, rawBodySource, unsupported } from '../body.js';
import { defineRoute, Reply } from '../route.js';
import { importReportSchema } from '../schemas.js';

/** The OpenAPI `requestBody` of an import: the zip, as it is. */
const ZIP_BODY: Record<string, unknown> = {
  required: true,
  content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
};

/** `/account/export` and `/account/import`: the whole account as a zip, and back. */
export const accountRoutes = [
  defineRoute({
    operation: 'account.export',
    method: 'GET',
    path: '/account/export',
    summary: 'The whole account as a zip (JSON, Markdown, the original audio), streamed',
    tag: 'account',
    auth: true,
    success: { status: 200, description: 'The zip, sent while it is made (no Content-Length)', contentType: 'application/zip' },
    errors: ['SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: async ({ pauz, user, signal }) => {
      const zip = await pauz.portability.export(user.id, { signal });
      const day = new Date().toISOString().slice(0, 10);
      return new Reply(200, zip, {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="pauz-export-${day}.zip"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
    },
  }),
  defineRoute({
    operation: 'account.import',
    method: 'POST',
    path: '/account/import',
    summary: 'Import a Pauz export or a Day One JSON export (a zip): all or nothing, idempotent',
    tag: 'account',
    auth: true,
    rawBody: ZIP_BODY,
    success: { status: 200, description: 'What was imported and what was skipped', schema: importReportSchema },
    errors: ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: async ({ pauz, user, request, signal }) => {
      const contentType = request.headers.get('content-type');
      if (essenceOf(contentType ?? '') !== 'application/zip') throw unsupported(contentType, 'an application/zip body');
      // A declared length past the limit is refused before a byte is read.
      declaredLength(request, pauz.limits.importBytes);
      const source = rawBodySource(request) ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
      return pauz.portability.import(user.id, source, { signal });
    },
  }),
];
