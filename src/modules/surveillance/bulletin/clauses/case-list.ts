import { z } from 'zod';
import { type BulletinDocument, KINDS, type Positive, SEVERITIES } from '../document';
import { channelPhrase, inPrintOrder, KIND_NAME_SETS, kindNamesOption, ofKind } from '../phrases';
import type { Punctuation } from '../rules';
import { accountParts } from './account';
import { defineClause, type RenderContext } from './clause';

/**
 * The "主要情况" section: per kind (confirmed first) a heading, then each positive by number. Styles:
 * - `bracketed`: 【确诊病例(轻型)12】 and its details, on two lines (2022) or one with the diagnosis (2021:
 *   【无症状感染者1】新冠病毒无症状感染者，现住平房区绿色新城小区西区。);
 * - `inline-severity`: 确诊病例(轻型)12：现住南岗区曲线街45号。
 * - `inline-classification`: 确诊病例12：轻型，现住…。 (an asymptomatic infection's first detail is its diagnosis name).
 * With `ranges`, consecutive numbers of a kind with the same label and details print once: 确诊病例3-5：…
 */
const options = z.strictObject({
  style: z.enum(['bracketed', 'inline-severity', 'inline-classification']),
  /** Bracketed only: label and details on two lines, or on one. */
  lines: z.enum(['one', 'two']).default('two'),
  /** Bracketed only: the diagnosis name after the label (【无症状感染者1】新冠病毒无症状感染者，…). */
  diagnosis: z.boolean().default(false),
  /** Words before each heading: 当日 in 2021 (当日新增无症状感染者主要情况：). */
  headingPrefix: z.string().default(''),
  /** The relationships (系病例2的女儿); 2021 states them in the account paragraph instead. */
  relationships: z.boolean().default(true),
  /** The account's facts (contact elsewhere, notified, arrival, transfer, 无其他活动轨迹, the CDC's sentence). */
  account: z.boolean().default(true),
  /** The detection channel as the last detail (在隔离管控人员中发现). */
  channel: z.boolean().default(false),
  ranges: z.boolean().default(false),
  /** Names in headings and labels. */
  kindNames: kindNamesOption.default('short'),
  /** Names of the diagnosis (the 2021 one-line list, an asymptomatic infection's classification). */
  diagnosisNames: kindNamesOption.default('full'),
});
type Options = z.infer<typeof options>;

/** One printed entry: a positive, or a run of them with identical label and details. */
interface Entry {
  readonly first: Positive;
  readonly last: number;
  readonly details: string[];
}

export const caseList = defineClause({
  options,
  render(doc, o, ctx) {
    const p = ctx.p;
    return KINDS.flatMap((kind) => {
      const cases = inPrintOrder(ofKind(doc.positives, kind));
      if (!cases.length) return [];
      const heading = `${o.headingPrefix}新增${KIND_NAME_SETS[o.kindNames][kind]}主要情况${p.colon}`;
      return [heading, ...entries(cases, doc, o, ctx).flatMap((entry) => lines(entry, o, p))];
    });
  },
});

/** The details of a positive as phrases; origin and channel are left out when the figures already said them. */
function details(positive: Positive, doc: BulletinDocument, o: Options, ctx: RenderContext): string[] {
  const stated = ctx.oneCaseStated && positive.source === 'local';
  const classification =
    o.style === 'inline-classification'
      ? positive.kind === 'confirmed' && positive.severity
        ? SEVERITIES[positive.severity]
        : KIND_NAME_SETS[o.diagnosisNames][positive.kind]
      : undefined;
  return [
    classification,
    positive.residence && `现住${positive.residence}`,
    !stated && positive.origin,
    o.relationships && positive.relationships,
    ...(o.account ? accountParts(positive, doc) : []),
    o.channel && !stated && channelPhrase(positive.channel),
    positive.kind === 'confirmed' && positive.reclassifiedFromAsymptomatic && '由无症状感染者转为确诊病例',
  ].filter((part): part is string => Boolean(part));
}

const severityOf = (positive: Positive) => (positive.kind === 'confirmed' ? positive.severity : undefined);

/** The entries of one kind's cases in number order, runs merged when `ranges` is set. */
function entries(cases: readonly Positive[], doc: BulletinDocument, o: Options, ctx: RenderContext): Entry[] {
  const out: Entry[] = [];
  for (const positive of cases) {
    const d = details(positive, doc, o, ctx);
    const previous = out[out.length - 1];
    const joins =
      o.ranges &&
      previous &&
      previous.last + 1 === positive.number &&
      severityOf(previous.first) === severityOf(positive) &&
      previous.details.join('\u0000') === d.join('\u0000');
    if (joins) out[out.length - 1] = { ...previous, last: positive.number };
    else out.push({ first: positive, last: positive.number, details: d });
  }
  return out;
}

/** 【确诊病例(轻型)12】, 确诊病例(轻型)12 or 确诊病例12, with a range of numbers for a run (确诊病例3-5). */
function label(entry: Entry, o: Options, p: Punctuation): string {
  const severity = severityOf(entry.first);
  const shown = severity && o.style !== 'inline-classification' ? `${p.open}${SEVERITIES[severity]}${p.close}` : '';
  const numbers = entry.last === entry.first.number ? `${entry.last}` : `${entry.first.number}-${entry.last}`;
  const name = `${KIND_NAME_SETS[o.kindNames][entry.first.kind]}${shown}${numbers}`;
  return o.style === 'bracketed' ? `【${name}】` : name;
}

function lines(entry: Entry, o: Options, p: Punctuation): string[] {
  const text = entry.details.length ? `${entry.details.join(p.comma)}。` : '';
  const name = label(entry, o, p);
  if (o.style !== 'bracketed') return [text ? `${name}${p.colon}${text}` : `${name}。`];
  if (o.lines === 'two') return text ? [name, text] : [name];
  const diagnosis = o.diagnosis ? KIND_NAME_SETS[o.diagnosisNames][entry.first.kind] : '';
  if (!diagnosis) return [`${name}${text}`];
  return [`${name}${diagnosis}${text ? `${p.comma}${text}` : '。'}`];
}
