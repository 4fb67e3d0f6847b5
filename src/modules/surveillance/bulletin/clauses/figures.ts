import { z } from 'zod';
import { type BulletinDocument, KINDS, type Kind, type Positive } from '../document';
import {
  channelPhrase,
  channelTallies,
  districtTallies,
  inPrintOrder,
  KIND_NAME_SETS,
  type KindNameSet,
  kindNamesOption,
  kindTallies,
  localPositives,
  ofKind,
  POSITIVES,
  singleChannelPhrase,
  when,
} from '../phrases';
import { formatTallies, type Punctuation, type Tally } from '../rules';
import { arrivalPhrase } from './account';
import { defineClause } from './clause';

/**
 * The figures of the window: "<window>，<city>" then the counts of new local positives in one of the shapes the
 * published bulletins use (`mode`), then imported cases and the transfer note. Every count is of local positives.
 */
export const FIGURE_MODES = [
  'per-kind-districts',
  'total-kind-channels',
  'summary',
  'per-kind-districts-channels',
  'total-first',
  'per-kind-then-channels',
] as const;
export type FigureMode = (typeof FIGURE_MODES)[number];

const options = z.strictObject({
  mode: z.enum(FIGURE_MODES),
  kindNames: kindNamesOption.default('short'),
  /** Print the year in the window: 2022年11月29日0-15时. */
  year: z.boolean().default(false),
  /** A day without local positives: each kind (无新增本土X；无新增本土Y) or the positives (无新增本土新冠病毒阳性感染者). */
  zero: z.enum(['per-kind', 'positives']).default('positives'),
  /** `sentence`: a day with one local positive says 报告1例<kind>，<origin>，为<channel>。 and the case list does not repeat it. */
  oneCase: z.enum(['count', 'sentence']).default('count'),
  /** The words of a day with nothing at all to report, between 无新增 and 疫情信息报告 (e.g. 新冠肺炎); unset: a zero day. */
  nothingNew: z.string().optional(),
  /** Imported positives: their count (另有境外输入…1例。), or with their arrival (…，10月30日自首尔乘坐…入境。). */
  imported: z.enum(['count', 'with-entry']).default('count'),
  /** Names of the imported positives' kinds; the figures' `kindNames` when unset. */
  importedKindNames: kindNamesOption.optional(),
});
type Options = z.infer<typeof options>;

/** What a mode builds from the local positives of a non-empty day; the clause adds the window and the closing. */
type Counts = (local: readonly Positive[], names: KindNameSet, p: Punctuation) => string;

/** 其中平房区2例、阿城区1例, 均在平房区 (several in one district) or 在平房区 (one case). */
function districtPhrase(positives: readonly Positive[], sayAll: boolean): string {
  const districts = districtTallies(positives);
  if (districts.length > 1) return `其中${formatTallies(districts, '、')}`;
  return `${sayAll && positives.length > 1 ? '均' : ''}在${districts[0].name}`;
}

/** The kinds present, each with its own positives. */
const byKind = (local: readonly Positive[], names: KindNameSet) =>
  kindTallies(local, names).map((k) => ({ ...k, positives: ofKind(local, k.kind) }));

const channelsOf = (positives: readonly Positive[], separator: string) => formatTallies(channelTallies(positives), separator);

const MODES: Record<FigureMode, Counts> = {
  /** 2021: 新增本土新冠肺炎确诊病例3例，其中平房区2例、阿城区1例；无新增本土无症状感染者 (every kind, present or not). */
  'per-kind-districts': (local, names, p) =>
    KINDS.map((kind: Kind) => {
      const positives = ofKind(local, kind);
      const name = `本土${KIND_NAME_SETS[names][kind]}`;
      return positives.length ? `新增${name}${positives.length}例${p.comma}${districtPhrase(positives, true)}` : `无新增${name}`;
    }).join(p.semicolon),
  /** Seed 004: 新增本土新冠病毒阳性感染者6例,其中确诊病例3例,集中隔离发现1例,…;无症状感染者3例,… */
  'total-kind-channels': (local, names, p) =>
    `新增本土${POSITIVES}${local.length}例${p.comma}其中${byKind(local, names)
      .map((k) => `${k.name}${k.count}例${p.comma}${channelsOf(k.positives, p.comma)}`)
      .join(p.semicolon)}`,
  /** Seed 003: the total and its kinds, then a sentence of channels, then one of districts. */
  summary: (local, names, p) =>
    [
      `新增本土${POSITIVES}${local.length}例${p.comma}其中${formatTallies(kindTallies(local, names), p.comma)}`,
      channelsOf(local, p.comma),
      formatTallies(districtTallies(local), p.comma),
    ].join('。'),
  /** Seed 004 press: 新增本土新冠肺炎确诊病例4例,其中,南岗区3例、香坊区1例,均在隔离管控人员中发现 */
  'per-kind-districts-channels': (local, names, p) =>
    byKind(local, names)
      .map((k) => {
        const channels = channelTallies(k.positives);
        const found = channels.length === 1 ? singleChannelPhrase(channels[0].name, k.count) : formatTallies(channels, '、');
        const districts = formatTallies(districtTallies(k.positives), '、');
        return `新增本土${k.name}${k.count}例${p.comma}其中${p.comma}${districts}${p.comma}${found}`;
      })
      .join(p.semicolon),
  /** The total first, then each kind with its districts; its channels after a semicolon; kinds end with 。 */
  'total-first': (local, names, p) =>
    `新增本土${POSITIVES}${local.length}例${p.comma}其中${byKind(local, names)
      .map(
        (k, i) =>
          `${i ? '' : '新增本土'}${k.name}${k.count}例${p.comma}${formatTallies(districtTallies(k.positives), '、')}${p.semicolon}${channelsOf(k.positives, p.comma)}`,
      )
      .join('。')}`,
  /** Each kind in a sentence with its districts, then one sentence of channels, count first: 2例在…中发现，1例为… */
  'per-kind-then-channels': (local, names, p) =>
    [
      ...byKind(local, names).map((k) => `新增本土${k.name}${k.count}例${p.comma}${districtPhrase(k.positives, false)}`),
      channelTallies(local)
        .map((c: Tally) => `${c.count}例${channelPhrase(c.name)}`)
        .join(p.comma),
    ].join('。'),
};

/** 报告1例确诊病例，系外省抵哈人员，为社区筛查发现 : the one local positive of the day, kind, origin and channel. */
function oneCaseSentence(positive: Positive, names: KindNameSet, p: Punctuation): string {
  const origin = positive.origin ? `${p.comma}${positive.origin}` : '';
  const found = positive.channel.startsWith('在') ? positive.channel : `为${positive.channel}`;
  return `报告1例${KIND_NAME_SETS[names][positive.kind]}${origin}${p.comma}${found}`;
}

/** The counts sentence(s) of the day, without the window. */
function counts(doc: BulletinDocument, o: Options, p: Punctuation): string {
  const local = localPositives(doc.positives);
  const nothing = !doc.positives.length && !doc.recoveries.length && !doc.releases.length;
  if (nothing && o.nothingNew !== undefined) return `无新增${o.nothingNew}疫情信息报告`;
  if (!local.length) {
    return o.zero === 'per-kind'
      ? KINDS.map((kind) => `无新增本土${KIND_NAME_SETS[o.kindNames][kind]}`).join(p.semicolon)
      : `无新增本土${POSITIVES}`;
  }
  if (local.length === 1 && o.oneCase === 'sentence') return oneCaseSentence(local[0], o.kindNames, p);
  return MODES[o.mode](local, o.kindNames, p);
}

/** "另有境外输入新冠肺炎确诊病例1例、无症状感染者1例。", with each arrival when asked, or '' when none. */
function importedSentences(doc: BulletinDocument, o: Options, p: Punctuation): string {
  const imported = inPrintOrder(doc.positives.filter((x) => x.source === 'imported'));
  if (!imported.length) return '';
  const count = `另有境外输入${formatTallies(kindTallies(imported, o.importedKindNames ?? o.kindNames), '、')}`;
  if (o.imported === 'count') return `${count}。`;
  const arrived = imported.filter((x) => x.arrival);
  if (imported.length === 1) return `${count}${arrived.length ? `${p.comma}${arrivalPhrase(imported[0].arrival!, doc)}` : ''}。`;
  const each = arrived.map((x) => `${KIND_NAME_SETS.short[x.kind]}${x.number}${p.comma}${arrivalPhrase(x.arrival!, doc)}`);
  return `${count}。${each.length ? `${each.join(p.semicolon)}。` : ''}`;
}

/** Reports whether a layout's figures state the day's only local positive in one sentence. */
export const statesOneCase = (doc: BulletinDocument, o: Options) =>
  o.oneCase === 'sentence' && localPositives(doc.positives).length === 1;

export const figures = defineClause({
  options,
  render(doc, o, { p, hourRange }) {
    const transfer = localPositives(doc.positives).length ? (doc.fixedText.transferNote ?? '') : '';
    return `${when(doc, hourRange, o.year)}${p.comma}${doc.city}${counts(doc, o, p)}。${importedSentences(doc, o, p)}${transfer}`;
  },
});
