import * as z from 'zod';
import { loginInputSchema, registerInputSchema } from '../../accounts/schemas.js';
import { defineRoute } from '../route.js';
import { authSessionSchema, meSchema } from '../schemas.js';

/** `/auth/*`: built-in accounts and bearer tokens. */
export const authRoutes = [
  defineRoute({
    operation: 'auth.register',
    method: 'POST',
    path: '/auth/register',
    summary: 'Create an account and sign in',
    tag: 'auth',
    auth: false,
    authRoute: true,
    body: registerInputSchema,
    success: { status: 201, description: 'The new user and a bearer token', schema: authSessionSchema },
    errors: ['EMAIL_TAKEN'],
    handle: ({ pauz, body }) => pauz.accounts.register(body),
  }),
  defineRoute({
    operation: 'auth.login',
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in with email and password',
    tag: 'auth',
    auth: false,
    authRoute: true,
    body: loginInputSchema,
    success: { status: 200, description: 'The user and a new bearer token', schema: authSessionSchema },
    errors: ['INVALID_CREDENTIALS', 'RATE_LIMITED'],
    // Failures are counted per email and client address: one source's guesses cannot lock the owner out.
    handle: ({ pauz, body, clientAddress }) => pauz.accounts.login(body, { source: clientAddress }),
  }),
  defineRoute({
    operation: 'auth.logout',
    method: 'POST',
    path: '/auth/logout',
    summary: 'Revoke the bearer token of this request',
    tag: 'auth',
    auth: true,
    authRoute: true,
    success: { status: 204, description: 'The token is revoked' },
    handle: async ({ pauz, token }) => {
      if (token !== null) await pauz.accounts.logout(token);
    },
  }),
  defineRoute({
    operation: 'auth.me',
    method: 'GET',
    path: '/auth/me',
    summary: 'The signed-in user',
    tag: 'auth',
    auth: true,
    authRoute: true,
    success: { status: 200, description: 'The user', schema: meSchema },
    handle: async ({ user }) => ({ user }),
  }),
  defineRoute({
    operation: 'auth.deleteAccount',
    method: 'DELETE',
    path: '/auth/me',
    summary: 'Delete the account and all of its data in every store',
    tag: 'auth',
    auth: true,
    authRoute: true,
    // A deletion a store failure interrupted is resumed with the same token.
    whileDeleting: true,
    success: { status: 204, description: 'Everything is deleted' },
    // Every store holds some of the account: its hints, journals, recordings and PDFs go too.
    errors: ['SMARTBUCKET_FAILED', 'S3_FAILED', 'UPSTREAM_TIMEOUT'],
    handle: async ({ pauz, user, signal }) => {
      await pauz.accounts.delete(user.id, { signal });
    },
  }),
];
