/**
 * One server of the HTTP hot-path benchmark (bench/http.ts starts it with `fork`).
 *
 * `PAUZ_BENCH_FRAMEWORK` (`hono` | `express`), `PAUZ_BENCH_MODE` (`pauz` | `bare`) and
 * `PAUZ_BENCH_DB` (`sqlite` | `postgres`) choose what it serves; the database
 * (`PAUZ_BENCH_SQLITE_FILE`, or `PAUZ_BENCH_POSTGRES_URL` + `PAUZ_BENCH_POSTGRES_SCHEMA`)
 * is already migrated and filled by the driver.
 *
 * - `pauz`: the published packages, as a host mounts them: `pauzHono(pauz)` /
 *   `pauzExpress(pauz)` on `createSqliteDatabase()` / `createPostgresDatabase()`.
 * - `bare`: two hand-written routes of the same framework doing the same SQL on the
 *   same settings (SQLite: WAL, synchronous NORMAL, foreign keys, busy timeout;
 *   PostgreSQL: a pool of 10 with the schema on the search path): hash the bearer
 *   token (node:crypto), select the token row joined to its user where it has not
 *   expired, select the session by id and user; a save parses the JSON body, checks
 *   the content, reads the session and runs the conditional UPDATE (version = read
 *   version, retried when another write landed in between). Statements are prepared
 *   once (better-sqlite3) — what a careful hand-written route does.
 *
 * It tells the driver its port over IPC and answers `{ kind: 'cpu' }` messages with
 * `process.cpuUsage()`, so the driver can take the CPU time spent between two points.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPauz, memoryBuckets, memoryPdfStore, type Pauz } from '@pauz/core';
import { pauzExpress } from '@pauz/express';
import { pauzHono } from '@pauz/hono';
import { createPostgresDatabase } from '@pauz/core/postgres';
import { createSqliteDatabase } from '@pauz/core/sqlite';
import Database from 'better-sqlite3';
import express from 'express';
import { Hono } from 'hono';
import pg from 'pg';

const framework = process.env.PAUZ_BENCH_FRAMEWORK ?? 'hono';
const mode = process.env.PAUZ_BENCH_MODE ?? 'pauz';
const dbKind = process.env.PAUZ_BENCH_DB ?? 'sqlite';
const sqliteFile = process.env.PAUZ_BENCH_SQLITE_FILE ?? '';
const postgresUrl = process.env.PAUZ_BENCH_POSTGRES_URL ?? '';
const postgresSchema = process.env.PAUZ_BENCH_POSTGRES_SCHEMA ?? 'public';
// 0 (any free port) unless told; a fixed one helps when profiling a server by hand.
const port = Number(process.env.PAUZ_BENCH_PORT ?? 0);

const CONTENT_CHARS = 200_000;

// wrk stops mid-request at the end of every run; those aborts are expected, the rest is shown.
const logger = {
  error(message: string, fields: Record<string, unknown>): void {
    if (message !== 'request failed after the client went away') console.error(message, fields);
  },
};
const MAX_WRITE_ATTEMPTS = 16;

// ---- the bare routes' SQL: what Kysely compiles Pauz's queries to ----------------

const AUTH_SQL =
  'select "pauz_users"."id", "pauz_users"."email", "pauz_users"."name", "pauz_users"."created_at" from "pauz_tokens" ' +
  'inner join "pauz_users" on "pauz_users"."id" = "pauz_tokens"."user_id" where "pauz_tokens"."token_hash" = ? and "pauz_tokens"."expires_at" > ?';
const READ_SQL =
  'select "id", "user_id", "title", "content", "word_count", "mood", "version", "created_at", "updated_at" from "pauz_free_sessions" ' +
  'where "id" = ? and "user_id" = ?';
const UPDATE_SQL =
  'update "pauz_free_sessions" set "content" = ?, "search_text" = ?, "word_count" = ?, "version" = ?, "updated_at" = ? ' +
  'where "id" = ? and "user_id" = ? and "version" = ?';

interface UserRow {
  id: string;
  email: string | null;
  name: string;
  created_at: string;
}
interface SessionRow {
  id: string;
  user_id: string;
  title: string;
  content: string;
  word_count: number;
  mood: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The same SQL through either driver. */
interface BareDb {
  user(tokenHash: string, now: string): Promise<UserRow | undefined>;
  session(id: string, userId: string): Promise<SessionRow | undefined>;
  update(values: [string, string, number, number, string, string, string, number]): Promise<number>;
}

function sqliteBare(): BareDb {
  const db = new Database(sqliteFile);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const auth = db.prepare(AUTH_SQL);
  const read = db.prepare(READ_SQL);
  const update = db.prepare(UPDATE_SQL);
  return {
    user: async (hash, now) => auth.get(hash, now) as UserRow | undefined,
    session: async (id, userId) => read.get(id, userId) as SessionRow | undefined,
    update: async (values) => update.run(...values).changes,
  };
}

function postgresBare(): BareDb {
  const pool = new pg.Pool({ connectionString: postgresUrl, max: 10, options: `-c search_path=${postgresSchema},public` });
  const numbered = (text: string): string => {
    let i = 0;
    return text.replace(/\?/g, () => `$${++i}`);
  };
  const auth = numbered(AUTH_SQL);
  const read = numbered(READ_SQL);
  const update = numbered(UPDATE_SQL);
  return {
    user: async (hash, now) => (await pool.query<UserRow>(auth, [hash, now])).rows[0],
    session: async (id, userId) => (await pool.query<SessionRow>(read, [id, userId])).rows[0],
    update: async (values) => (await pool.query(update, values)).rowCount ?? 0,
  };
}

type Answer = { status: number; body: unknown };

function bareRoutes(db: BareDb): {
  read(authorization: string | undefined, id: string): Promise<Answer>;
  save(authorization: string | undefined, id: string, body: unknown): Promise<Answer>;
} {
  const problem = (status: number, title: string): Answer => ({ status, body: { type: 'about:blank', status, title } });
  const session = (row: SessionRow): Record<string, unknown> => ({
    id: row.id,
    title: row.title,
    content: row.content,
    wordCount: Number(row.word_count),
    mood: row.mood,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  async function user(authorization: string | undefined): Promise<UserRow | undefined> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (token === undefined || !token.startsWith('pauz_')) return undefined;
    return db.user(createHash('sha256').update(token).digest('hex'), new Date().toISOString());
  }
  return {
    async read(authorization, id) {
      const who = await user(authorization);
      if (who === undefined) return problem(401, 'Unauthenticated');
      const row = await db.session(id, who.id);
      return row === undefined ? problem(404, 'Not found') : { status: 200, body: session(row) };
    },
    async save(authorization, id, body) {
      const who = await user(authorization);
      if (who === undefined) return problem(401, 'Unauthenticated');
      const content = (body as { content?: unknown } | null)?.content;
      if (typeof content !== 'string' || content.length > CONTENT_CHARS) return problem(400, 'Bad content');
      for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
        const row = await db.session(id, who.id);
        if (row === undefined) return problem(404, 'Not found');
        const wordCount = content.split(/\s+/).filter((w) => w !== '').length;
        const searchText = `${row.title}\n${content}`.normalize('NFC').toLowerCase();
        const updatedAt = new Date().toISOString();
        const version = Number(row.version);
        const changed = await db.update([content, searchText, wordCount, version + 1, updatedAt, id, who.id, version]);
        if (changed === 1) return { status: 200, body: session({ ...row, content, word_count: wordCount, version: version + 1, updated_at: updatedAt }) };
      }
      return problem(409, 'Conflict');
    },
  };
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function honoApp(pauz: Pauz | undefined, bare: ReturnType<typeof bareRoutes> | undefined): Hono {
  const app = new Hono();
  if (pauz !== undefined) {
    app.route('/', pauzHono(pauz, { logger }));
    return app;
  }
  const routes = bare as ReturnType<typeof bareRoutes>;
  app.get('/freejournal/:id', async (c) => {
    const { status, body } = await routes.read(c.req.header('authorization'), c.req.param('id'));
    return c.body(JSON.stringify(body), status as 200, JSON_HEADERS);
  });
  app.post('/freejournal/:id/save', async (c) => {
    let parsed: unknown;
    try {
      parsed = await c.req.json();
    } catch {
      return c.body('{"status":400}', 400, JSON_HEADERS);
    }
    const { status, body } = await routes.save(c.req.header('authorization'), c.req.param('id'), parsed);
    return c.body(JSON.stringify(body), status as 200, JSON_HEADERS);
  });
  return app;
}

function expressApp(pauz: Pauz | undefined, bare: ReturnType<typeof bareRoutes> | undefined): express.Express {
  const app = express();
  if (pauz !== undefined) {
    app.use('/', ...pauzExpress(pauz, { logger }));
    return app;
  }
  const routes = bare as ReturnType<typeof bareRoutes>;
  const reply = (res: express.Response, { status, body }: Answer): void => {
    res.status(status).set(JSON_HEADERS).send(JSON.stringify(body));
  };
  app.get('/freejournal/:id', (req, res, next) => {
    routes.read(req.headers.authorization, req.params.id).then((answer) => reply(res, answer), next);
  });
  app.post('/freejournal/:id/save', express.json({ limit: '1mb' }), (req, res, next) => {
    routes.save(req.headers.authorization, req.params.id, req.body).then((answer) => reply(res, answer), next);
  });
  return app;
}

async function main(): Promise<void> {
  let pauz: Pauz | undefined;
  let bare: ReturnType<typeof bareRoutes> | undefined;
  if (mode === 'pauz') {
    const db =
      dbKind === 'postgres'
        ? createPostgresDatabase({ connectionString: postgresUrl, schema: postgresSchema, max: 10 })
        : createSqliteDatabase({ filename: sqliteFile });
    pauz = createPauz({
      db,
      buckets: memoryBuckets(),
      pdfs: memoryPdfStore({ secret: 'bench-link-secret-bench-link-secret', publicBaseUrl: 'http://127.0.0.1' }),
      logger,
    });
  } else {
    bare = bareRoutes(dbKind === 'postgres' ? postgresBare() : sqliteBare());
  }

  const onListening = (listening: number): void => {
    process.send?.({ kind: 'listening', port: listening });
  };
  if (framework === 'express') {
    const server = expressApp(pauz, bare).listen(port, '127.0.0.1', () => onListening((server.address() as AddressInfo).port));
  } else {
    const app = honoApp(pauz, bare);
    serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => onListening(info.port));
  }

  process.on('message', (message: { kind?: string }) => {
    if (message.kind === 'cpu') process.send?.({ kind: 'cpu', usage: process.cpuUsage() });
  });
  // The driver going away (or closing the channel) ends this server.
  process.on('disconnect', () => process.exit(0));
  // Exiting (rather than dying of the signal) lets `node --cpu-prof` write its profile.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
