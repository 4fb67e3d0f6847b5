import { z } from 'zod';
import type { ReminderDocument } from '../document';
import { type ClauseEnv, chineseNumeral } from '../rules';
import { dutyRegions, regionsOptions } from './regions';

/**
 * The numbered points (一、二、三、四、): point 一 asks the visitors of the report-duty regions to report
 * (请 + regions + the CDC's `dutyTail`), the others are the CDC's fixed paragraphs. The clause numbers them, so
 * a point added or dropped never leaves a gap. `regions` holds the options of the region list (`regions.ts`).
 */
export const pointsClause = z.strictObject({
  clause: z.literal('points'),
  regions: regionsOptions.prefault({}),
});
export type PointsClause = z.infer<typeof pointsClause>;

export function points(doc: ReminderDocument, o: PointsClause, { p, dates }: ClauseEnv): string[] {
  const duty = `请${dutyRegions(doc.reportDuty, o.regions, p, dates())}${doc.fixedText.dutyTail}`;
  return [duty, ...doc.fixedText.points].map((point, i) => `${chineseNumeral(i + 1)}、${point}`);
}
