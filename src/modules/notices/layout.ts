import { z } from 'zod';
import { clauseNamesOf, composedOnce, layoutIdentity, parseClauseLayout } from '../../lib/clause-layout';
import { changesClause } from './clauses/changes';
import { signatureClause, unchangedClause } from './clauses/closing';
import { openingClause } from './clauses/opening';
import { titleClause } from './clauses/title';
import { LEVEL_STYLES } from './rules';

/**
 * A house style as data: the clauses of a notice in print order, each with its options (`layouts/*.json`,
 * docs/notice.md). Each clause family owns the schema of its options; an unknown clause or option is refused
 * rather than ignored, since a typo would otherwise silently print the default wording.
 */
export const layoutClause = z.discriminatedUnion('clause', [
  titleClause,
  openingClause,
  changesClause,
  unchangedClause,
  signatureClause,
]);
export type LayoutClause = z.infer<typeof layoutClause>;
export type ClauseName = LayoutClause['clause'];
const CLAUSE_NAMES = clauseNamesOf(layoutClause);

export const noticeLayoutSchema = z
  .strictObject({
    ...layoutIdentity,
    /** Full-width marks (2021 notices) or the half-width ones of seed 004's digitised page. */
    punctuation: z.enum(['fullwidth', 'halfwidth']),
    /** The level names: those of the edition in force (`by-edition`), or always one style. */
    levelNames: z.enum(['by-edition', ...LEVEL_STYLES]).default('by-edition'),
    /** 00:00 said as 0时 of its day or 24时 of the day before (自2021年9月29日24时起). */
    midnight: z.enum(['0', '24']).default('0'),
    clauses: z.array(layoutClause).min(1),
  })
  .superRefine((layout, ctx) => {
    const names = composedOnce(layout.clauses, ctx);
    for (const needed of ['title', 'changes'] as const)
      if (!names.includes(needed)) ctx.addIssue({ code: 'custom', path: ['clauses'], message: `needs the ${needed} clause` });
    if (names[0] !== 'title') ctx.addIssue({ code: 'custom', path: ['clauses', 0], message: 'the title comes first' });
    const signed = names.indexOf('signature');
    if (signed >= 0 && signed !== names.length - 1)
      ctx.addIssue({ code: 'custom', path: ['clauses', signed], message: 'the signature comes last' });
    // Start times as paragraphs of their own follow an opening that ends 决定：, not one that runs on into them.
    const opening = layout.clauses.find((c) => c.clause === 'opening');
    const changes = layout.clauses.find((c) => c.clause === 'changes');
    if (opening && changes?.times === 'paragraphs' && opening.end !== 'colon')
      ctx.addIssue({
        code: 'custom',
        path: ['clauses', names.indexOf('opening'), 'end'],
        message: 'must be colon when changes.times is paragraphs',
      });
  });
export type NoticeLayout = z.infer<typeof noticeLayoutSchema>;

/** Validates a layout's JSON, filling in the defaults; `source` names it in the error (a file name). */
export const parseLayout = (raw: unknown, source: string): NoticeLayout =>
  parseClauseLayout(noticeLayoutSchema, raw, source, { kind: 'notice layout', clauseNames: CLAUSE_NAMES });
