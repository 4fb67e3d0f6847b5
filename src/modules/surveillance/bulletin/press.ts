import type { Positive } from './document';
import { channelTallies, KIND_NAMES, kindTallies, POSITIVES, singleChannelPhrase } from './phrases';
import { formatTallies } from './rules';

/**
 * Headline and subheading of a press-conference report, shared by both press templates:
 * seed 003 "哈市新增本土新冠病毒阳性感染者59例" / "其中确诊病例54例、无症状感染者5例";
 * seed 004 "哈市新增本土新冠肺炎确诊病例4例" / "均在隔离管控人员中发现".
 * Both kinds: the positives total, then the kinds. One kind: that kind, then its channel if there is only one.
 */
export function pressHeadlines(city: string, local: readonly Positive[]): string[] {
  if (!local.length) return [`${city}无新增本土${POSITIVES}`];
  const kinds = kindTallies(local);
  if (kinds.length > 1) {
    return [`${city}新增本土${POSITIVES}${local.length}例`, `其中${formatTallies(kinds, '、')}`];
  }
  const headline = `${city}新增本土${KIND_NAMES[kinds[0].kind].long}${local.length}例`;
  const channels = channelTallies(local);
  return channels.length === 1 ? [headline, singleChannelPhrase(channels[0].name, local.length)] : [headline];
}
