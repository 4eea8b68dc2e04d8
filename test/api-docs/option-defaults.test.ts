import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * Every optional property of an exported options or limits interface (and of an
 * options object typed inline in an exported function's parameters) says what its
 * absence means: `@defaultValue` with the real default, or `@remarks No default: …`
 * when leaving it out is not a default (voice answers NOT_CONFIGURED, Pauz creates
 * the pool itself, …). The reference renders these as "Default Value" sections.
 * Read from the sources with the TypeScript compiler, starting at the entry points
 * TypeDoc documents (typedoc.json and each package's own), so a new entry is checked too.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The packages the reference documents, as the root typedoc.json lists them.
const packages = (JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] }).entryPoints;

/** Interfaces whose every property is optional where they are accepted (`limits: Partial<PauzLimits>`). */
const ACCEPTED_PARTIALLY = new Set(['PauzLimits']);
const OPTIONS_LIKE = /(Options|Limits|Timeouts|Connection)$/;

interface Finding {
  owner: string;
  property: string;
  where: string;
  defaultValue: string | undefined;
  remarks: string | undefined;
}

function tagText(tag: ts.JSDocTagInfo): string {
  return (tag.text ?? []).map((part) => part.text).join('').trim();
}

function finding(checker: ts.TypeChecker, owner: string, property: ts.Symbol, declaration: ts.Declaration): Finding {
  const tags = property.getJsDocTags(checker);
  const defaultTag = tags.find((t) => t.name === 'defaultValue');
  const remarksTag = tags.find((t) => t.name === 'remarks');
  const source = declaration.getSourceFile();
  const line = source.getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
  return {
    owner,
    property: property.name,
    where: `${relative(root, source.fileName)}:${line}`,
    defaultValue: defaultTag ? tagText(defaultTag) : undefined,
    remarks: remarksTag ? tagText(remarksTag) : undefined,
  };
}

function collect(): { findings: Finding[]; exported: Set<string> } {
  const findings: Finding[] = [];
  const exported = new Set<string>();
  for (const pkg of packages) {
    const dir = join(root, pkg);
    const typedoc = JSON.parse(readFileSync(join(dir, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };
    const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    if (!config) throw new Error(`no tsconfig in ${dir}`);
    const entries = typedoc.entryPoints.map((e) => join(dir, e));
    const program = ts.createProgram(entries, { ...config.options, noEmit: true });
    const checker = program.getTypeChecker();
    const seen = new Set<ts.Symbol>();
    for (const entry of entries) {
      const source = program.getSourceFile(entry);
      if (!source) throw new Error(`entry point ${entry} not found`);
      const module = checker.getSymbolAtLocation(source);
      if (!module) continue;
      for (const symbol of checker.getExportsOfModule(module)) {
        exported.add(symbol.name);
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        if (seen.has(target)) continue;
        // Options given inline, `fn(options: { clock?: Clock } = {})`: their optional members too.
        if (target.flags & ts.SymbolFlags.Function) {
          seen.add(target);
          for (const declaration of target.declarations ?? []) {
            if (!ts.isFunctionDeclaration(declaration)) continue;
            for (const parameter of declaration.parameters) {
              if (!parameter.type || !ts.isTypeLiteralNode(parameter.type)) continue;
              for (const member of parameter.type.members) {
                const property = member.name === undefined ? undefined : checker.getSymbolAtLocation(member.name);
                if (!property || !(property.flags & ts.SymbolFlags.Optional)) continue;
                findings.push(finding(checker, `${symbol.name}(${parameter.name.getText()})`, property, member));
              }
            }
          }
          continue;
        }
        if (!OPTIONS_LIKE.test(symbol.name)) continue;
        if (!(target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
        seen.add(target);
        const all = ACCEPTED_PARTIALLY.has(symbol.name);
        for (const property of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(target))) {
          const declaration = property.declarations?.[0];
          if (!declaration) continue;
          const file = declaration.getSourceFile().fileName;
          // Dependencies, and core's built .d.ts seen from hono and express: checked at their source.
          if (file.includes('/node_modules/') || file.includes('/dist/')) continue;
          if (!all && !(property.flags & ts.SymbolFlags.Optional)) continue;
          findings.push(finding(checker, symbol.name, property, declaration));
        }
      }
    }
  }
  return { findings, exported };
}

describe('option defaults in the API reference', () => {
  const { findings, exported } = collect();

  it('finds the options interfaces', () => {
    const owners = new Set(findings.map((f) => f.owner));
    for (const known of ['PauzOptions', 'PauzLimits', 'PauzHttpOptions', 'SqliteDatabaseOptions', 'S3PdfStoreOptions', 'memoryBuckets(options)']) {
      expect(owners, `${known} not found: the scan is broken`).toContain(known);
    }
    expect(findings.length).toBeGreaterThan(100);
  });

  it('gives every optional option @defaultValue or "@remarks No default: …"', () => {
    const undocumented = findings
      .filter((f) => !f.defaultValue && !/^No default\b/.test(f.remarks ?? ''))
      .map((f) => `${f.owner}.${f.property} (${f.where})`);
    expect(undocumented, 'say the default with @defaultValue, or its absence with "@remarks No default: …"').toEqual([]);
  });

  it('names only constants that are exported', () => {
    const unknown = findings.flatMap((f) =>
      [...(f.defaultValue ?? '').matchAll(/\b(DEFAULT_[A-Z0-9_]+)\b/g)]
        .map((m) => m[1] as string)
        .filter((name) => !exported.has(name))
        .map((name) => `${f.owner}.${f.property} names ${name}`),
    );
    expect(unknown).toEqual([]);
  });
});
