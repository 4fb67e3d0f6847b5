import { z } from 'zod';
import { type BulletinDocument, type CaseRef, KINDS, type Kind, type Positive } from './document';
import { formatFullDate, formatHourWindow, formatMonthDay, type HourRangeStyle, tally } from './rules';

/**
 * Wording shared by several clauses, so each clause only arranges sentences. Phrases the seeds print are quoted
 * beside their helper; the few needed for data the seeds never show are listed in docs/bulletin.md.
 */

/**
 * The sets of kind names a layout chooses from: `short` 确诊病例/无症状感染者 (lists, 2022 counts), `2021` the
 * counts of the 2021 bulletins (新冠肺炎确诊病例/无症状感染者), `full` the diagnosis names (新冠肺炎确诊病例/新冠病毒无症状感染者)
 * and `press-2022` the names of the 2022 press releases (新冠病毒肺炎确诊病例/新冠病毒无症状感染者).
 */
export const KIND_NAME_SETS = {
  short: { confirmed: '确诊病例', asymptomatic: '无症状感染者' },
  '2021': { confirmed: '新冠肺炎确诊病例', asymptomatic: '无症状感染者' },
  full: { confirmed: '新冠肺炎确诊病例', asymptomatic: '新冠病毒无症状感染者' },
  'press-2022': { confirmed: '新冠病毒肺炎确诊病例', asymptomatic: '新冠病毒无症状感染者' },
} as const satisfies Record<string, Record<Kind, string>>;
export type KindNameSet = keyof typeof KIND_NAME_SETS;
/** The option naming a set, for the clauses' schemas. */
export const kindNamesOption = z.enum(Object.keys(KIND_NAME_SETS) as [KindNameSet, ...KindNameSet[]]);

/** Per kind its list, count and diagnosis names from the sets above, as the reminder's wording uses them. */
export const KIND_NAMES: Record<Kind, { short: string; long: string; diagnosis: string }> = {
  confirmed: {
    short: KIND_NAME_SETS.short.confirmed,
    long: KIND_NAME_SETS['2021'].confirmed,
    diagnosis: KIND_NAME_SETS.full.confirmed,
  },
  asymptomatic: {
    short: KIND_NAME_SETS.short.asymptomatic,
    long: KIND_NAME_SETS['2021'].asymptomatic,
    diagnosis: KIND_NAME_SETS.full.asymptomatic,
  },
};

/** Both kinds together (阳性感染者), as 2022 bulletins count them. */
export const POSITIVES = '新冠病毒阳性感染者';

/** The local positives: every count a bulletin states is of these; imported ones get their own sentence. */
export const localPositives = (positives: readonly Positive[]) => positives.filter((p) => p.source === 'local');

export const ofKind = (positives: readonly Positive[], kind: Kind) => positives.filter((p) => p.kind === kind);

/** Positives in print order: confirmed before asymptomatic, each by number. */
export const inPrintOrder = (positives: readonly Positive[]) =>
  KINDS.flatMap((kind) => ofKind(positives, kind).sort((a, b) => a.number - b.number));

/** The kinds present among `positives` with their counts in the set's names, confirmed first. */
export const kindTallies = (positives: readonly Positive[], names: KindNameSet = 'short') =>
  KINDS.map((kind) => ({ kind, name: KIND_NAME_SETS[names][kind], count: ofKind(positives, kind).length })).filter(
    (k) => k.count,
  );

/** The day and hour window, e.g. 11月2日0-24时, with the year for press releases (2022年11月29日0-15时). */
export function when(doc: BulletinDocument, hourRange: HourRangeStyle, withYear = false): string {
  const day = withYear ? formatFullDate(doc.date) : formatMonthDay(doc.date);
  return `${day}${formatHourWindow(doc.fromHour, doc.toHour, hourRange)}`;
}

/** Short city name for headlines: 哈市. */
export const shortCity = (doc: BulletinDocument) => doc.cityShortName ?? doc.city;

/** The one-character name of 抵哈 and 离哈 (哈 from 哈市); the full name when the short one is not "X市". */
export const cityAbbreviation = (doc: BulletinDocument) => {
  const short = shortCity(doc);
  return short.length === 2 && short.endsWith('市') ? short[0] : short;
};

/** 10月31日确诊病例2: a reference to a positive of any day. */
export const formatCaseRef = (ref: CaseRef) => `${formatMonthDay(ref.date)}${KIND_NAME_SETS.short[ref.kind]}${ref.number}`;

/** "在…中发现" for a channel ending in 中发现, "为…" for any other (为社区筛查发现), as a phrase after a count or subject. */
export const channelPhrase = (channel: string) => `${channel.endsWith('中发现') ? '在' : '为'}${channel}`;

/** "均在隔离管控人员中发现" when every positive came through one channel ("均为社区筛查发现" if not 在…中发现). */
export const singleChannelPhrase = (channel: string, count: number) => `${count > 1 ? '均' : ''}${channelPhrase(channel)}`;

/** The channels of `positives` as printed in 2022: 集中隔离发现1例,居家隔离医学观察发现1例. */
export const channelTallies = (positives: readonly Positive[]) => tally(positives, (x) => x.channel);

export const districtTallies = (positives: readonly Positive[]) => tally(positives, (x) => x.district);
