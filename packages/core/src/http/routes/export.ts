import { bookExportInputSchema } from '../../export/book.js';
import { defineRoute } from '../route.js';
import { pdfExportSchema } from '../schemas.js';

/** `POST /export/book`: the book of everything the user wrote in a range of days. */
export const exportRoutes = [
  defineRoute({
    operation: 'exports.book',
    method: 'POST',
    path: '/export/book',
    summary:
      'Export the book of every free and guided journal in a range of local days (title page, table of contents with page numbers, an entry per new page) as a PDF to the PdfStore',
    tag: 'export',
    auth: true,
    body: bookExportInputSchema,
    success: { status: 201, description: 'Where to download the book', schema: pdfExportSchema },
    errors: ['PAYLOAD_TOO_LARGE', 'S3_FAILED', 'SMARTBUCKET_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: ({ pauz, user, body, signal }) => pauz.exports.book(user.id, body, { signal }),
  }),
];
