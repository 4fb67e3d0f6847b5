import type { Punctuation } from '../bulletin/rules';
import type { DutyRegion, ReminderDocument } from './document';
import { chineseNumeral, groupByDate, shortenPaths, sinceDate } from './rules';

/**
 * The numbered points (一、二、三、四、): point 一 is built from the report-duty regions, the others are the
 * CDC's fixed paragraphs. The renderer numbers them, so a point added or dropped never leaves a gap.
 */

/**
 * "10月17日以来到过河北省石家庄市深泽县，10月20日以来到过河南省郑州市": regions under their since-date,
 * earliest first; regions of one date are joined by 、 and shortened against each other.
 */
export function dutyRegions(regions: readonly DutyRegion[], p: Punctuation): string {
  return groupByDate(regions, (r) => r.since)
    .map(({ date, items }) => `${sinceDate(date)}到过${shortenPaths(items).join('、')}`)
    .join(p.comma);
}

/** Every point with its numeral, in print order. */
export function numberedPoints(doc: ReminderDocument, p: Punctuation): string[] {
  const duty = `请${dutyRegions(doc.reportDuty, p)}${doc.fixedText.dutyTail}`;
  return [duty, ...doc.fixedText.points].map((point, i) => `${chineseNumeral(i + 1)}、${point}`);
}
