/**
 * The reference tables of the guides are checked against the code they describe,
 * so they cannot drift: docs/configuration.md (every variable createPauzFromEnv
 * reads, every createPauz option, every limit with its default, every HTTP option)
 * and docs/errors.md (every code of ERROR_CODES, in order, with the status of
 * STATUS_BY_CODE). The names come from the sources through the compiler, the
 * values from the built package.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, ERROR_CODES } from '@pauz/core';
import { DEFAULT_MAX_JSON_BYTES, STATUS_BY_CODE } from '@pauz/core/http';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '../../..');
const CORE = join(ROOT, 'packages/core/src');

/** The rows of the first table after `heading` (a line of the document), as cells without the backticks of the first. */
function table(doc: string, heading: string): string[][] {
  const lines = readFileSync(join(ROOT, doc), 'utf8').split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`${doc} has no heading "${heading}"`);
  let i = start + 1;
  while (i < lines.length && !lines[i]!.startsWith('|')) {
    if (/^#{1,6} /.test(lines[i]!)) throw new Error(`${doc}: no table under "${heading}"`);
    i++;
  }
  const rows: string[][] = [];
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    rows.push(lines[i]!.slice(1, -1).split(' | ').map((cell) => cell.trim()));
  }
  return rows;
}

/** The names in a table's first column: one backticked name per row. */
function names(rows: string[][]): string[] {
  return rows.map((row) => {
    const match = /^`([^`]+)`$/.exec(row[0]!);
    if (match === null) throw new Error(`first cell "${row[0]}" is not one \`name\``);
    return match[1]!;
  });
}

function source(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(CORE, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

/** The property names of an interface declared in a file of packages/core/src. */
function members(file: string, name: string): string[] {
  let found: string[] | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) {
      found = node.members.filter(ts.isPropertySignature).map((m) => (m.name as ts.Identifier).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source(file));
  if (found === undefined) throw new Error(`no interface ${name} in ${file}`);
  return found;
}

/** Every environment variable name env.ts spells out: the string literals that look like one. */
function envVariables(): string[] {
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) && /^(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|HOST|PORT)$/.test(node.text)) found.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source('env.ts'));
  return [...found].sort();
}

/** The first number in a cell, `2,592,000 (30 days)` → 2592000. */
const firstNumber = (cell: string): number => Number(/\d[\d,_]*/.exec(cell)?.[0].replace(/[,_]/g, '') ?? NaN);

describe('docs/configuration.md', () => {
  const doc = 'docs/configuration.md';

  it('lists every environment variable createPauzFromEnv reads, and no other', () => {
    const read = envVariables();
    expect(read.length).toBeGreaterThan(20);
    expect([...names(table(doc, '## Environment variables'))].sort()).toEqual(read);
  });

  it('lists every createPauz option', () => {
    expect([...names(table(doc, '## createPauz options'))].sort()).toEqual(members('pauz.ts', 'PauzOptions').sort());
  });

  it('lists every limit with the default of DEFAULT_LIMITS', () => {
    const rows = table(doc, '### Limits');
    expect([...names(rows)].sort()).toEqual(members('context.ts', 'PauzLimits').sort());
    expect(Object.fromEntries(rows.map((row) => [names([row])[0], firstNumber(row[1]!)]))).toEqual({ ...DEFAULT_LIMITS });
  });

  it('lists every HTTP option, with the JSON limit of DEFAULT_MAX_JSON_BYTES', () => {
    const rows = table(doc, '## HTTP options');
    expect([...names(rows)].sort()).toEqual(members('http/handler.ts', 'PauzHttpOptions').sort());
    expect(firstNumber(rows.find((row) => row[0] === '`maxJsonBytes`')![1]!)).toBe(DEFAULT_MAX_JSON_BYTES);
  });
});

describe('docs/errors.md', () => {
  it('lists every code of ERROR_CODES in order, with its STATUS_BY_CODE status and a meaning', () => {
    const rows = table('docs/errors.md', '## Every code');
    expect(names(rows)).toEqual([...ERROR_CODES]);
    for (const row of rows) {
      const code = names([row])[0] as keyof typeof STATUS_BY_CODE;
      expect(Number(row[1]), code).toBe(STATUS_BY_CODE[code]);
      expect(row[2]!.length, `${code} has a meaning`).toBeGreaterThan(20);
    }
  });
});
