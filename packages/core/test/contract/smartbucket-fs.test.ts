import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fsBucket } from '../../src/local/fs-bucket.js';
import { testSmartBucket } from '../../src/testing/smartbucket.js';

testSmartBucket({
  name: 'filesystem (temp directory)',
  create: () => {
    const root = mkdtempSync(join(tmpdir(), 'pauz-bucket-'));
    return { bucket: fsBucket({ root, name: 'hints' }), close: () => rmSync(root, { recursive: true, force: true }) };
  },
  capabilities: { search: true },
});
