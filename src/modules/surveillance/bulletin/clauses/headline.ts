import { z } from 'zod';
import {
  channelTallies,
  KIND_NAME_SETS,
  kindNamesOption,
  kindTallies,
  localPositives,
  POSITIVES,
  shortCity,
  singleChannelPhrase,
  when,
} from '../phrases';
import { formatFullDate, formatMonthDay, formatTallies } from '../rules';
import { defineClause } from './clause';

/**
 * The title of a bulletin, in one of three shapes (`style`):
 * - `bulletin`: 哈尔滨市11月2日0-24时疫情通报 (2021, the day and window);
 * - `release`: 11月1日哈市新增6例新冠病毒阳性感染者信息及活动轨迹 (2022 CDC release; 无新增本土… on a zero day);
 * - `press`: a headline and a subheading (seed 003: 哈市新增本土新冠病毒阳性感染者59例 / 其中确诊病例54例、无症状感染者5例;
 *   seed 004: 哈市新增本土新冠肺炎确诊病例4例 / 均在隔离管控人员中发现). Both kinds: the positives total, then the kinds;
 *   one kind: that kind, then its channel if there is only one.
 */
const options = z.strictObject({
  style: z.enum(['bulletin', 'release', 'press']),
  /** Print the year in the title's date (2022年11月1日). */
  year: z.boolean().default(false),
  /** Names of a press headline's single kind. */
  kindNames: kindNamesOption.default('2021'),
  /** Names of the kinds in a press subheading. */
  subheadingKindNames: kindNamesOption.default('short'),
});

export const title = defineClause({
  options,
  render(doc, o, { hourRange }) {
    const local = localPositives(doc.positives);
    const city = shortCity(doc);
    if (o.style === 'bulletin') return `${doc.city}${when(doc, hourRange, o.year)}疫情通报`;
    if (o.style === 'release') {
      const day = o.year ? formatFullDate(doc.date) : formatMonthDay(doc.date);
      return local.length
        ? `${day}${city}新增${local.length}例${POSITIVES}信息及活动轨迹`
        : `${day}${city}无新增本土${POSITIVES}`;
    }
    if (!local.length) return [`${city}无新增本土${POSITIVES}`];
    const kinds = kindTallies(local, o.subheadingKindNames);
    if (kinds.length > 1) return [`${city}新增本土${POSITIVES}${local.length}例`, `其中${formatTallies(kinds, '、')}`];
    const headline = `${city}新增本土${KIND_NAME_SETS[o.kindNames][kinds[0].kind]}${local.length}例`;
    const channels = channelTallies(local);
    return channels.length === 1 ? [headline, singleChannelPhrase(channels[0].name, local.length)] : [headline];
  },
});
