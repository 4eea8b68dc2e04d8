import { createPauz } from '@pauz/core';
import { nodePasswordHasher } from '@pauz/core/node';
import { createSqliteDatabase } from '@pauz/core/sqlite';
import { createApp, hashPassword } from './app.js';

const pauz = createPauz({ db: createSqliteDatabase({ filename: process.env.DB_FILE ?? 'express-app.db' }), passwordHasher: nodePasswordHasher() });
await pauz.migrate();
const app = createApp(pauz, [{ id: 'u-ada', email: 'ada@example.com', name: 'Ada', passwordHash: hashPassword('correct horse') }]);
const port = Number(process.env.PORT ?? 3001);
app.listen(port, '127.0.0.1', () => console.log(`Express app with Pauz under /api listening on http://127.0.0.1:${port}`));
