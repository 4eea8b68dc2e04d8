import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPauzError } from '../../src/errors.js';
import { readSignedPdf } from '../../src/pdf-store/read-signed.js';
import { PDF_FILES_PATH } from '../../src/pdf-store/signed-link.js';
import type { PdfStore } from '../../src/pdf-store/types.js';

/**
 * A stand-in for the HTTP layer's download route: serves `/files/pdf/<key>` links
 * through `readSignedPdf`, so contract tests fetch signed links over real HTTP.
 */
export interface PdfLinkServer {
  baseUrl: string;
  /** The store links are read from; set once the store exists. */
  serve(store: PdfStore): void;
  close(): Promise<void>;
}

export async function startPdfLinkServer(): Promise<PdfLinkServer> {
  let store: PdfStore | undefined;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (store === undefined || !url.pathname.startsWith(PDF_FILES_PATH)) {
      response.writeHead(404).end();
      return;
    }
    const key = url.pathname.slice(PDF_FILES_PATH.length).split('/').map(decodeURIComponent).join('/');
    readSignedPdf(store, {
      key,
      expires: url.searchParams.get('expires') ?? '',
      signature: url.searchParams.get('signature') ?? '',
      version: url.searchParams.get('version') ?? undefined,
    }).then(
      (file) => {
        response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.size });
        response.end(file.bytes);
      },
      (error: unknown) => {
        response.writeHead(isPauzError(error, 'NOT_FOUND') ? 404 : 500).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    serve(s) {
      store = s;
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
