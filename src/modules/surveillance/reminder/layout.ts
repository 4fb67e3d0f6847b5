import { z } from 'zod';
import { clauseNamesOf, composedOnce, layoutIdentity, parseClauseLayout } from '../../../lib/clause-layout';
import { caseReportsClause } from './clauses/case-reports';
import { directoryClause, signatureClause } from './clauses/closing';
import { leadClause, riskAreasClause } from './clauses/opening';
import { pointsClause } from './clauses/points';
import { titleClause } from './clauses/title';

export { LayoutError } from '../../../lib/clause-layout';

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
const CLAUSE_NAMES = clauseNamesOf(layoutClause);

export const reminderLayoutSchema = z
  .strictObject({
    ...layoutIdentity,
    /** The year on the first date of each paragraph, month and day after it; or no year (both seeds). */
    year: z.enum(['never', 'first-in-paragraph']).default('never'),
    clauses: z.array(layoutClause).min(1),
  })
  .superRefine((layout, ctx) => {
    const names = composedOnce(layout.clauses, ctx);
    // Point 一 carries the duty to report, the reason a reminder is issued.
    if (!names.includes('points')) ctx.addIssue({ code: 'custom', path: ['clauses'], message: 'needs the points clause' });
  });
export type ReminderLayout = z.infer<typeof reminderLayoutSchema>;

/** Validates a layout's JSON, filling in the defaults; `source` names it in the error (a file name). */
export const parseLayout = (raw: unknown, source: string): ReminderLayout =>
  parseClauseLayout(reminderLayoutSchema, raw, source, { kind: 'reminder layout', clauseNames: CLAUSE_NAMES });
