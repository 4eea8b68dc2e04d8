import { createPauz, pauzBuckets } from '@pauz/core';
import { fsBucket, fsPdfStore } from '@pauz/core/local';
import { createSqliteDatabase } from '@pauz/core/sqlite';

const pauz = createPauz({
  db: createSqliteDatabase({ filename: './pauz.db' }),
  buckets: pauzBuckets((name) => fsBucket({ root: './data/buckets', name })),
  pdfs: fsPdfStore({ root: './data/pdfs', publicBaseUrl: 'http://127.0.0.1:3000', secret: process.env.PAUZ_LINK_SECRET! }),
});
await pauz.migrate();
const { user } = await pauz.accounts.register({ email: 'ada@example.com', password: 'correct horse' });
const session = await pauz.freeJournal.create(user.id, { title: 'Morning pages' });
await pauz.freeJournal.save(user.id, session.id, { content: 'Slept well.', baseVersion: session.version });
