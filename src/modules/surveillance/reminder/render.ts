import { punctuation } from '../bulletin/rules';
import { caseReports } from './clauses/case-reports';
import { directory, signature } from './clauses/closing';
import { lead, riskAreas } from './clauses/opening';
import { points } from './clauses/points';
import { title } from './clauses/title';
import type { ReminderDocument } from './document';
import type { ClauseName, LayoutClause, ReminderLayout } from './layout';
import { reminderLayout } from './layout-files';
import { type ClauseEnv, paragraphDates } from './rules';

/** A clause family's renderer: the paragraphs it prints for a document, none when it has nothing to say. */
type Clause<K extends ClauseName> = (
  doc: ReminderDocument,
  options: Extract<LayoutClause, { clause: K }>,
  env: ClauseEnv,
) => string[];

const CLAUSES: { [K in ClauseName]: Clause<K> } = { title, riskAreas, caseReports, lead, points, directory, signature };

/**
 * Composes a parsed document by a layout: each clause in the layout's order, paragraphs separated by a blank
 * line. Pure, so the API, the CLI and the golden tests produce the same text from the same records and layout.
 */
export function composeReminder(doc: ReminderDocument, layout: ReminderLayout): string {
  const env: ClauseEnv = { p: punctuation(doc.style.punctuation), dates: () => paragraphDates(layout.year) };
  // TypeScript cannot pair a union member with its own entry of CLAUSES; the discriminant does at run time.
  const run = (c: LayoutClause) => (CLAUSES[c.clause] as Clause<ClauseName>)(doc, c as never, env);
  return layout.clauses.flatMap(run).join('\n\n');
}

/** The text of a document in its own layout (`doc.layout`), or in the one named (the CLI's `--layout`). */
export const renderReminder = (doc: ReminderDocument, layoutName: string = doc.layout) =>
  composeReminder(doc, reminderLayout(layoutName));
