import { KIND_NAMES } from '../bulletin/phrases';
import { formatMonthDay, type Punctuation } from '../bulletin/rules';
import { type CaseReport, RISK_LEVELS, type RiskAreaChange } from './document';
import { fromDate, groupByDate, runs, shortenPaths } from './rules';

/**
 * The reminder's opening: why it is issued. Seed 000 opens with other cities' risk-area changes, seed 001
 * with a case another city reported; a document with both prints the changes first, each as its own paragraph.
 */

/**
 * "自11月4日起，A调整为高风险地区、B调整为中风险地区；自11月4日起，将C调整为中风险地区。": one clause per
 * date and phrasing, earliest first; neighbours set to the same level share one 调整为, and names are shortened
 * within a clause only, so every clause reads on its own.
 */
export function riskAreaParagraph(changes: readonly RiskAreaChange[], p: Punctuation): string | undefined {
  if (!changes.length) return undefined;
  const clauses = groupByDate(
    changes,
    (c) => c.effectiveFrom,
    (c) => c.wording,
  ).map(({ date, items }) => {
    const names = shortenPaths(items);
    const named = items.map((change, i) => ({ change, name: names[i] }));
    const settings = runs(named, (x) => x.change.level).map(
      (run) => `${run.map((x) => x.name).join('、')}调整为${RISK_LEVELS[run[0].change.level]}`,
    );
    return `${fromDate(date)}${p.comma}${items[0].wording === 'disposal' ? '将' : ''}${settings.join('、')}`;
  });
  return `${clauses.join(p.semicolon)}。`;
}

/** "2例新冠肺炎确诊病例、1例无症状感染者": the counts of one report, confirmed first. */
function reportedCases(report: CaseReport): string {
  const counts = [
    report.confirmed && `${report.confirmed}例${KIND_NAMES.confirmed.long}`,
    report.asymptomatic && `${report.asymptomatic}例${KIND_NAMES.asymptomatic.long}`,
  ];
  return counts.filter(Boolean).join('、');
}

/** "11月2日，成都市金牛区报告1例新冠肺炎确诊病例。": one sentence per date, earliest first. */
export function caseReportParagraph(reports: readonly CaseReport[], p: Punctuation): string | undefined {
  if (!reports.length) return undefined;
  return groupByDate(reports, (r) => r.date)
    .map(({ date, items }) => {
      const names = shortenPaths(items.map(({ province, city, county }) => ({ province, city, county })));
      const clauses = items.map((report, i) => `${names[i]}报告${reportedCases(report)}`);
      return `${formatMonthDay(date)}${p.comma}${clauses.join(p.comma)}。`;
    })
    .join('');
}
