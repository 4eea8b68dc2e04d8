import type { AuthSession, ExternalUser, User } from './types.js';
import { emailSchema, type LoginInput, type RegisterInput, loginInputSchema, registerInputSchema } from './schemas.js';
import { PauzError, notFound } from '../errors.js';
import { nowIso, type PauzContext } from '../context.js';
import type { UsersTable } from '../db/schema.js';
import { assertId, parseInput } from '../validation.js';
import { deleteAccount, purgeExpiredTokens, TOKEN_PURGE_BATCH } from './deletion.js';
import { sha256Hex, sha256HexSync, toBase64Url } from '../runtime.js';
import { type CallOptions, throwIfAborted } from '../upstream.js';
import { loginSourceKey } from './login-source.js';
import { HotQuery } from '../db/hot-query.js';
import type { PauzDatabase } from '../db/schema.js';

/**
 * Options of {@link Accounts.login}.
 *
 * @category Services
 */
export interface LoginOptions {
  /**
   * Where the attempt comes from: the client address (the HTTP layer passes the
   * connection's peer address, or what the host's `clientAddress` option returns).
   * Failures are counted per email and source.
   *
   * @defaultValue the empty source, so every attempt without one shares one count per email
   */
  source?: string | null;
}

const TOKEN_PREFIX = 'pauz_';

type UserRow = Pick<UsersTable, 'id' | 'email' | 'name' | 'created_at'>;

// The queries of every authenticated request, compiled once per database.
const tokenQuery = (db: PauzDatabase, tokenHash: string, now: string) =>
  db
    .selectFrom('pauz_tokens')
    .innerJoin('pauz_users', 'pauz_users.id', 'pauz_tokens.user_id')
    .select(['pauz_users.id', 'pauz_users.email', 'pauz_users.name', 'pauz_users.created_at'])
    .where('pauz_tokens.token_hash', '=', tokenHash)
    .where('pauz_tokens.expires_at', '>', now);
const userByToken = new HotQuery(2, (db: PauzDatabase, tokenHash: string, now: string) =>
  tokenQuery(db, tokenHash, now).where('pauz_users.deleting_at', 'is', null),
);
const userByTokenIncludingDeleting = new HotQuery(2, tokenQuery);
const userById = new HotQuery(1, (db: PauzDatabase, userId: string) =>
  db.selectFrom('pauz_users').select(['id', 'email', 'name', 'created_at', 'deleting_at']).where('id', '=', userId),
);

function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at };
}

/**
 * Accounts and bearer tokens: register, login, logout, token resolution, account
 * deletion.
 *
 * @category Services
 */
export class Accounts {
  #dummyHash: Promise<string> | undefined;

  /** @internal Built by {@link createPauz}; the constructor is not API. */
  static create(ctx: PauzContext): Accounts {
    return new Accounts(ctx);
  }

  private constructor(private readonly ctx: PauzContext) {}

  /**
   * Creates an account and signs it in. Throws `EMAIL_TAKEN` when the (normalised)
   * email already has an account, `VALIDATION_FAILED` for a bad email or a password
   * shorter than 8 characters.
   */
  async register(input: RegisterInput): Promise<AuthSession> {
    const { email, password, name } = parseInput(registerInputSchema, input, 'registration');
    const { db } = this.ctx;
    const taken = async (): Promise<boolean> =>
      (await db.selectFrom('pauz_users').select('id').where('email', '=', email).executeTakeFirst()) !== undefined;
    if (await taken()) throw emailTaken();

    const passwordHash = await this.ctx.passwordHasher.hash(password);
    const now = nowIso(this.ctx);
    const row = {
      id: this.ctx.ids(),
      email,
      name: name ?? '',
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
    };
    try {
      await db.insertInto('pauz_users').values(row).execute();
    } catch (error) {
      // Lost a race with a concurrent registration of the same email.
      if (await taken()) throw emailTaken();
      throw error;
    }
    return this.#issueToken(toUser(row));
  }

  /**
   * Checks an email and password and returns a new token. An unknown email and a
   * wrong password give the same `INVALID_CREDENTIALS` answer in about the same
   * time.
   *
   * Failures are counted per email **and source** (`options.source`, the client
   * address; see {@link loginSourceKey}): more than `limits.loginFailures` of them
   * from one source within `limits.loginWindowSeconds` give that source
   * `RATE_LIMITED` for the email, while the owner signing in from anywhere else is
   * not refused. A success clears its own source's count. An attempt the password
   * hasher refused to run (the hash gate is full: `RATE_LIMITED`) or that failed for
   * any other reason before the password was judged is not counted. The counts are
   * rows in SQL, so they hold across server processes.
   *
   * When the password hasher says the stored hash should be upgraded
   * (`needsRehash`: it was made with other parameters or another algorithm), a
   * successful login stores a new hash of the password, so a change of hasher
   * reaches every account that signs in.
   *
   * @example
   * {@includeCode ../../../../docs/snippets/api/core/accounts/accounts.ts}
   */
  async login(input: LoginInput, options: LoginOptions = {}): Promise<AuthSession> {
    const { email, password } = parseInput(loginInputSchema, input, 'login');
    const source = loginSourceKey(options.source);
    const { db, limits } = this.ctx;
    const now = this.ctx.clock.now();
    const windowStart = new Date(now.getTime() - limits.loginWindowSeconds * 1000).toISOString();

    await db.deleteFrom('pauz_login_failures').where('created_at', '<', windowStart).execute();
    // Record the attempt before counting: concurrent attempts each see all the others,
    // so a burst of parallel guesses cannot slip under the limit.
    const attemptId = this.ctx.ids();
    await db.insertInto('pauz_login_failures').values({ id: attemptId, email, source, created_at: now.toISOString() }).execute();
    const forget = () => db.deleteFrom('pauz_login_failures').where('id', '=', attemptId).execute();
    const attempts = await db
      .selectFrom('pauz_login_failures')
      .select([(eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
      .where('email', '=', email)
      .where('source', '=', source)
      .executeTakeFirstOrThrow();
    if (Number(attempts.n) > limits.loginFailures) {
      await forget();
      const oldest = Date.parse(String(attempts.oldest));
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + limits.loginWindowSeconds * 1000 - now.getTime()) / 1000));
      throw new PauzError('RATE_LIMITED', 'Too many failed logins for this email from here; try again later', {
        details: { retryAfterSeconds },
      });
    }

    let ok: boolean;
    let row: Pick<UsersTable, 'id' | 'email' | 'name' | 'created_at' | 'password_hash'> | undefined;
    try {
      row = await db
        .selectFrom('pauz_users')
        .select(['id', 'email', 'name', 'created_at', 'password_hash'])
        .where('email', '=', email)
        // An account being deleted signs in no more.
        .where('deleting_at', 'is', null)
        .executeTakeFirst();
      // An unknown email still costs one hash, so timing does not tell which emails exist.
      ok = row?.password_hash != null
        ? await this.ctx.passwordHasher.verify(password, row.password_hash)
        : (await this.ctx.passwordHasher.verify(password, await this.#dummy()), false);
    } catch (error) {
      // Not judged (the hash gate refused, the database failed): not a failure of the password.
      await forget();
      throw error;
    }
    // A failed attempt keeps its row; a success clears this source's record for the email.
    if (!ok || row === undefined || row.password_hash === null) throw new PauzError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    await db.deleteFrom('pauz_login_failures').where('email', '=', email).where('source', '=', source).execute();
    if (this.ctx.passwordHasher.needsRehash?.(row.password_hash) === true) await this.#rehash(row.id, row.password_hash, password);
    return this.#issueToken(toUser(row));
  }

  /** Replaces a hash made with other parameters (or another hasher) by one of the current hasher's. */
  async #rehash(userId: string, old: string, password: string): Promise<void> {
    let fresh: string;
    try {
      fresh = await this.ctx.passwordHasher.hash(password);
    } catch (error) {
      // The hash gate is full: the sign-in stands, and the next one upgrades the hash.
      if (error instanceof PauzError && error.code === 'RATE_LIMITED') return;
      throw error;
    }
    // Only over the hash just verified: a password changed meanwhile is not undone.
    await this.ctx.db.updateTable('pauz_users').set({ password_hash: fresh }).where('id', '=', userId).where('password_hash', '=', old).execute();
  }

  /**
   * Makes sure a user the host authenticates has a Pauz row, creating it on first
   * sight, and returns it. Such users have no password and cannot use `login`.
   */
  async ensureExternalUser(input: ExternalUser, options: AuthenticateOptions = {}): Promise<User> {
    assertId(input.id, 'User');
    const { db } = this.ctx;
    const existing = await userById.takeFirst(db, input.id);
    if (existing !== undefined) {
      if (existing.deleting_at !== null && options.includeDeleting !== true) throw accountDeleting();
      return toUser(existing);
    }
    const email = input.email === undefined ? undefined : emailSchema.safeParse(input.email).data;
    const emailFree =
      email !== undefined &&
      (await db.selectFrom('pauz_users').select('id').where('email', '=', email).executeTakeFirst()) === undefined;
    const now = nowIso(this.ctx);
    const row = {
      id: input.id,
      email: emailFree ? email : null,
      name: (input.name ?? '').trim().slice(0, 200),
      password_hash: null,
      created_at: now,
      updated_at: now,
    };
    // Two first requests of the same user may race: the loser finds the winner's row.
    await db.insertInto('pauz_users').values(row).onConflict((oc) => oc.doNothing()).execute();
    return this.get(input.id);
  }

  /** Revokes a token. Revoking an unknown or already revoked token does nothing. */
  async logout(token: string): Promise<void> {
    await this.ctx.db.deleteFrom('pauz_tokens').where('token_hash', '=', await sha256Hex(token)).execute();
  }

  /**
   * The user a bearer token belongs to, or `null` when it is unknown, revoked or
   * expired, or its account is being deleted (unless `includeDeleting`).
   */
  async authenticate(token: string, options: AuthenticateOptions = {}): Promise<User | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const tokenHash = sha256HexSync(token) ?? (await sha256Hex(token));
    const now = nowIso(this.ctx);
    const row =
      options.includeDeleting === true
        ? await userByTokenIncludingDeleting.takeFirst(this.ctx.db, tokenHash, now)
        : await userByToken.takeFirst(this.ctx.db, tokenHash, now);
    return row === undefined ? null : toUser(row);
  }

  /** The user with this id; `NOT_FOUND` when there is none. */
  async get(userId: string): Promise<User> {
    assertId(userId, 'User');
    const row = await userById.takeFirst(this.ctx.db, userId);
    if (row === undefined) throw notFound('User');
    return toUser(row);
  }

  /**
   * Deletes the account and all of its data, resumably: the account is marked as
   * being deleted first (it can no longer sign in, its tokens resolve to nobody, so
   * nothing can read a half-deleted account), then every object of the user goes in
   * every bucket and the PDF store, then all SQL rows in one transaction. If a store
   * fails, the error is thrown and the account stays marked: calling `delete` again
   * (`DELETE /auth/me` with the same token) continues, and `reconcile()` finishes
   * deletions left unfinished for longer than its grace period. `NOT_FOUND` when
   * there is no such account.
   *
   * `signal` is checked once, before anything is changed (`ABORTED`, nothing
   * deleted). A deletion under way runs to its end, bucket deletes included: the user
   * asked for their data to go.
   */
  async delete(userId: string, options: CallOptions = {}): Promise<void> {
    await this.get(userId);
    throwIfAborted(options.signal, 'Deleting the account');
    await deleteAccount(this.ctx, userId);
  }

  async #issueToken(user: User): Promise<AuthSession> {
    const token = TOKEN_PREFIX + toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    const now = this.ctx.clock.now();
    const expiresAt = new Date(now.getTime() + this.ctx.limits.tokenTtlSeconds * 1000).toISOString();
    await purgeExpiredTokens(this.ctx, TOKEN_PURGE_BATCH);
    await this.ctx.db
      .insertInto('pauz_tokens')
      .values({
        id: this.ctx.ids(),
        user_id: user.id,
        token_hash: await sha256Hex(token),
        created_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .execute();
    return { user, token, expiresAt };
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= this.ctx.passwordHasher.hash('pauz-timing-equaliser');
    return this.#dummyHash;
  }
}

/**
 * Options of {@link Accounts.authenticate} and {@link Accounts.ensureExternalUser}.
 *
 * @category Services
 */
export interface AuthenticateOptions {
  /**
   * Also resolve an account whose deletion is under way. Only for resuming that
   * deletion (`DELETE /auth/me` sets it); every other use must leave it off.
   *
   * @defaultValue `false`
   */
  includeDeleting?: boolean;
}

function accountDeleting(): PauzError {
  return new PauzError('UNAUTHENTICATED', 'This account is being deleted');
}

function emailTaken(): PauzError {
  return new PauzError('EMAIL_TAKEN', 'An account with this email already exists');
}
