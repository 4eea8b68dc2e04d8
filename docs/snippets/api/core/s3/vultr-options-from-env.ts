import { vultrFetchPdfStore, vultrPdfOptionsFromEnv } from '@pauz/core/s3-fetch';

// In a Raindrop service or a Worker, `env` holds the vars and secrets; in Node, pass
// `process.env` (and `vultrPdfStore` from `@pauz/core/s3` if you prefer the AWS SDK).
export function pdfStore(env: Record<string, unknown>) {
  return vultrFetchPdfStore(vultrPdfOptionsFromEnv(env)); // throws one PauzConfigError naming every missing variable
}
