import { z } from 'zod';
import { KIND_NAMES } from '../../bulletin/phrases';
import type { CaseReport, ReminderDocument } from '../document';
import { type ClauseEnv, groupByDate, shortenPaths } from '../rules';

/**
 * Cases other cities reported, one paragraph after the risk-area changes. `sentences`: `by-date` (seed 001) gives
 * one sentence per date with that date's reports joined by ， and shortened against each other; `each` gives
 * every report its own dated sentence with its name in full, as CDCs wrote when reports came from far apart.
 */
export const caseReportsClause = z.strictObject({
  clause: z.literal('caseReports'),
  sentences: z.enum(['by-date', 'each']).default('by-date'),
});
export type CaseReportsClause = z.infer<typeof caseReportsClause>;

/** Positives a city reported before classifying them (阳性人员), counted after the two kinds. */
const UNCLASSIFIED = '阳性人员';

/** "2例新冠肺炎确诊病例、1例无症状感染者、3例阳性人员": the counts of one report, confirmed first. */
function reportedCases(report: CaseReport): string {
  const counts = [
    report.confirmed && `${report.confirmed}例${KIND_NAMES.confirmed.long}`,
    report.asymptomatic && `${report.asymptomatic}例${KIND_NAMES.asymptomatic.long}`,
    report.positives && `${report.positives}例${UNCLASSIFIED}`,
  ];
  return counts.filter(Boolean).join('、');
}

/** 报告, or 在重点人群筛查中发现 when the report says through which channel the cases were found. */
const verb = (report: CaseReport) => (report.channel ? `在${report.channel}中发现` : '报告');

/** "11月2日，成都市金牛区报告1例新冠肺炎确诊病例。" and its like, earliest date first; nothing without reports. */
export function caseReports(doc: ReminderDocument, o: CaseReportsClause, { p, dates }: ClauseEnv): string[] {
  const reports = doc.caseReports;
  if (!reports.length) return [];
  const write = dates();
  const apart = o.sentences === 'each' ? (r: CaseReport) => String(reports.indexOf(r)) : undefined;
  const sentences = groupByDate(reports, (r) => r.date, apart).map(({ date, items }) => {
    const names = shortenPaths(items.map((r) => ({ province: r.province, city: r.city, county: r.county, place: r.town })));
    const clauses = items.map((report, i) => `${names[i]}${verb(report)}${reportedCases(report)}`);
    return `${write(date)}${p.comma}${clauses.join(p.comma)}。`;
  });
  return [sentences.join('')];
}
