import type { Generated, Kysely } from 'kysely';

/**
 * `pauz_users`: one row per account.
 *
 * @category Database
 */
export interface UsersTable {
  /** Primary key: the user id (a UUID, or the host's own id for host-managed users). */
  id: string;
  /** Normalised (trimmed, NFC, lower-case) email; unique; `null` for a host-managed user without one. */
  email: string | null;
  /** Display name. */
  name: string;
  /** `null` for users the host authenticates (they cannot log in with a password). */
  password_hash: string | null;
  /** When the account was created (ISO 8601 UTC instant). */
  created_at: string;
  /** When the account last changed (ISO 8601 UTC instant). */
  updated_at: string;
  /**
   * When the account's deletion started (ISO 8601), `null` otherwise. A deleting
   * account cannot sign in or be served; the deletion resumes on retry or in
   * `reconcile()`.
   */
  deleting_at: string | null;
}

/**
 * `pauz_tokens`: opaque bearer tokens, stored only as their SHA-256.
 *
 * @category Database
 */
export interface TokensTable {
  /** Primary key (UUID). */
  id: string;
  /** The token's owner (`pauz_users.id`). */
  user_id: string;
  /** Hex SHA-256 of the token; the token itself is never stored. */
  token_hash: string;
  /** When the token was issued (ISO 8601 UTC instant). */
  created_at: string;
  /** When the token stops working (ISO 8601 UTC instant); expired rows are removed by `reconcile()`. */
  expires_at: string;
}

/**
 * `pauz_free_sessions`: free-journal sessions and their text.
 *
 * @category Database
 */
export interface FreeSessionsTable {
  /** Primary key: the session id (UUID). */
  id: string;
  /** The session's owner (`pauz_users.id`). */
  user_id: string;
  /** The title as the user wrote it; may be empty. */
  title: string;
  /** The journal text, at most `limits.contentChars` characters. */
  content: string;
  /**
   * Title and content, NFC and lower-cased: what `GET /freejournal?q=` scanned before
   * the search index (`pauz_search`) existed. Still written, no longer read; kept
   * because dropping a column means rebuilding the table on SQLite and D1.
   */
  search_text: string;
  /** Words in `content`, as `countWords` counts them. */
  word_count: number;
  /** The mood a reflection found in the text (one of `MOODS`), `null` before any reflection. */
  mood: string | null;
  /** Optimistic-concurrency version, 1 on creation and incremented by every save. */
  version: number;
  /** When the session was created (ISO 8601 UTC instant). */
  created_at: string;
  /** When the session was last saved (ISO 8601 UTC instant). */
  updated_at: string;
}

/**
 * `pauz_flowers`: the mood garden, one row per mood entry.
 *
 * @category Database
 */
export interface FlowersTable {
  /** Primary key: the flower id (UUID). */
  id: string;
  /** The flower's owner (`pauz_users.id`). */
  user_id: string;
  /** One of `MOODS`. */
  mood: string;
  /** The user's note, `null` when none. */
  note: string | null;
  /** Local calendar date `YYYY-MM-DD` in the user's time zone. */
  date: string;
  /** The free-journal session the flower belongs to, `null` for a stand-alone mood entry. */
  session_id: string | null;
  /** `manual` (added by the user) or `reflection` (planted by a reflection). */
  source: string;
  /** When the flower was added (ISO 8601 UTC instant). */
  created_at: string;
}

/**
 * `pauz_login_failures`: failed logins per normalised email and source, for the login rate limit.
 *
 * @category Database
 */
export interface LoginFailuresTable {
  /** Primary key (UUID). */
  id: string;
  /** The normalised email the failed attempt named. */
  email: string;
  /** Where the attempts came from (see `loginSourceKey`); empty when the host gave none. */
  source: string;
  /** When the attempt failed (ISO 8601 UTC instant); rows older than the login window no longer count. */
  created_at: string;
}

/**
 * `pauz_guided_journals`: index rows of the guided-journal documents in the `guided-journals` bucket.
 *
 * @category Database
 */
export interface GuidedJournalsTable {
  /** Primary key: the guided journal id (UUID). */
  id: string;
  /** The journal's owner (`pauz_users.id`). */
  user_id: string;
  /** Key of the current version of the document in the bucket. */
  object_key: string;
  /** One of `GUIDED_TOPICS`. */
  topic: string;
  /** Up to 160 characters of the first answer (or the first prompt), for lists. */
  preview: string;
  /** How many prompts have a non-empty answer. */
  entry_count: number;
  /** How many prompts the journal has. */
  prompt_count: number;
  /** Optimistic-concurrency version, 1 on creation and incremented by every update. */
  version: number;
  /** When the journal was created (ISO 8601 UTC instant). */
  created_at: string;
  /** When the journal was last updated (ISO 8601 UTC instant). */
  updated_at: string;
}

/**
 * `pauz_hints`: index rows of the hints in the `hints` bucket.
 *
 * @category Database
 */
export interface HintsTable {
  /** Primary key: the hint id (UUID). */
  id: string;
  /** The hint's owner (`pauz_users.id`). */
  user_id: string;
  /** The free-journal session the hint was written for. */
  session_id: string;
  /** Key of the hint's JSON document in the `hints` bucket. */
  object_key: string;
  /** `writer` (generated by the AI writer) or `client` (saved with the session). */
  source: string;
  /** When the hint was stored (ISO 8601 UTC instant). */
  created_at: string;
}

/**
 * `pauz_recordings`: recordings whose audio is in the `audio-files` bucket.
 *
 * @category Database
 */
export interface RecordingsTable {
  /** Primary key: the recording id (UUID). */
  id: string;
  /** The recording's owner (`pauz_users.id`). */
  user_id: string;
  /** The free-journal session the recording belongs to. */
  session_id: string;
  /** Key of the audio in the `audio-files` bucket. */
  object_key: string;
  /** The audio's MIME type, as sniffed from its bytes. */
  content_type: string;
  /** Size of the audio in bytes. */
  size: number;
  /** The transcription, `null` until it succeeded. */
  transcript: string | null;
  /** `pending`, `transcribed` or `failed` (see `RecordingStatus`). */
  status: string;
  /** When the recording was stored (ISO 8601 UTC instant). */
  created_at: string;
  /** When its status last changed (ISO 8601 UTC instant). */
  updated_at: string;
}

/**
 * `pauz_imports`: what account imports brought in, by source, so that importing the
 * same archive again skips what is already there.
 *
 * @category Database
 */
export interface ImportsTable {
  /** The account imported into (`pauz_users.id`); with `source_key` the primary key. */
  user_id: string;
  /** Where the item came from: `pauz:<kind>:<id>` (a Pauz export) or `dayone:<uuid>` (a Day One entry, `dayone:<uuid>:audio:<id>` its audio). */
  source_key: string;
  /** `session`, `hint`, `recording`, `guided` or `flower`. */
  item_kind: string;
  /** The id of the row the import made. */
  item_id: string;
  /** When it was imported (ISO 8601 UTC instant). */
  created_at: string;
}

/**
 * `pauz_search`: one row per searchable item — a free-journal session, a guided
 * journal or a hint — for full-text search. The tokens are in `pauz_search_fts`
 * (SQLite, D1) or a `tsv` column (PostgreSQL), written by the search index only.
 *
 * @category Database
 */
export interface SearchTable {
  /** Primary key; on SQLite also the rowid of the item's `pauz_search_fts` row. */
  id: Generated<number>;
  /** `free`, `guided` or `hint`. */
  kind: string;
  /** The session, guided journal or hint id. */
  item_id: string;
  /** The item's owner (`pauz_users.id`). */
  user_id: string;
  /** For a hint, its session; else `null`. */
  session_id: string | null;
  /** The title searched: a session's title, a guided journal's topic; empty for a hint. */
  title: string;
  /** The text of a guided journal (its answers) or a hint, for snippets; `null` for a session (its text is in `pauz_free_sessions`). */
  body: string | null;
  /** When the item was created (ISO 8601 UTC instant). */
  created_at: string;
  /** When the item last changed (ISO 8601 UTC instant). */
  updated_at: string;
}

/**
 * `pauz_search_fts` (SQLite and D1 only): the FTS5 table of {@link SearchTable}'s
 * tokens, sharing its rowid.
 *
 * @category Database
 */
export interface SearchFtsTable {
  /** `pauz_search.id`. */
  rowid: number;
  /** One token naming the owner, so a match reads only that user's postings. */
  owner: string;
  /** Title tokens, space-separated. */
  title: string;
  /** Body tokens, space-separated. */
  body: string;
}

/**
 * `pauz_search_pending`: items written before the search index existed, to be indexed.
 *
 * @category Database
 */
export interface SearchPendingTable {
  /** `free`, `guided` or `hint`. */
  kind: string;
  /** The item's id. */
  item_id: string;
  /** The item's owner. */
  user_id: string;
}

/**
 * Every table Pauz owns, keyed by name. Hosts pass a `Kysely<PauzTables>`, or the
 * Kysely instance of their own database typed `Kysely<HostTables & PauzTables>`.
 *
 * @category Database
 */
export interface PauzTables {
  /** Accounts, one row each ({@link UsersTable}). */
  pauz_users: UsersTable;
  /** Bearer tokens, stored as their SHA-256 ({@link TokensTable}). */
  pauz_tokens: TokensTable;
  /** Free-journal sessions and their text ({@link FreeSessionsTable}). */
  pauz_free_sessions: FreeSessionsTable;
  /** The mood garden ({@link FlowersTable}). */
  pauz_flowers: FlowersTable;
  /** Failed logins, counted for the login rate limit ({@link LoginFailuresTable}). */
  pauz_login_failures: LoginFailuresTable;
  /** Index of the guided journals kept in the `guided-journals` bucket ({@link GuidedJournalsTable}). */
  pauz_guided_journals: GuidedJournalsTable;
  /** Index of the hints kept in the `hints` bucket ({@link HintsTable}). */
  pauz_hints: HintsTable;
  /** Recordings whose audio is in the `audio-files` bucket ({@link RecordingsTable}). */
  pauz_recordings: RecordingsTable;
  /** What account imports brought in, by source ({@link ImportsTable}). */
  pauz_imports: ImportsTable;
  /** Searchable items ({@link SearchTable}). */
  pauz_search: SearchTable;
  /** Their full-text tokens on SQLite and D1 ({@link SearchFtsTable}). */
  pauz_search_fts: SearchFtsTable;
  /** Items still to be indexed ({@link SearchPendingTable}). */
  pauz_search_pending: SearchPendingTable;
}

/**
 * Pauz's view of the database port: a Kysely instance of any dialect, typed with
 * {@link PauzTables} only. `createPauz()` also takes a wider instance (any
 * `Kysely<DB>` whose `DB` includes these tables) and narrows it to this type.
 *
 * @category Database
 */
export type PauzDatabase = Kysely<PauzTables>;

/**
 * The same instance, typed with Pauz's tables only. Kysely is invariant in its type
 * parameter, so a `Kysely<HostTables & PauzTables>` does not assign to
 * `Kysely<PauzTables>` although it holds every Pauz table; Pauz's queries name only
 * those tables, which the constraint guarantees.
 */
export function pauzView<DB extends PauzTables>(db: Kysely<DB>): PauzDatabase {
  return db as unknown as PauzDatabase;
}
