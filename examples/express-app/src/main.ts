import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createPauz, pauzBuckets } from '@pauz/core';
import { fsBucket, fsPdfStore } from '@pauz/core/local';
import { nodePasswordHasher } from '@pauz/core/node';
import { createSqliteDatabase } from '@pauz/core/sqlite';
import { createApp, hashPassword } from './app.js';

const dataDir = process.env.PAUZ_DATA_DIR ?? '.pauz-express-app';
mkdirSync(dataDir, { recursive: true });
const buckets = pauzBuckets((name) => fsBucket({ root: `${dataDir}/buckets`, name }));
const port = Number(process.env.PORT ?? 3001);
const pauz = createPauz({
  db: createSqliteDatabase({ filename: `${dataDir}/pauz.db` }),
  buckets,
  pdfs: fsPdfStore({
    root: `${dataDir}/pdfs`,
    publicBaseUrl: `http://127.0.0.1:${port}/api`,
    // A real app keeps this secret in its configuration; links die when it changes.
    secret: process.env.PAUZ_LINK_SECRET ?? randomBytes(32).toString('hex'),
  }),
  passwordHasher: nodePasswordHasher(),
});
await pauz.migrate();
const app = createApp(pauz, [{ id: 'u-ada', email: 'ada@example.com', name: 'Ada', passwordHash: hashPassword('correct horse') }]);
app.listen(port, '127.0.0.1', () => console.log(`Express app with Pauz under /api listening on http://127.0.0.1:${port}`));
