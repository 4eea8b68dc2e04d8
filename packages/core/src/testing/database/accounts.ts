import { expect, it } from 'vitest';
import type { DatabaseHarness } from './fixture.js';
import { expectPauzError } from '../expect-code.js';
import { sha256Hex } from '../../runtime.js';
import { createPauz } from '../../pauz.js';
import { type PasswordHasher, scryptPasswordHasher } from '../../accounts/passwords.js';
import { gatedHasher } from '../../accounts/hash-gate.js';
import { TEST_PASSWORD_HASHER } from './fixture.js';

export function accountsContract(h: () => DatabaseHarness): void {
  it('registers with a normalised email and signs the user in', async () => {
    const { pauz } = h();
    const email = `  Ada.${crypto.randomUUID().slice(0, 6)}@Example.COM `;
    const session = await pauz.accounts.register({ email, password: 'correct horse', name: ' Ada ' });
    expect(session.user.email).toBe(email.trim().toLowerCase());
    expect(session.user.name).toBe('Ada');
    expect(session.user).not.toHaveProperty('passwordHash');
    expect(session.user).not.toHaveProperty('password_hash');
    expect(await pauz.accounts.authenticate(session.token)).toEqual(session.user);
    const login = await pauz.accounts.login({ email: email.toUpperCase(), password: 'correct horse' });
    expect(login.user.id).toBe(session.user.id);
    expect(login.token).not.toBe(session.token);
  });

  it('refuses a second account for the same email in any case', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    await expectPauzError(pauz.accounts.register({ email: user.email.toUpperCase(), password: 'another password' }), 'EMAIL_TAKEN');
  });

  it('lets exactly one of two concurrent registrations of an email win', async () => {
    const { pauz } = h();
    const email = `race.${crypto.randomUUID()}@example.com`;
    const results = await Promise.allSettled([
      pauz.accounts.register({ email, password: 'password one' }),
      pauz.accounts.register({ email, password: 'password two' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason.code).toBe('EMAIL_TAKEN');
  });

  it('rejects bad registrations with field errors and stores nothing', async () => {
    const { pauz, db } = h();
    const before = await db.selectFrom('pauz_users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const error = await expectPauzError(pauz.accounts.register({ email: 'not-an-email', password: 'short' }), 'VALIDATION_FAILED');
    expect(error.errors.map((e) => e.field).sort()).toEqual(['email', 'password']);
    await expectPauzError(pauz.accounts.register({ email: 'a@example.com' } as never), 'VALIDATION_FAILED');
    const after = await db.selectFrom('pauz_users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('stores a memory-hard password hash and only the SHA-256 of tokens', async () => {
    const { pauz, db } = h();
    const email = `hash.${crypto.randomUUID()}@example.com`;
    const { user, token } = await pauz.accounts.register({ email, password: 'correct horse' });
    const row = await db.selectFrom('pauz_users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$scrypt\$ln=\d+,r=\d+,p=\d+\$/);
    expect(row.password_hash).not.toContain('correct horse');
    const tokens = await db.selectFrom('pauz_tokens').selectAll().where('user_id', '=', user.id).execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.token_hash).toBe(await sha256Hex(token));
    expect(JSON.stringify(tokens)).not.toContain(token);
  });

  it('upgrades a hash made with other parameters at the next successful login', async () => {
    const { db, buckets, pdfs, clock, newUser } = h();
    const user = await newUser(); // hashed by TEST_PASSWORD_HASHER (scrypt ln=10, p=1)
    const stored = async () => (await db.selectFrom('pauz_users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()).password_hash;
    const before = await stored();
    const moved = createPauz({ db, buckets, pdfs, clock, passwordHasher: scryptPasswordHasher({ params: { logN: 10, r: 8, p: 2 } }) });
    // A wrong password changes nothing.
    await expectPauzError(moved.accounts.login({ email: user.email, password: 'wrong password' }), 'INVALID_CREDENTIALS');
    expect(await stored()).toBe(before);
    expect((await moved.accounts.login({ email: user.email, password: 'correct horse battery' })).user.id).toBe(user.id);
    const after = await stored();
    expect(after).toMatch(/^\$scrypt\$ln=10,r=8,p=2\$/);
    // Current now: the next login keeps it, and the old hasher still verifies the new hash.
    await moved.accounts.login({ email: user.email, password: 'correct horse battery' });
    expect(await stored()).toBe(after);
    expect((await h().pauz.accounts.login({ email: user.email, password: 'correct horse battery' })).user.id).toBe(user.id);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const { pauz, newUser } = h();
    const user = await newUser();
    const wrong = await expectPauzError(pauz.accounts.login({ email: user.email, password: 'wrong password' }), 'INVALID_CREDENTIALS');
    const unknown = await expectPauzError(
      pauz.accounts.login({ email: `nobody.${crypto.randomUUID()}@example.com`, password: 'wrong password' }),
      'INVALID_CREDENTIALS',
    );
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.details).toEqual(wrong.details);
  });

  it('rate-limits failed logins per email, then lets them through after the window', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    const other = await newUser();
    for (let i = 0; i < pauz.limits.loginFailures; i++) {
      await expectPauzError(pauz.accounts.login({ email: user.email, password: 'wrong password' }), 'INVALID_CREDENTIALS');
    }
    const limited = await expectPauzError(pauz.accounts.login({ email: user.email, password: 'correct horse battery' }), 'RATE_LIMITED');
    expect(limited.details.retryAfterSeconds).toBeGreaterThan(0);
    // Another email is not affected.
    await pauz.accounts.login({ email: other.email, password: 'correct horse battery' });
    clock.advance(pauz.limits.loginWindowSeconds * 1000 + 1000);
    const ok = await pauz.accounts.login({ email: user.email, password: 'correct horse battery' });
    expect(ok.user.id).toBe(user.id);
  });

  it('counts failed logins per email and source: another source is not locked out, nor reset by it', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    const guesser = { source: '198.51.100.23' };
    for (let i = 0; i < pauz.limits.loginFailures; i++) {
      await expectPauzError(pauz.accounts.login({ email: user.email, password: 'wrong password' }, guesser), 'INVALID_CREDENTIALS');
    }
    await expectPauzError(pauz.accounts.login({ email: user.email, password: 'correct horse battery' }, guesser), 'RATE_LIMITED');
    // The owner, elsewhere (IPv6; an IPv4-mapped form of the guesser is the guesser).
    const owner = await pauz.accounts.login({ email: user.email, password: 'correct horse battery' }, { source: '2001:db8:1:2::77' });
    expect(owner.user.id).toBe(user.id);
    await expectPauzError(pauz.accounts.login({ email: user.email, password: 'correct horse battery' }, { source: '::ffff:198.51.100.23' }), 'RATE_LIMITED');
    // Another address of the same IPv6 /64 shares its count; the owner's success cleared it.
    for (let i = 0; i < pauz.limits.loginFailures; i++) {
      await expectPauzError(pauz.accounts.login({ email: user.email, password: 'wrong password' }, { source: `2001:db8:1:2::${i + 1}` }), 'INVALID_CREDENTIALS');
    }
    await expectPauzError(pauz.accounts.login({ email: user.email, password: 'correct horse battery' }, { source: '2001:0db8:0001:0002:ffff::1' }), 'RATE_LIMITED');
    expect((await pauz.accounts.login({ email: user.email, password: 'correct horse battery' }, { source: '2001:db8:1:3::1' })).user.id).toBe(user.id);
    clock.advance(pauz.limits.loginWindowSeconds * 1000 + 1000);
    expect((await pauz.accounts.login({ email: user.email, password: 'correct horse battery' }, guesser)).user.id).toBe(user.id);
  });

  it('does not count logins the hash gate refused as failures', async () => {
    const { db, newUser, clock, pdfs, buckets } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    // While one verify is held and one waits, every other login is refused by the hash gate.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    let entered: () => void = () => {};
    const verifying = new Promise<void>((resolve) => (entered = resolve));
    const slowHasher: PasswordHasher = {
      hash: (password) => TEST_PASSWORD_HASHER.hash(password),
      verify: async (password, hash) => {
        entered();
        if (holding) await held;
        return TEST_PASSWORD_HASHER.verify(password, hash);
      },
    };
    // The gate Pauz puts around every hasher, at one running and one waiting.
    const gate = gatedHasher(slowHasher, 1, 1);
    const gated = createPauz({ db, buckets, pdfs, clock, passwordHasher: gate });
    const first = gated.accounts.login({ email: user.email, password: 'wrong password' }, { source: '192.0.2.1' });
    await verifying;
    const queued = gate.verify('fills the queue', await TEST_PASSWORD_HASHER.hash('x'));
    for (let i = 0; i < gated.limits.loginFailures + 5; i++) {
      await expectPauzError(gated.accounts.login({ email: user.email, password: 'wrong password' }, { source: '192.0.2.1' }), 'RATE_LIMITED');
    }
    holding = false;
    release();
    await expectPauzError(first, 'INVALID_CREDENTIALS');
    expect(await queued).toBe(false);
    // One failure counted, not sixteen: the owner signs in from the same address.
    expect((await gated.accounts.login({ email: user.email, password: 'correct horse battery' }, { source: '192.0.2.1' })).user.id).toBe(user.id);
  });

  it('holds the login limit against a burst of parallel guesses', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () => pauz.accounts.login({ email: user.email, password: 'a wrong guess' })),
    );
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'));
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(pauz.limits.loginFailures);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(30 - pauz.limits.loginFailures);
    expect(codes).not.toContain('OK');
    clock.advance(pauz.limits.loginWindowSeconds * 1000 + 1000);
  });

  it('revokes a token on logout and lets tokens expire', async () => {
    const { pauz, newUser, clock } = h();
    clock.set('2026-06-15T12:00:00Z');
    const user = await newUser();
    const second = await pauz.accounts.login({ email: user.email, password: 'correct horse battery' });
    await pauz.accounts.logout(user.token);
    expect(await pauz.accounts.authenticate(user.token)).toBeNull();
    expect((await pauz.accounts.authenticate(second.token))?.id).toBe(user.id);
    await pauz.accounts.logout(user.token); // twice is harmless
    clock.set(new Date(Date.parse(second.expiresAt) + 1000));
    expect(await pauz.accounts.authenticate(second.token)).toBeNull();
    clock.set('2026-06-15T12:00:00Z');
  });

  it('resolves garbage tokens to nobody', async () => {
    const { pauz } = h();
    for (const token of ['', 'pauz_', 'pauz_nope', 'Bearer x', 'x'.repeat(5000), 'pauz_\u0000']) {
      expect(await pauz.accounts.authenticate(token)).toBeNull();
    }
  });

  it('deletes an account with all of its data, and only its data', async () => {
    const { pauz, newUser, db } = h();
    const user = await newUser();
    const other = await newUser();
    for (const id of [user.id, other.id]) {
      const session = await pauz.freeJournal.create(id, { title: 'mine' });
      await pauz.freeJournal.save(id, session.id, { content: 'private words' });
      await pauz.garden.add(id, { mood: 'calm', sessionId: session.id });
      await pauz.garden.add(id, { mood: 'happy' });
    }
    await pauz.accounts.delete(user.id);
    await expectPauzError(pauz.accounts.get(user.id), 'NOT_FOUND');
    expect(await pauz.accounts.authenticate(user.token)).toBeNull();
    for (const table of ['pauz_tokens', 'pauz_free_sessions', 'pauz_flowers'] as const) {
      const rows = await db.selectFrom(table).select('user_id').where('user_id', '=', user.id).execute();
      expect(rows, table).toHaveLength(0);
    }
    expect((await pauz.freeJournal.list(other.id)).items).toHaveLength(1);
    expect((await pauz.garden.list(other.id)).items).toHaveLength(2);
    expect(await pauz.accounts.authenticate(other.token)).not.toBeNull();
    await expectPauzError(pauz.accounts.delete(user.id), 'NOT_FOUND');
    // The email is free again.
    await pauz.accounts.register({ email: user.email, password: 'a new password' });
  });

  it('keeps one passwordless row for a host-managed user', async () => {
    const { pauz, newUser } = h();
    const taken = await newUser();
    const id = `host-${crypto.randomUUID()}`;
    const results = await Promise.all([
      pauz.accounts.ensureExternalUser({ id, email: taken.email, name: 'Host user' }),
      pauz.accounts.ensureExternalUser({ id, email: taken.email, name: 'Host user' }),
    ]);
    expect(results[0]).toEqual(results[1]);
    expect(results[0]).toMatchObject({ id, email: null, name: 'Host user' });
    const withEmail = await pauz.accounts.ensureExternalUser({ id: `host-${crypto.randomUUID()}`, email: ' Host@Example.org ' });
    expect(withEmail.email).toBe('host@example.org');
    await expectPauzError(pauz.accounts.login({ email: 'host@example.org', password: 'anything at all' }), 'INVALID_CREDENTIALS');
    const session = await pauz.freeJournal.create(id, { title: 'owned by the host user' });
    expect((await pauz.freeJournal.get(id, session.id)).title).toBe('owned by the host user');
    await pauz.accounts.delete(id);
    await expectPauzError(pauz.freeJournal.get(id, session.id), 'NOT_FOUND');
    await expectPauzError(pauz.accounts.ensureExternalUser({ id: '../x' }), 'NOT_FOUND');
  });
}
