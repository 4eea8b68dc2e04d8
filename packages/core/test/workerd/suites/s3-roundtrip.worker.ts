/**
 * A small worker that keeps its PDFs on S3 through `@pauz/core/s3-fetch`, built from
 * the same variables a Raindrop service has (VULTR_ACCESS_KEY, VULTR_SECRET_KEY,
 * VULTR_REGION, VULTR_BUCKET_NAME, VULTR_ENDPOINT). Each route is one store call;
 * failures answer 502 with the PauzError's code, message and details.
 */
import { isPauzError } from '../../../src/errors.js';
import { vultrFetchPdfStore, vultrPdfOptionsFromEnv } from '../../../src/s3-fetch.js';

interface Env {
  VULTR_ACCESS_KEY: string;
  VULTR_SECRET_KEY: string;
  VULTR_REGION: string;
  VULTR_BUCKET_NAME: string;
  VULTR_ENDPOINT?: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const key = url.searchParams.get('key') ?? '';
    const timeoutMs = url.searchParams.has('timeoutMs') ? Number(url.searchParams.get('timeoutMs')) : undefined;
    // What a Raindrop service does with its vars and secrets; the query overrides some (failure cases).
    const fromEnv = vultrPdfOptionsFromEnv({
      ...env,
      ...(url.searchParams.has('accessKey') ? { VULTR_ACCESS_KEY: url.searchParams.get('accessKey') } : {}),
      ...(url.searchParams.has('endpoint') ? { VULTR_ENDPOINT: url.searchParams.get('endpoint') } : {}),
    });
    const pdfs = vultrFetchPdfStore({ ...fromEnv, ...(timeoutMs === undefined ? {} : { timeoutMs, retries: 0 }) });
    try {
      switch (`${request.method} ${url.pathname}`) {
        case 'PUT /pdf':
          return Response.json(await pdfs.put(key, new Uint8Array(await request.arrayBuffer())));
        case 'GET /link':
          return Response.json(await pdfs.url(key));
        case 'GET /pdf': {
          const bytes = await pdfs.get(key);
          return bytes === null ? new Response('none', { status: 404 }) : new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/pdf' } });
        }
        case 'DELETE /pdf':
          await pdfs.delete(key);
          return new Response(null, { status: 204 });
        case 'GET /check':
          await pdfs.check();
          return new Response(null, { status: 204 });
        case 'GET /follow': {
          // The presigned link, fetched from inside workerd like any client would.
          const link = await fetch(url.searchParams.get('url') ?? '');
          return new Response(link.body, { status: link.status, headers: { 'content-type': link.headers.get('content-type') ?? '' } });
        }
        default:
          return new Response('no such route', { status: 404 });
      }
    } catch (error) {
      if (!isPauzError(error)) throw error;
      return Response.json({ code: error.code, message: error.message, details: error.details }, { status: 502 });
    }
  },
};
