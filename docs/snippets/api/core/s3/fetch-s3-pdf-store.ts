import { fetchS3PdfStore } from '@pauz/core/s3-fetch';

interface Env {
  S3_ACCESS_KEY: string;
  S3_SECRET_KEY: string;
}

export function pdfStore(env: Env) {
  return fetchS3PdfStore({
    endpoint: 'https://ewr1.vultrobjects.com',
    bucket: 'journal-exports',
    accessKeyId: env.S3_ACCESS_KEY,
    secretAccessKey: env.S3_SECRET_KEY,
    urlMode: 'presigned',
    expiresInSeconds: 900,
  });
}
