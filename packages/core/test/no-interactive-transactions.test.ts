import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * D1 (Raindrop SQL) has no interactive transactions: a `db.transaction()` anywhere
 * in Pauz would work on SQLite and PostgreSQL and fail on D1. Every multi-statement
 * write goes through `atomicBatch()` in db/atomic.ts (a transaction there, one
 * `batch()` on D1), the only file allowed to open a transaction.
 */

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const ALLOWED = new Set(['db/atomic.ts']);
// A call that opens one: Kysely's `transaction()…`, `startTransaction()`, or SQL that begins one.
const OPENS = [/\.transaction\(\s*\)\s*\.\s*\w+/, /\bstartTransaction\(/, /\bsql\s*`\s*(?:begin|start\s+transaction|savepoint)\b/i, /\bBEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION)\b/];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(?:ts|mts|cts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('no interactive transaction outside db/atomic.ts', () => {
  const files = sources(src);

  it('finds the sources (and the one allowed use)', () => {
    expect(files.length).toBeGreaterThan(50);
    const atomic = readFileSync(join(src, 'db', 'atomic.ts'), 'utf8');
    expect(OPENS.some((re) => re.test(atomic))).toBe(true);
  });

  it.each(OPENS.map((re) => [String(re), re] as const))('%s appears only in db/atomic.ts', (_name, re) => {
    const offenders = files
      .map((file) => relative(src, file).split('\\').join('/'))
      .filter((file) => !ALLOWED.has(file) && re.test(readFileSync(join(src, file), 'utf8')));
    expect(offenders, 'use atomicBatch() from db/atomic.ts: D1 has no interactive transactions').toEqual([]);
  });
});
