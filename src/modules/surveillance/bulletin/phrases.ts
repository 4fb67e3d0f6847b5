import { type BulletinDocument, type CaseRef, KINDS, type Kind, type Positive, SEVERITIES } from './document';
import { formatFullDate, formatHourWindow, formatMonthDay, type HourRangeStyle, type Punctuation, tally } from './rules';

/**
 * Wording shared by several templates, so each template only arranges sentences. Phrases the seeds print are
 * quoted beside their helper; the few needed for data the seeds never show are listed in docs/bulletin.md.
 */

/** How each kind is named: in lists (short), in counts (long), and as a diagnosis. */
export const KIND_NAMES: Record<Kind, { short: string; long: string; diagnosis: string }> = {
  confirmed: { short: '确诊病例', long: '新冠肺炎确诊病例', diagnosis: '新冠肺炎确诊病例' },
  asymptomatic: { short: '无症状感染者', long: '无症状感染者', diagnosis: '新冠病毒无症状感染者' },
};

/** Both kinds together (阳性感染者), as 2022 bulletins count them. */
export const POSITIVES = '新冠病毒阳性感染者';

/** The local positives: every count a bulletin states is of these; imported ones get their own sentence. */
export const localPositives = (positives: readonly Positive[]) => positives.filter((p) => p.source === 'local');

export const ofKind = (positives: readonly Positive[], kind: Kind) => positives.filter((p) => p.kind === kind);

/** Positives in print order: confirmed before asymptomatic, each by number. */
export const inPrintOrder = (positives: readonly Positive[]) =>
  KINDS.flatMap((kind) => ofKind(positives, kind).sort((a, b) => a.number - b.number));

/** The kinds present among `positives` with their counts, confirmed first. */
export const kindTallies = (positives: readonly Positive[]) =>
  KINDS.map((kind) => ({ kind, name: KIND_NAMES[kind].short, count: ofKind(positives, kind).length })).filter((k) => k.count);

/** The day and hour window, e.g. 11月2日0-24时, with the year for press releases. */
export function when(doc: BulletinDocument, hourRange: HourRangeStyle, withYear = false): string {
  const day = withYear ? formatFullDate(doc.date) : formatMonthDay(doc.date);
  return `${day}${formatHourWindow(doc.fromHour, doc.toHour, hourRange)}`;
}

/** Short city name for headlines: 哈市. */
export const shortCity = (doc: BulletinDocument) => doc.cityShortName ?? doc.city;

/** 【确诊病例(轻型)12】 or 【无症状感染者13】. */
export function caseLabel(positive: Positive, p: Punctuation): string {
  const severity =
    positive.kind === 'confirmed' && positive.severity ? `${p.open}${SEVERITIES[positive.severity]}${p.close}` : '';
  return `【${KIND_NAMES[positive.kind].short}${severity}${positive.number}】`;
}

/** 10月31日确诊病例2: a reference to a positive of any day. */
export const formatCaseRef = (ref: CaseRef) => `${formatMonthDay(ref.date)}${KIND_NAMES[ref.kind].short}${ref.number}`;

/** "现住南岗区测绘路150号如闲精品酒店式公寓,系外地市抵哈人员。", or undefined when nothing is known. */
export function caseDetails(positive: Positive, p: Punctuation, withRelationships: boolean): string | undefined {
  const parts = [
    positive.residence && `现住${positive.residence}`,
    positive.origin,
    withRelationships && positive.relationships,
    positive.kind === 'confirmed' && positive.reclassifiedFromAsymptomatic && '由无症状感染者转为确诊病例',
  ].filter((part): part is string => Boolean(part));
  return parts.length ? `${parts.join(p.comma)}。` : undefined;
}

/** "均在隔离管控人员中发现" when every positive came through one channel ("均为社区筛查发现" if not 在…中发现). */
export function singleChannelPhrase(channel: string, count: number): string {
  return `${count > 1 ? '均' : ''}${channel.endsWith('中发现') ? '在' : '为'}${channel}`;
}

/** The channels of `positives` as printed in 2022: 集中隔离发现1例,居家隔离医学观察发现1例. */
export const channelTallies = (positives: readonly Positive[]) => tally(positives, (x) => x.channel);

export const districtTallies = (positives: readonly Positive[]) => tally(positives, (x) => x.district);

/** "另有境外输入新冠肺炎确诊病例1例、无症状感染者1例。", or '' when none: imported cases are never in local counts. */
export function importedSentence(positives: readonly Positive[]): string {
  const imported = kindTallies(positives.filter((x) => x.source === 'imported'));
  if (!imported.length) return '';
  return `另有境外输入${imported.map((k) => `${KIND_NAMES[k.kind].long}${k.count}例`).join('、')}。`;
}

/** The figures' closing: the imported sentence, then the fixed transfer note when anyone was found. */
export function closeFacts(facts: string, doc: BulletinDocument): string {
  const transfer = localPositives(doc.positives).length ? (doc.fixedText.transferNote ?? '') : '';
  return `${facts}${importedSentence(doc.positives)}${transfer}`;
}

/** Issuer and date, on lines joined by `lineBreak` (the pages differ: one line break in 2021, a blank line in 2022). */
export function signature(doc: BulletinDocument, lineBreak: string): string[] {
  return doc.signature ? [`${doc.signature.issuer}${lineBreak}${formatFullDate(doc.signature.date)}`] : [];
}
