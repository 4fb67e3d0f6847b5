import { z } from 'zod';

/**
 * House styles held as data (`layouts/*.json` of the reminder and the notices): a list of clauses, each with its
 * options, validated at load. A file that does not parse is refused with one line per problem naming the clause
 * and the option at fault, since a typo would otherwise silently print the default wording.
 */

/** What names and describes every layout: the file's name (lower case, digits and -) and a line for the console. */
export const layoutIdentity = {
  name: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and -'),
  description: z.string().min(1),
};

/** A layout that does not parse: the file, and one line per problem. */
export class LayoutError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
    kind = 'layout',
  ) {
    super(`${kind} ${source}:\n  ${problems.join('\n  ')}`);
    this.name = 'LayoutError';
  }
}

/**
 * "clause 3 (caseReports), option sentences: …" for an issue under `clauses`, the field's name otherwise; an unknown
 * key is named as the unknown option it is, an unknown clause with the clauses there are.
 */
function describe(raw: unknown, issue: z.core.$ZodIssue, clauseNames: readonly string[]): string {
  const [top, index, ...option] = issue.path;
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown ${top === 'clauses' ? 'option' : 'field'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      : issue.message;
  if (top !== 'clauses' || typeof index !== 'number') return `${issue.path.join('.') || '(layout)'}: ${message}`;
  const entry = (raw as { clauses?: unknown[] }).clauses?.[index];
  const name = (entry as { clause?: unknown } | undefined)?.clause;
  const where = `clause ${index + 1} (${typeof name === 'string' ? name : 'no name'})`;
  if (option[0] === 'clause') return `${where}: unknown clause; one of ${clauseNames.join(', ')}`;
  return `${where}${option.length ? `, option ${option.join('.')}` : ''}: ${message}`;
}

/** The clause names of a discriminated union of clause schemas (each an object with a literal `clause`). */
export const clauseNamesOf = (union: { options: readonly { shape: { clause: { value: string } } }[] }) =>
  union.options.map((o) => o.shape.clause.value);

/** Validates a layout's JSON by `schema`, filling in the defaults; `source` names it in the error (a file name). */
export function parseClauseLayout<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  source: string,
  o: { kind: string; clauseNames: readonly string[] },
): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new LayoutError(
      source,
      parsed.error.issues.map((issue) => describe(raw, issue, o.clauseNames)),
      o.kind,
    );
  return parsed.data;
}

/** The clause names of a layout, each refused where it is composed a second time. */
export function composedOnce(clauses: readonly { clause: string }[], ctx: z.core.$RefinementCtx): string[] {
  const names = clauses.map((c) => c.clause);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: ['clauses', i], message: 'composed twice' });
  });
  return names;
}

/**
 * The house styles of a kind, by name, from `[file, raw JSON]` entries: validated once on first use, each named by
 * its file (`harbin-2021.json` holds `"name": "harbin-2021"`), and a bad file fails every use loudly rather than
 * disappearing from the list.
 */
export function layoutShelf<L extends { name: string }>(
  kind: string,
  entries: () => readonly (readonly [string, unknown])[],
  parse: (raw: unknown, source: string) => L,
) {
  let loaded: ReadonlyMap<string, L> | undefined;
  const layouts = () => {
    loaded ??= new Map(
      entries().map(([file, raw]) => {
        const layout = parse(raw, file);
        if (`${layout.name}.json` !== file) throw new LayoutError(file, [`name: "${layout.name}" is not the file's name`], kind);
        return [layout.name, layout] as const;
      }),
    );
    return loaded;
  };
  const names = () => [...layouts().keys()];
  return {
    names,
    has: (name: string) => layouts().has(name),
    /** The layout called `name`; an unknown name throws, listing the known ones. */
    get(name: string): L {
      const layout = layouts().get(name);
      if (!layout) throw new RangeError(`no ${kind} "${name}"; one of ${names().join(', ')}`);
      return layout;
    },
  };
}
