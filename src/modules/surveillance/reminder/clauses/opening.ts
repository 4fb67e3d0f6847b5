import { z } from 'zod';
import type { ReminderDocument } from '../document';
import { type ClauseEnv, fromDate, groupByDate, runs, shortenPaths } from '../rules';

/**
 * The reminder's opening: why it is issued (other cities' risk-area changes; the cases they reported are the
 * family of `case-reports.ts`), and the strategy sentence that leads into the points.
 */

/** The two tiers other cities' places were set to in 2021, with their printed names. */
export const RISK_LEVELS = { high: '高风险地区', medium: '中风险地区' } as const;
export type RiskLevel = keyof typeof RISK_LEVELS;

export const riskAreasClause = z.strictObject({ clause: z.literal('riskAreas') });
export const leadClause = z.strictObject({ clause: z.literal('lead') });

/**
 * "自11月4日起，A调整为高风险地区、B调整为中风险地区；自11月4日起，将C调整为中风险地区。": one paragraph, one
 * clause per date and phrasing, earliest first; neighbours set to the same level share one 调整为, and names are
 * shortened within a clause only, so every clause reads on its own. Nothing when no risk area changed.
 */
export function riskAreas(doc: ReminderDocument, _o: unknown, { p, dates }: ClauseEnv): string[] {
  if (!doc.riskAreaChanges.length) return [];
  const write = dates();
  const clauses = groupByDate(
    doc.riskAreaChanges,
    (c) => c.effectiveFrom,
    (c) => c.wording,
  ).map(({ date, items }) => {
    const names = shortenPaths(items);
    const named = items.map((change, i) => ({ change, name: names[i] }));
    const settings = runs(named, (x) => x.change.level).map(
      (run) => `${run.map((x) => x.name).join('、')}调整为${RISK_LEVELS[run[0].change.level]}`,
    );
    return `${fromDate(date, write)}${p.comma}${items[0].wording === 'disposal' ? '将' : ''}${settings.join('、')}`;
  });
  return [`${clauses.join(p.semicolon)}。`];
}

/** The strategy sentence (为精准落实“防输入、防输出、防扩散”防控策略…如下：), verbatim from the document. */
export const lead = (doc: ReminderDocument): string[] => [doc.fixedText.lead];
