import type { Kysely } from 'kysely';

/**
 * `pauz_users`: one row per account.
 *
 * @category Database
 */
export interface UsersTable {
  id: string;
  /** Normalised (trimmed, NFC, lower-case) email; unique; `null` for a host-managed user without one. */
  email: string | null;
  name: string;
  /** `null` for users the host authenticates (they cannot log in with a password). */
  password_hash: string | null;
  created_at: string;
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
  id: string;
  user_id: string;
  /** Hex SHA-256 of the token; the token itself is never stored. */
  token_hash: string;
  created_at: string;
  expires_at: string;
}

/**
 * `pauz_free_sessions`: free-journal sessions and their text.
 *
 * @category Database
 */
export interface FreeSessionsTable {
  id: string;
  user_id: string;
  title: string;
  content: string;
  /** Title and content, NFC and lower-cased, for case-insensitive search in any script. */
  search_text: string;
  word_count: number;
  mood: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/**
 * `pauz_flowers`: the mood garden, one row per mood entry.
 *
 * @category Database
 */
export interface FlowersTable {
  id: string;
  user_id: string;
  mood: string;
  note: string | null;
  /** Local calendar date `YYYY-MM-DD` in the user's time zone. */
  date: string;
  session_id: string | null;
  source: string;
  created_at: string;
}

/**
 * `pauz_login_failures`: failed logins per normalised email and source, for the login rate limit.
 *
 * @category Database
 */
export interface LoginFailuresTable {
  id: string;
  email: string;
  /** Where the attempts came from (see `loginSourceKey`); empty when the host gave none. */
  source: string;
  created_at: string;
}

/**
 * `pauz_guided_journals`: index rows of the guided-journal documents in the `guided-journals` bucket.
 *
 * @category Database
 */
export interface GuidedJournalsTable {
  id: string;
  user_id: string;
  /** Key of the current version of the document in the bucket. */
  object_key: string;
  topic: string;
  preview: string;
  entry_count: number;
  prompt_count: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/**
 * `pauz_hints`: index rows of the hints in the `hints` bucket.
 *
 * @category Database
 */
export interface HintsTable {
  id: string;
  user_id: string;
  session_id: string;
  object_key: string;
  source: string;
  created_at: string;
}

/**
 * `pauz_recordings`: recordings whose audio is in the `audio-files` bucket.
 *
 * @category Database
 */
export interface RecordingsTable {
  id: string;
  user_id: string;
  session_id: string;
  object_key: string;
  content_type: string;
  size: number;
  transcript: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

/**
 * Every table Pauz owns, keyed by name. Hosts pass a `Kysely<PauzTables>`, or the
 * Kysely instance of their own database typed `Kysely<HostTables & PauzTables>`.
 *
 * @category Database
 */
export interface PauzTables {
  pauz_users: UsersTable;
  pauz_tokens: TokensTable;
  pauz_free_sessions: FreeSessionsTable;
  pauz_flowers: FlowersTable;
  pauz_login_failures: LoginFailuresTable;
  pauz_guided_journals: GuidedJournalsTable;
  pauz_hints: HintsTable;
  pauz_recordings: RecordingsTable;
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
