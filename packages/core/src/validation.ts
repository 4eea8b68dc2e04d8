import * as z from 'zod';
import { type FieldError, notFound, PauzError } from './errors.js';

/** Turns zod issues into Pauz field errors. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}

/**
 * Parses `input` with `schema`, throwing `VALIDATION_FAILED` with one entry per
 * problem. Services call this on everything they are given, so SDK users get the
 * same checks as HTTP clients.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const errors = fieldErrors(result.error.issues);
    throw new PauzError('VALIDATION_FAILED', `Invalid ${what}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, {
      errors,
    });
  }
  return result.data;
}

/**
 * A string that may be stored in any Pauz database: PostgreSQL text cannot hold
 * U+0000 and no journal needs it, so it is refused everywhere alike.
 */
export function storableText(): z.ZodString {
  return z.string().regex(/^[^\u0000]*$/, { message: 'must not contain the NUL character' });
}

/**
 * `VALIDATION_FAILED` on the field `content` when `content` is longer than `max`
 * characters — the configurable `limits.contentChars`, so schemas do not hard-code it.
 */
export function assertContentLength(content: string, max: number): void {
  if (content.length > max) {
    throw new PauzError('VALIDATION_FAILED', `Content is longer than ${max} characters`, {
      errors: [{ field: 'content', message: `must be at most ${max} characters` }],
    });
  }
}

const ID_RE = /^[\w-]{1,64}$/;

/**
 * Guards a resource id before it reaches SQL. Pauz ids are UUIDs (or whatever
 * url-safe ids an injected generator makes); anything else cannot name a resource,
 * so it is reported exactly like a missing one.
 */
export function assertId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || !ID_RE.test(id)) throw notFound(what);
}
