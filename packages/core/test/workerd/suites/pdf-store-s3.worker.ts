/**
 * testPdfStore() inside workerd: the fetch S3 store (`@pauz/core/s3-fetch`) against
 * the s3rver the Node side started on loopback, in both link modes; links are
 * fetched from inside workerd too.
 */
import { vultrFetchPdfStore } from '../../../src/s3-fetch.js';
import { testPdfStore } from '../../../src/testing/pdf-store.js';
import { defineWorkerSuite } from '../harness/worker.js';

interface Env {
  VULTR_ACCESS_KEY: string;
  VULTR_SECRET_KEY: string;
  VULTR_REGION: string;
  VULTR_BUCKET_NAME: string;
  VULTR_ENDPOINT: string;
}

export default defineWorkerSuite<Env>((env) => {
  for (const urlMode of ['presigned', 'public'] as const) {
    testPdfStore({
      name: `vultrFetchPdfStore on s3rver (${urlMode} links)`,
      links: urlMode === 'public' ? 'permanent' : 'expiring',
      create: () => ({
        store: vultrFetchPdfStore({
          region: env.VULTR_REGION,
          bucket: env.VULTR_BUCKET_NAME,
          accessKey: env.VULTR_ACCESS_KEY,
          secretKey: env.VULTR_SECRET_KEY,
          endpoint: env.VULTR_ENDPOINT,
          urlMode,
          // s3rver serves public objects at endpoint/bucket/key (Vultr: bucket.region host).
          ...(urlMode === 'public' ? { publicBaseUrl: `${env.VULTR_ENDPOINT}/${env.VULTR_BUCKET_NAME}` } : {}),
        }),
      }),
    });
  }
});
