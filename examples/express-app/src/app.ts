/**
 * An Express app that already has users, a session cookie, a JSON body parser and
 * an error handler of its own — and mounts Pauz under /api, letting Pauz trust the
 * app's sessions through `resolveUser`.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Pauz } from '@pauz/core';
import { pauzExpress } from '@pauz/express';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';

/** The host's own user records (a real app has a table for these). */
export interface HostUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

type WithSession = Request & { user?: HostUser };

/** Hashes a password for the demo user table. */
export function hashPassword(password: string, salt = randomBytes(16).toString('hex')): string {
  return `${salt}:${scryptSync(password, salt, 32).toString('hex')}`;
}

function checkPassword(password: string, stored: string): boolean {
  const [salt = '', hash = ''] = stored.split(':');
  const candidate = Buffer.from(hashPassword(password, salt).split(':')[1] ?? '', 'hex');
  const expected = Buffer.from(hash, 'hex');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

function sessionId(req: Request): string | undefined {
  return /(?:^|;\s*)sid=([a-f0-9]{64})/.exec(req.headers.cookie ?? '')?.[1];
}

/** Builds the host app around a Pauz instance and its user table. */
export function createApp(pauz: Pauz, users: HostUser[]): express.Express {
  const sessions = new Map<string, string>(); // session id → user id
  const app = express();
  app.use(express.json({ limit: '2mb' })); // at least Pauz's 2 MiB JSON limit

  // The app's own auth middleware: a session cookie.
  app.use((req: WithSession, _res, next) => {
    const userId = sessions.get(sessionId(req) ?? '');
    req.user = users.find((u) => u.id === userId);
    next();
  });

  app.post('/login', (req, res) => {
    const { email, password } = (req.body ?? {}) as { email?: string; password?: string };
    const user = users.find((u) => u.email === email);
    if (user === undefined || typeof password !== 'string' || !checkPassword(password, user.passwordHash)) {
      res.status(401).json({ error: 'wrong email or password' });
      return;
    }
    const sid = randomBytes(32).toString('hex');
    sessions.set(sid, user.id);
    res.cookie('sid', sid, { httpOnly: true, sameSite: 'lax' }).json({ name: user.name });
  });

  app.get('/boom', () => {
    throw new Error('a host route failed');
  });

  // Pauz under /api, trusting the app's session.
  app.use(
    '/api',
    pauzExpress<WithSession>(pauz, {
      resolveUser: (req) => (req.user ? { id: req.user.id, email: req.user.email, name: req.user.name } : null),
    }),
  );

  // The app's own error handler still sees the app's own errors.
  const onError: ErrorRequestHandler = (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: 'host app error', message: error instanceof Error ? error.message : String(error) });
  };
  app.use(onError);
  return app;
}
