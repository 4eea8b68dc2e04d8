/**
 * A Pauz account as clients see it (never its password hash).
 *
 * @category Domain
 */
export interface User {
  /** The user id: a UUID, or the host's own id for a host-managed user. */
  id: string;
  /** `null` only for a host-managed user whose host gave no email. */
  email: string | null;
  /** Display name (at most 200 characters; may be empty). */
  name: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/**
 * What register and login return.
 *
 * @category Domain
 */
export interface AuthSession {
  /** The signed-in account. */
  user: User;
  /** Opaque bearer token; shown once, stored by Pauz only as its SHA-256. */
  token: string;
  /** ISO 8601 UTC instant after which the token stops working. */
  expiresAt: string;
}

/**
 * A user the host application authenticates itself (see the HTTP option
 * `resolveUser`). Pauz keeps a row for it so its data can be owned and deleted.
 *
 * @category Domain
 */
export interface ExternalUser {
  /** The host's user id: 1–64 characters of letters, digits, `_` or `-`. */
  id: string;
  /** Stored when given and not already used by another Pauz user. */
  email?: string;
  /** Display name, trimmed and cut to 200 characters; empty when not given. */
  name?: string;
}
