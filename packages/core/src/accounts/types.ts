/** A Pauz account as clients see it (never its password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** What register and login return. */
export interface AuthSession {
  user: User;
  /** Opaque bearer token; shown once, stored by Pauz only as its SHA-256. */
  token: string;
  /** ISO 8601 UTC instant after which the token stops working. */
  expiresAt: string;
}
