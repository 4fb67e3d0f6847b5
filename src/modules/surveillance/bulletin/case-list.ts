import { KINDS, type Positive } from './document';
import { caseDetails, caseLabel, inPrintOrder, KIND_NAMES, ofKind } from './phrases';
import type { Punctuation } from './rules';

/** How a template prints its list of the day's positives. */
export interface CaseListLayout {
  /** Words before the heading: 当日 in 2021 (当日新增无症状感染者主要情况：), nothing in 2022. */
  readonly headingPrefix: string;
  /** 2021 prints label and details on one line with the diagnosis; 2022 puts them on separate lines. */
  readonly inline: boolean;
  /** 2021 states relationships in the case paragraph instead, so its list leaves them out. */
  readonly withRelationships: boolean;
}

/**
 * The "主要情况" section: per kind (confirmed first) a heading, then each positive by number, e.g.
 * 【无症状感染者1】新冠病毒无症状感染者，现住平房区绿色新城小区西区。 (2021) or
 * 【确诊病例(轻型)12】 / 现住南岗区曲线街45号。 (2022).
 */
export function caseListParagraphs(positives: readonly Positive[], layout: CaseListLayout, p: Punctuation): string[] {
  return KINDS.flatMap((kind) => {
    const cases = inPrintOrder(ofKind(positives, kind));
    if (!cases.length) return [];
    const heading = `${layout.headingPrefix}新增${KIND_NAMES[kind].short}主要情况${p.colon}`;
    return [heading, ...cases.flatMap((positive) => caseLines(positive, layout, p))];
  });
}

function caseLines(positive: Positive, layout: CaseListLayout, p: Punctuation): string[] {
  const label = caseLabel(positive, p);
  const details = caseDetails(positive, p, layout.withRelationships);
  if (layout.inline) {
    const diagnosis = KIND_NAMES[positive.kind].diagnosis;
    return [`${label}${diagnosis}${details ? `${p.comma}${details}` : '。'}`];
  }
  return details ? [label, details] : [label];
}
