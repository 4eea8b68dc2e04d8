import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** A real S3 HTTP server on a free port, storing under a temp directory. */
export interface RunningS3rver {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the objects (one file per object), to search the bytes. */
  directory: string;
  close(): Promise<void>;
}

export const S3RVER_KEY = 'S3RVER';

export async function startS3rver(bucket = 'pauz-pdfs'): Promise<RunningS3rver> {
  const directory = await mkdtemp(join(tmpdir(), 'pauz-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    directory,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
