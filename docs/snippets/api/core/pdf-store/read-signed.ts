import { type PdfStore, readSignedPdf } from '@pauz/core/adapters';

// GET /files/pdf/{key}?expires=…&signature=…, the link PdfStore.url() handed out
async function servePdf(request: Request, pdfs: PdfStore): Promise<Response> {
  const { pathname, searchParams } = new URL(request.url);
  const file = await readSignedPdf(pdfs, {
    key: decodeURIComponent(pathname.slice('/files/pdf/'.length)),
    expires: searchParams.get('expires') ?? '',
    signature: searchParams.get('signature') ?? '',
    version: searchParams.get('version') ?? undefined,
  });
  // slice(): a Uint8Array<ArrayBuffer>, the kind of bytes Response takes
  return new Response(file.bytes.slice(), { headers: { 'content-type': file.contentType } });
}
