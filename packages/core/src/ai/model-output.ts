import type * as z from 'zod';
import { fieldErrors } from '../validation.js';
import { type AiCall, aiFailure } from './upstream-call.js';

const FENCED = /```[a-zA-Z]*[^\S\n]*\n?([\s\S]*?)```/;

/**
 * Turns a model's answer into a JSON value. Accepts a JSON string, the same inside a
 * Markdown code fence (```json … ```), a JSON object with prose around it, or an
 * already-parsed object (some bindings parse JSON themselves).
 */
export function readModelJson(call: AiCall, raw: unknown): unknown {
  if (raw !== null && typeof raw === 'object') return raw;
  if (typeof raw !== 'string') throw aiFailure(call, `returned no text content (got ${raw === null ? 'null' : typeof raw})`);
  const text = raw.trim();
  if (text.length === 0) throw aiFailure(call, 'returned empty content');
  const candidates = [text];
  const fenced = FENCED.exec(text)?.[1]?.trim();
  if (fenced !== undefined) candidates.unshift(fenced);
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(text.slice(start, end + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // Not this candidate; the next one is tried, and failing all is reported below.
    }
  }
  throw aiFailure(call, 'returned malformed output: not JSON');
}

/**
 * Validates a model's output with `schema`; anything that does not fit is a failure
 * of the call's code, never passed on.
 */
export function validateModelOutput<S extends z.ZodType>(call: AiCall, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = fieldErrors(result.error.issues)
    .map((e) => `${e.field}: ${e.message}`)
    .join('; ');
  throw aiFailure(call, `returned malformed output (${problems})`, { cause: result.error });
}
