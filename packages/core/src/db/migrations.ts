import { type Kysely, type Migration, sql } from 'kysely';

/*
 * Frozen: a migration that has shipped is never edited, only followed by a new one.
 * Migrations use Kysely<any> and import nothing from the application, so later
 * changes to the code cannot change what an old migration does.
 */

// Timestamps are ISO 8601 UTC strings (`Date#toISOString`): portable across
// dialects and sortable as text.
const m0001: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('pauz_users')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('email', 'varchar(320)', (c) => c.unique())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('password_hash', 'varchar(255)')
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('pauz_tokens')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'varchar(64)', (c) =>
        c.notNull().references('pauz_users.id').onDelete('cascade'),
      )
      .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('pauz_tokens_user_idx').on('pauz_tokens').column('user_id').execute();

    await db.schema
      .createTable('pauz_free_sessions')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'varchar(64)', (c) =>
        c.notNull().references('pauz_users.id').onDelete('cascade'),
      )
      .addColumn('title', 'varchar(500)', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      // Title and content folded (NFC, lower case) in JS: SQLite's lower() folds ASCII only.
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('word_count', 'integer', (c) => c.notNull())
      .addColumn('mood', 'varchar(32)')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pauz_free_sessions_user_created_idx')
      .on('pauz_free_sessions')
      .columns(['user_id', 'created_at', 'id'])
      .execute();

    await db.schema
      .createTable('pauz_flowers')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'varchar(64)', (c) =>
        c.notNull().references('pauz_users.id').onDelete('cascade'),
      )
      .addColumn('mood', 'varchar(32)', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('date', 'varchar(10)', (c) => c.notNull())
      .addColumn('session_id', 'varchar(64)', (c) =>
        c.references('pauz_free_sessions.id').onDelete('set null'),
      )
      .addColumn('source', 'varchar(16)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pauz_flowers_user_date_idx')
      .on('pauz_flowers')
      .columns(['user_id', 'date'])
      .execute();
    // One reflection flower per session, enforced by the database.
    await db.schema
      .createIndex('pauz_flowers_reflection_uq')
      .on('pauz_flowers')
      .column('session_id')
      .unique()
      .where(sql.ref('source'), '=', 'reflection')
      .execute();

    await db.schema
      .createTable('pauz_login_failures')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('email', 'varchar(320)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pauz_login_failures_email_idx')
      .on('pauz_login_failures')
      .columns(['email', 'created_at'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['pauz_login_failures', 'pauz_flowers', 'pauz_free_sessions', 'pauz_tokens', 'pauz_users']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

// Index rows for bucket objects: the object is the source of truth for content; the
// row makes listing, paging, counting and deleting possible without touching a bucket.
const m0002: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('pauz_guided_journals')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('pauz_users.id').onDelete('cascade'))
      .addColumn('object_key', 'varchar(1024)', (c) => c.notNull())
      .addColumn('topic', 'varchar(32)', (c) => c.notNull())
      .addColumn('preview', 'varchar(400)', (c) => c.notNull())
      .addColumn('entry_count', 'integer', (c) => c.notNull())
      .addColumn('prompt_count', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pauz_guided_journals_user_created_idx')
      .on('pauz_guided_journals')
      .columns(['user_id', 'created_at', 'id'])
      .execute();

    await db.schema
      .createTable('pauz_hints')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('pauz_users.id').onDelete('cascade'))
      .addColumn('session_id', 'varchar(64)', (c) => c.notNull().references('pauz_free_sessions.id').onDelete('cascade'))
      .addColumn('object_key', 'varchar(1024)', (c) => c.notNull())
      .addColumn('source', 'varchar(16)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('pauz_hints_session_idx').on('pauz_hints').columns(['session_id', 'created_at']).execute();
    await db.schema.createIndex('pauz_hints_user_idx').on('pauz_hints').column('user_id').execute();

    await db.schema
      .createTable('pauz_recordings')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('pauz_users.id').onDelete('cascade'))
      .addColumn('session_id', 'varchar(64)', (c) => c.notNull().references('pauz_free_sessions.id').onDelete('cascade'))
      .addColumn('object_key', 'varchar(1024)', (c) => c.notNull())
      .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('transcript', 'text')
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('pauz_recordings_session_idx').on('pauz_recordings').columns(['session_id', 'created_at']).execute();
    await db.schema.createIndex('pauz_recordings_user_idx').on('pauz_recordings').column('user_id').execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['pauz_recordings', 'pauz_hints', 'pauz_guided_journals']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

// The login limit counts failures per email *and* source (the client address), so one
// source's wrong guesses cannot lock the owner out everywhere. Rows from before keep
// the empty source.
const m0003: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('pauz_login_failures')
      .addColumn('source', 'varchar(128)', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createIndex('pauz_login_failures_email_source_idx')
      .on('pauz_login_failures')
      .columns(['email', 'source', 'created_at'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('pauz_login_failures_email_source_idx').execute();
    await db.schema.alterTable('pauz_login_failures').dropColumn('source').execute();
  },
};

// Account deletion in steps that can be resumed: a user row marked `deleting_at` can
// no longer sign in or be served while its objects and rows go. Expired tokens are
// purged in bounded batches, found through their expiry.
const m0004: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('pauz_users').addColumn('deleting_at', 'varchar(32)').execute();
    await db.schema.createIndex('pauz_users_deleting_idx').on('pauz_users').column('deleting_at').execute();
    await db.schema.createIndex('pauz_tokens_expires_idx').on('pauz_tokens').column('expires_at').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('pauz_tokens_expires_idx').execute();
    await db.schema.dropIndex('pauz_users_deleting_idx').execute();
    await db.schema.alterTable('pauz_users').dropColumn('deleting_at').execute();
  },
};

// What an import brought in, by where it came from (`pauz:<kind>:<id>` of a Pauz
// export, `dayone:<uuid>` of a Day One entry): importing the same archive again finds
// every item here and skips it. Deleted with the account.
const m0006: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('pauz_imports')
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('pauz_users.id').onDelete('cascade'))
      .addColumn('source_key', 'varchar(300)', (c) => c.notNull())
      .addColumn('item_kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('item_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('pauz_imports_pk', ['user_id', 'source_key'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('pauz_imports').execute();
  },
};

/** Whether `db` speaks PostgreSQL: its adapter is Kysely's `PostgresAdapter` (or one derived from it). */
function onPostgres(db: Kysely<any>): boolean {
  for (let proto: object | null = Object.getPrototypeOf(db.getExecutor().adapter); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === 'PostgresAdapter') return true;
  }
  return false;
}

// Full-text search. `pauz_search` holds one row per searchable item (a free session,
// a guided journal, a hint) with the original text of the kinds whose text lives in
// a bucket; the tokens are made in JS by one normalizer (case, accents, scripts), so
// the database only splits at spaces. SQLite (and D1): an FTS5 table sharing the
// rowid, with `secure-delete` on, so a deleted row's tokens leave the index at once
// instead of at a later merge. PostgreSQL: a `tsvector` column (no extension) with
// a GIN index. Existing items are queued in `pauz_search_pending`: a migration runs
// SQL alone (on D1, one batch that cannot read), and the normalizer — and the
// bucket text of guided journals and hints — is the application's; Pauz indexes the
// queue before a user's first search and in `reconcile()`.
const m0005: Migration = {
  async up(db: Kysely<any>) {
    const postgres = onPostgres(db);
    let items = db.schema
      .createTable('pauz_search')
      .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(8)', (c) => c.notNull())
      .addColumn('item_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('session_id', 'varchar(64)')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text')
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull());
    if (postgres) items = items.addColumn('tsv', sql`tsvector`, (c) => c.notNull());
    await items.execute();
    await db.schema.createIndex('pauz_search_item_uq').on('pauz_search').columns(['kind', 'item_id']).unique().execute();
    await db.schema.createIndex('pauz_search_user_idx').on('pauz_search').column('user_id').execute();
    await db.schema.createIndex('pauz_search_session_idx').on('pauz_search').column('session_id').execute();
    if (postgres) {
      // No pending list (fastupdate): entries go into the index as they are written, so a
      // search never scans a growing list of recent writes until the next VACUUM.
      await sql`create index pauz_search_tsv_idx on pauz_search using gin (tsv) with (fastupdate = off)`.execute(db);
    } else {
      await sql`create virtual table pauz_search_fts using fts5(owner, title, body, tokenize = 'ascii')`.execute(db);
      await sql`insert into pauz_search_fts (pauz_search_fts, rank) values ('secure-delete', 1)`.execute(db);
    }
    await db.schema
      .createTable('pauz_search_pending')
      .addColumn('kind', 'varchar(8)', (c) => c.notNull())
      .addColumn('item_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
      .addPrimaryKeyConstraint('pauz_search_pending_pk', ['kind', 'item_id'])
      .execute();
    await db.schema.createIndex('pauz_search_pending_user_idx').on('pauz_search_pending').column('user_id').execute();
    for (const [kind, table] of [['free', 'pauz_free_sessions'], ['guided', 'pauz_guided_journals'], ['hint', 'pauz_hints']] as const) {
      await db
        .insertInto('pauz_search_pending')
        .columns(['kind', 'item_id', 'user_id'])
        .expression(db.selectFrom(table).select([sql.lit(kind).as('kind'), 'id', 'user_id']))
        .execute();
    }
  },
  async down(db: Kysely<any>) {
    if (!onPostgres(db)) await sql`drop table pauz_search_fts`.execute(db);
    await db.schema.dropTable('pauz_search_pending').execute();
    await db.schema.dropTable('pauz_search').execute();
  },
};

/**
 * Pauz's migrations, by frozen, sortable name.
 *
 * @category Database
 */
export const PAUZ_MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '2026_11_24_0001_accounts_sessions_garden': m0001,
  '2026_11_24_0002_bucket_index': m0002,
  '2026_12_01_0003_login_failures_source': m0003,
  '2026_12_01_0004_resumable_deletion': m0004,
  '2026_12_02_0005_search_index': m0005,
  '2026_12_02_0006_imports': m0006,
});
