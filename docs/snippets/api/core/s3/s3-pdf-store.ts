import { s3PdfStore } from '@pauz/core/s3';

const pdfs = s3PdfStore({
  endpoint: 'https://ewr1.vultrobjects.com',
  bucket: 'journal-exports',
  accessKeyId: process.env.S3_ACCESS_KEY!,
  secretAccessKey: process.env.S3_SECRET_KEY!,
  urlMode: 'presigned',
  expiresInSeconds: 900,
});
