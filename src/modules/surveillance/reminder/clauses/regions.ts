import { z } from 'zod';
import type { Punctuation } from '../../bulletin/rules';
import type { DutyRegion } from '../document';
import { type DateWriter, fullName, groupByDate, shortenPaths, sinceDate } from '../rules';

/**
 * The regions whose visitors must report, as point 一 names them after 请. `since`: `grouped` (both seeds) names
 * the regions of one since-date together after one "<date>以来到过", joined by 、 and shortened against each
 * other; `each` repeats "<date>以来到过" before every region, named in full. `join` is the mark between those
 * clauses: `comma` (，, the seeds) or `enumeration` (、).
 */
export const regionsOptions = z.strictObject({
  since: z.enum(['grouped', 'each']).default('grouped'),
  join: z.enum(['comma', 'enumeration']).default('comma'),
});
export type RegionsOptions = z.infer<typeof regionsOptions>;

/** "10月17日以来到过河北省石家庄市深泽县，10月20日以来到过河南省郑州市": earliest since-date first. */
export function dutyRegions(regions: readonly DutyRegion[], o: RegionsOptions, p: Punctuation, write: DateWriter): string {
  const groups = groupByDate(regions, (r) => r.since);
  const clauses =
    o.since === 'grouped'
      ? groups.map(({ date, items }) => `${sinceDate(date, write)}到过${shortenPaths(items).join('、')}`)
      : groups.flatMap(({ date, items }) => items.map((r) => `${sinceDate(date, write)}到过${fullName(r)}`));
  return clauses.join(o.join === 'comma' ? p.comma : '、');
}
