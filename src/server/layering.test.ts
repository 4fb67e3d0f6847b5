import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIT_TABLES } from '../kit/module';
import { MODULES } from '../modules/index';

/**
 * The house's layering, as mechanisms rather than habits: every table belongs to one module (or to the kit), a
 * module's SQL names only its own tables, and SQL lives only in store files. Table names are read from the
 * generated row types (src/db/schema.ts), so a new migration's table must be claimed by a module.
 */
const root = path.resolve(import.meta.dirname, '..');
const dbInterface = /export interface DB \{([^}]*)\}/.exec(readFileSync(path.join(root, 'db/schema.ts'), 'utf8'))?.[1] ?? '';
const tables = [...dbInterface.matchAll(/^ {2}(\w+): \w+;$/gm)].map((m) => m[1] as string);

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });

/** The tables a file's SQL names: builder calls, and FROM/JOIN/INTO/UPDATE in hand-written statements. */
function tablesNamed(text: string): Set<string> {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  for (const m of code.matchAll(/\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin)\('(\w+)/g))
    found.add(m[1] as string);
  for (const m of code.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+(\w+)(?!\s*\()/g)) found.add(m[1] as string);
  return new Set([...found].filter((t) => tables.includes(t)));
}

const SQL = /\b(?:selectFrom|insertInto|updateTable|deleteFrom|rawQuery|executeQuery)\(|\.execute\(\w*\.db\)/;

describe('layering', () => {
  it('every table belongs to exactly one module or to the kit', () => {
    const owners = new Map<string, string[]>();
    for (const t of KIT_TABLES) owners.set(t, ['kit']);
    for (const m of MODULES) for (const t of m.tables) owners.set(t, [...(owners.get(t) ?? []), m.name]);
    expect(tables.filter((t) => owners.get(t)?.length !== 1)).toEqual([]);
    expect([...owners.keys()].filter((t) => !tables.includes(t))).toEqual([]);
  });

  it("a module's SQL names only its own tables", () => {
    const foreign: string[] = [];
    for (const m of MODULES)
      for (const file of sources(path.join(root, 'modules', m.name)))
        for (const t of tablesNamed(readFileSync(file, 'utf8')))
          if (!m.tables.includes(t) && !KIT_TABLES.includes(t)) foreign.push(`${path.relative(root, file)}: ${t}`);
    expect(foreign).toEqual([]);
  });

  it("the kit's SQL names only the kit's tables (what modules hand it, such as a publication's table, aside)", () => {
    const foreign = sources(path.join(root, 'kit')).flatMap((file) =>
      [...tablesNamed(readFileSync(file, 'utf8'))]
        .filter((t) => !KIT_TABLES.includes(t))
        .map((t) => `${path.relative(root, file)}: ${t}`),
    );
    expect(foreign).toEqual([]);
  });

  it('SQL lives only in store files (store.ts, *-store.ts); services and routes call stores', () => {
    const outside = sources(path.join(root, 'modules'))
      .filter((f) => !/(^|-)store\.ts$/.test(path.basename(f)) && SQL.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(outside).toEqual([]);
  });

  it('no source file imports itself back through others (type-only imports aside: they are erased)', () => {
    const files = sources(root);
    const known = new Set(files);
    const resolve = (from: string, spec: string) =>
      [`${path.resolve(path.dirname(from), spec)}.ts`, path.join(path.resolve(path.dirname(from), spec), 'index.ts')].find((f) =>
        known.has(f),
      );
    const imports = new Map(
      files.map((f) => {
        const code = readFileSync(f, 'utf8');
        const specs = [...code.matchAll(/^(?:import|export)(?!\s+type\b)[^;]*?\bfrom\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gms)];
        return [f, specs.map((m) => resolve(f, (m[1] ?? m[2]) as string)).filter((x): x is string => !!x)];
      }),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (f: string, trail: string[]) => {
      state.set(f, 'open');
      for (const g of imports.get(f) ?? []) {
        if (state.get(g) === 'open')
          cycles.push([...trail.slice(trail.indexOf(g)), g].map((x) => path.relative(root, x)).join(' → '));
        else if (!state.has(g)) walk(g, [...trail, g]);
      }
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) walk(f, [f]);
    expect(cycles).toEqual([]);
  });

  it('testing never imports the health code, which follows its results (the QR check is handed in by modules/index.ts)', () => {
    const upward = sources(path.join(root, 'modules', 'testing')).filter((f) =>
      /from '(?:\.\.\/)+healthcode\//.test(readFileSync(f, 'utf8')),
    );
    expect(upward.map((f) => path.relative(root, f))).toEqual([]);
  });
});
