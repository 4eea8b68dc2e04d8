import { vultrPdfStore } from '@pauz/core/s3';

const pdfs = vultrPdfStore({
  region: process.env.VULTR_REGION!, // e.g. ewr1
  bucket: process.env.VULTR_BUCKET_NAME!,
  accessKey: process.env.VULTR_ACCESS_KEY!,
  secretKey: process.env.VULTR_SECRET_KEY!,
  urlMode: 'presigned',
});
