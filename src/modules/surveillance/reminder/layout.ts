import { z } from 'zod';
import { caseReportsClause } from './clauses/case-reports';
import { directoryClause, signatureClause } from './clauses/closing';
import { leadClause, riskAreasClause } from './clauses/opening';
import { pointsClause } from './clauses/points';
import { titleClause } from './clauses/title';

/**
 * A house style as data: the clauses of a reminder in print order, each with its options (`layouts/*.json`,
 * docs/reminder.md). Each clause family owns the schema of its options, so an option is documented and validated
 * beside the code that honours it; an unknown clause or option is refused rather than ignored, since a typo would
 * otherwise silently print the default wording.
 */
export const layoutClause = z.discriminatedUnion('clause', [
  titleClause,
  riskAreasClause,
  caseReportsClause,
  leadClause,
  pointsClause,
  directoryClause,
  signatureClause,
]);
export type LayoutClause = z.infer<typeof layoutClause>;
export type ClauseName = LayoutClause['clause'];
const CLAUSE_NAMES = layoutClause.options.map((o) => o.shape.clause.value);

export const reminderLayoutSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and -'),
    description: z.string().min(1),
    /** The year on the first date of each paragraph, month and day after it; or no year (both seeds). */
    year: z.enum(['never', 'first-in-paragraph']).default('never'),
    clauses: z.array(layoutClause).min(1),
  })
  .superRefine((layout, ctx) => {
    const names = layout.clauses.map((c) => c.clause);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: ['clauses', i], message: 'composed twice' });
    });
    // Point 一 carries the duty to report, the reason a reminder is issued.
    if (!names.includes('points')) ctx.addIssue({ code: 'custom', path: ['clauses'], message: 'needs the points clause' });
  });
export type ReminderLayout = z.infer<typeof reminderLayoutSchema>;

/** A layout that does not parse, with one line per problem naming the clause and the option. */
export class LayoutError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`reminder layout ${source}:\n  ${problems.join('\n  ')}`);
    this.name = 'LayoutError';
  }
}

/**
 * "clause 3 (caseReports), option sentences: …" for an issue under `clauses`, the field's name otherwise; an unknown
 * key is named as the unknown option it is, an unknown clause with the clauses there are.
 */
function describe(raw: unknown, issue: z.core.$ZodIssue): string {
  const [top, index, ...option] = issue.path;
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown ${top === 'clauses' ? 'option' : 'field'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      : issue.message;
  if (top !== 'clauses' || typeof index !== 'number') return `${issue.path.join('.') || '(layout)'}: ${message}`;
  const entry = (raw as { clauses?: unknown[] }).clauses?.[index];
  const name = (entry as { clause?: unknown } | undefined)?.clause;
  const where = `clause ${index + 1} (${typeof name === 'string' ? name : 'no name'})`;
  if (option[0] === 'clause') return `${where}: unknown clause; one of ${CLAUSE_NAMES.join(', ')}`;
  return `${where}${option.length ? `, option ${option.join('.')}` : ''}: ${message}`;
}

/** Validates a layout's JSON, filling in the defaults; `source` names it in the error (a file name). */
export function parseLayout(raw: unknown, source: string): ReminderLayout {
  const parsed = reminderLayoutSchema.safeParse(raw);
  if (!parsed.success)
    throw new LayoutError(
      source,
      parsed.error.issues.map((issue) => describe(raw, issue)),
    );
  return parsed.data;
}
