import { defineRoute, Reply } from '../route.js';
import { readSignedPdf } from '../../pdf-store/read-signed.js';
import { signedLinkQuerySchema } from '../schemas.js';

/** `GET /files/pdf/*`: PDFs of stores that serve their own signed, expiring links. */
export const fileRoutes = [
  defineRoute({
    operation: 'files.pdf',
    method: 'GET',
    path: '/files/pdf/*key',
    summary: 'Download an exported PDF through a signed, expiring link (the link is the permission)',
    tag: 'export',
    auth: false,
    query: signedLinkQuerySchema,
    success: { status: 200, description: 'The PDF', contentType: 'application/pdf' },
    handle: async ({ pauz, params, request, signal }) => {
      const link = {
        key: params.key,
        expires: request.query.get('expires') ?? '',
        signature: request.query.get('signature') ?? '',
        version: request.query.get('version') ?? undefined,
      };
      const file = await readSignedPdf(pauz.pdfs, link, { signal });
      return new Reply(200, file.bytes, {
        'content-type': 'application/pdf',
        'content-length': String(file.size),
        'content-disposition': `inline; filename="${file.fileName}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
    },
  }),
];
