import { vultrFetchPdfStore } from '@pauz/core/s3-fetch';

interface Env {
  VULTR_ACCESS_KEY: string;
  VULTR_SECRET_KEY: string;
  VULTR_REGION: string; // e.g. ewr1
  VULTR_BUCKET_NAME: string;
  VULTR_ENDPOINT?: string;
}

// Inside a Raindrop service or a Worker: the bindings' vars and secrets.
export function pdfStore(env: Env) {
  return vultrFetchPdfStore({
    region: env.VULTR_REGION,
    bucket: env.VULTR_BUCKET_NAME,
    accessKey: env.VULTR_ACCESS_KEY,
    secretKey: env.VULTR_SECRET_KEY,
    ...(env.VULTR_ENDPOINT === undefined ? {} : { endpoint: env.VULTR_ENDPOINT }),
  });
}
