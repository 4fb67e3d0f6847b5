import { z } from 'zod';
import { KINDS } from '../document';
import { cityAbbreviation, KIND_NAME_SETS, kindNamesOption } from '../phrases';
import { formatFullDate, formatMonthDay, formatTallies, type Punctuation, type Tally, total } from '../rules';
import { defineClause } from './clause';

/** Running totals of the outbreak since its first case, and the day's recoveries and releases with their districts. */

/** "自11月28日本轮疫情首例病例报告以来，哈尔滨市累计报告本土确诊病例12例、无症状感染者30例，其中外省闭环转运抵哈人员8例。" */
export const outbreak = defineClause({
  options: z.strictObject({ kindNames: kindNamesOption.default('short'), year: z.boolean().default(false) }),
  render(doc, o, { p }) {
    const totals = doc.outbreak;
    if (!totals) return [];
    const since = o.year ? formatFullDate(totals.since) : formatMonthDay(totals.since);
    const kinds = KINDS.map((kind) => ({ name: KIND_NAME_SETS[o.kindNames][kind], count: totals[kind] })).filter((k) => k.count);
    const counted = kinds.length ? `累计报告本土${formatTallies(kinds, '、')}` : '累计报告本土病例0例';
    const arrivals =
      totals.closedLoopArrivals === undefined
        ? ''
        : `${p.comma}其中外省闭环转运抵${cityAbbreviation(doc)}人员${totals.closedLoopArrivals}例`;
    return `自${since}本轮疫情首例病例报告以来${p.comma}${doc.city}${counted}${arrivals}。`;
  },
});

/** 其中南岗区2例、香坊区1例, 均在道里区 or 在道里区. */
function where(tallies: readonly Tally[], p: Punctuation): string {
  if (tallies.length > 1) return `${p.comma}其中${formatTallies(tallies, '、')}`;
  return `${p.comma}${tallies[0].count > 1 ? '均' : ''}在${tallies[0].name}`;
}

/** "当日治愈出院确诊病例3例，其中南岗区2例、香坊区1例；解除医学观察无症状感染者2例，均在道里区。" */
export const recoveries = defineClause({
  options: z.strictObject({ kindNames: kindNamesOption.default('short') }),
  render(doc, o, { p }) {
    const names = KIND_NAME_SETS[o.kindNames];
    const parts = [
      { words: `治愈出院${names.confirmed}`, tallies: doc.recoveries },
      { words: `解除医学观察${names.asymptomatic}`, tallies: doc.releases },
    ]
      .map((x) => ({ ...x, tallies: x.tallies.map((t) => ({ name: t.district, count: t.count })) }))
      .filter((x) => x.tallies.length)
      .map((x) => `${x.words}${total(x.tallies)}例${where(x.tallies, p)}`);
    return parts.length ? `当日${parts.join(p.semicolon)}。` : [];
  },
});
