// An ESM TypeScript app using the root entry, subpaths and both adapters. Compiled with
// `strict` and `skipLibCheck: false` under node16, nodenext and bundler resolution.
import { createPauz, isPauzError, memoryBuckets, memoryPdfStore, PauzError, type Pauz } from '@pauz/core';
import { createSqliteDatabase } from '@pauz/core/sqlite';
import { createPostgresDatabase } from '@pauz/core/postgres';
import { pauzHono } from '@pauz/hono';
import { pauzExpress } from '@pauz/express';
import express, { type Request } from 'express';
import { Hono } from 'hono';
import pg from 'pg';
import Database from 'better-sqlite3';

export function build(filename: string): Pauz {
  return createPauz({
    db: createSqliteDatabase({ filename }),
    buckets: memoryBuckets(),
    pdfs: memoryPdfStore({ secret: 'consumer-test-secret-of-at-least-32-chars', publicBaseUrl: 'http://127.0.0.1:3000/api' }),
  });
}

// The driver types are real (not `any`): the host may pass its own instances.
export const onOwnSqlite = createSqliteDatabase({ database: new Database(':memory:') });
export const onOwnPool = createPostgresDatabase({ pool: new pg.Pool({ connectionString: 'postgres://localhost/x' }) });

export async function flow(pauz: Pauz): Promise<number> {
  await pauz.migrate();
  const { user, token } = await pauz.accounts.register({ email: 'ada@example.com', password: 'correct horse battery' });
  const t: string = token;
  const session = await pauz.freeJournal.create(user.id, { title: 'Morning pages' });
  const saved = await pauz.freeJournal.save(user.id, session.id, { content: 'Slept well.', baseVersion: session.version });
  const words: number = saved.wordCount;
  // @ts-expect-error not a mood: the options are typed, not `any`
  await pauz.garden.add(user.id, { mood: 'furious', timeZone: 'UTC' });
  const pdf = await pauz.exports.freeJournal(user.id, session.id);
  try {
    await pauz.freeJournal.save(user.id, session.id, { content: 'x', baseVersion: 1 });
  } catch (error) {
    if (isPauzError(error, 'VERSION_CONFLICT')) {
      const code: 'VERSION_CONFLICT' | string = error.code;
      return code.length + t.length;
    }
    if (error instanceof PauzError) throw error;
  }
  return words + pdf.size;
}

export function mount(pauz: Pauz): { hono: Hono; app: express.Express } {
  const hono = new Hono();
  hono.get('/hello', (c) => c.text('host'));
  hono.route('/api', pauzHono(pauz));

  const app = express();
  app.use(express.json());
  app.get('/hello', (_req, res) => {
    res.send('host');
  });
  app.use(
    '/api',
    pauzExpress(pauz, {
      resolveUser: (req: Request) => {
        const id = req.header('x-user');
        return id === undefined ? null : { id, email: `${id}@example.com`, name: id };
      },
    }),
  );
  return { hono, app };
}
