import * as z from 'zod';
import { storableText } from '../validation.js';

/**
 * Trimmed, NFC, lower-cased: the form emails are stored and compared in.
 *
 * @category Domain
 */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/**
 * An email address, normalised.
 *
 * @category Schemas
 */
export const emailSchema = z
  .string()
  .max(320)
  .transform(normaliseEmail)
  .pipe(z.email({ message: 'must be an email address' }));

/**
 * A new password: 8 to 1024 characters (the upper bound keeps hashing bounded).
 *
 * @category Schemas
 */
export const newPasswordSchema = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(1024, { message: 'must be at most 1024 characters' });

/**
 * Input of {@link Accounts.register}.
 *
 * @category Schemas
 */
export const registerInputSchema = z.strictObject({
  /** The email to sign in with; stored normalised, unique. */
  email: emailSchema,
  /** 8 to 1024 characters. */
  password: newPasswordSchema,
  /** Display name, trimmed, at most 200 characters; empty when absent. */
  name: storableText().trim().max(200).optional(),
});

/**
 * Input of {@link Accounts.login}.
 *
 * @category Schemas
 */
export const loginInputSchema = z.strictObject({
  /** The account's email, compared normalised. */
  email: emailSchema,
  /** The password, at most 1024 characters. */
  password: z.string().min(1).max(1024),
});

/**
 * Input of {@link Accounts.register}.
 *
 * @category Schemas
 */
export type RegisterInput = z.input<typeof registerInputSchema>;
/**
 * Input of {@link Accounts.login}.
 *
 * @category Schemas
 */
export type LoginInput = z.input<typeof loginInputSchema>;
