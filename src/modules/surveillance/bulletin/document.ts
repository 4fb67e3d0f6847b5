import { z } from 'zod';
import { CLOCK_TIME, CLOCK_TIME_MESSAGE } from '../../../kit/input-rules';
import { text as boundedText, isoDay } from '../../../kit/text';

/**
 * The BulletinDocument: every fact a daily epidemic bulletin (疫情通报) states, as plain JSON records.
 * It holds data, not wording: the templates decide the sentences, so the same document can be printed in the
 * layout of any year. An API builds it from database rows (positives, trajectory entries, contact tallies);
 * the few paragraphs that are fixed per issue (reminders, the diagnosis protocol) travel with it as data.
 */

/** The two kinds a positive is counted as. */
export const KINDS = ['confirmed', 'asymptomatic'] as const;
export type Kind = (typeof KINDS)[number];

/** Clinical classification of a confirmed case, with the printed name of each. */
export const SEVERITIES = { mild: '轻型', moderate: '普通型', severe: '重型', critical: '危重型' } as const;
export type Severity = keyof typeof SEVERITIES;

const isoDate = isoDay();
/** Any printed text of a document: a paragraph at most (the kit's text refuses NUL and lone surrogates). */
const text = boundedText({ max: 'paragraph' });
const caseNumber = z.number().int().positive();
/** A wall-clock time as printed in trajectories: 07:22, 24:00 closes a day. */
const clock = z.string().regex(CLOCK_TIME, `${CLOCK_TIME_MESSAGE.zh} (${CLOCK_TIME_MESSAGE.en})`);

/** Points at a positive of any day: 10月31日确诊病例2. */
export const caseRef = z.object({ date: isoDate, kind: z.enum(KINDS), number: caseNumber });
export type CaseRef = z.infer<typeof caseRef>;

const positiveFields = {
  /** Number within its day and kind: 【无症状感染者13】. */
  number: caseNumber,
  source: z.enum(['local', 'imported']),
  district: text,
  /** Detection channel (发现途径) exactly as printed: 隔离管控人员中发现, 在隔离医学观察期间核酸检测发现. */
  channel: text,
  /** Residence as printed after 现住. */
  residence: text.optional(),
  /** Origin as printed, e.g. 系外地市抵哈人员. */
  origin: text.optional(),
  /** Relationships as printed, e.g. 系病例2和病例4的女儿. */
  relationships: text.optional(),
  /** The positives this one is a close contact of. */
  contactOf: z.array(caseRef).default([]),
  /** Designated hospital the case was moved to in a closed loop, e.g. 市第六医院. */
  transferredTo: text.optional(),
  /** A close contact of a case reported by another city, which has no number here: 系大连市确诊病例的密切接触者. */
  contactOfElsewhere: z.object({ place: text, kind: z.enum(KINDS) }).optional(),
  /** The day the CDC was notified of this person (协查通知): 11月1日接到协查通知. */
  notifiedOn: isoDate.optional(),
  /** How and when the person arrived: 10月30日自首尔乘坐KE5833航班经哈尔滨太平国际机场入境 (imported), 10月30日抵哈. */
  arrival: z.object({ date: isoDate, from: text.optional(), flight: text.optional(), port: text.optional() }).optional(),
  /** Taken hand to hand (手递手转运) to quarantine on arrival, so never out in the city. */
  closedLoopTransfer: z.boolean().default(false),
  /** States 无其他活动轨迹: the person went nowhere else (no trajectory is not the same as an unknown one). */
  noOtherTrajectory: z.boolean().default(false),
  /** A sentence of the epidemiological account the CDC types where no field fits, printed as given. */
  account: text.optional(),
};

export const confirmedCase = z.object({
  kind: z.literal('confirmed'),
  severity: z.enum(Object.keys(SEVERITIES) as [Severity, ...Severity[]]).optional(),
  /** Reported earlier as asymptomatic and now confirmed. */
  reclassifiedFromAsymptomatic: z.boolean().default(false),
  ...positiveFields,
});

export const asymptomaticCase = z.object({ kind: z.literal('asymptomatic'), ...positiveFields });

export const positive = z.discriminatedUnion('kind', [confirmedCase, asymptomaticCase]);
export type Positive = z.infer<typeof positive>;

/** A moment (07:22) or a range (08:20—11:00). */
export const timeSpan = z.union([
  z.object({ at: clock.meta({ label: '时刻' }) }),
  z.object({ from: clock.meta({ label: '开始时间' }), to: clock.meta({ label: '结束时间' }) }),
]);
export type TimeSpan = z.infer<typeof timeSpan>;

/** A named place with an optional address, or a ride on a line between two stops. */
export const stop = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('place').meta({ label: '类型' }),
    name: text.meta({ label: '场所名称' }),
    address: text.meta({ label: '场所地址' }).optional(),
  }),
  z.object({
    type: z.literal('ride').meta({ label: '类型' }),
    line: text.meta({ label: '乘坐线路' }),
    from: text.meta({ label: '上车站' }),
    to: text.meta({ label: '下车站' }),
  }),
]);
export type Stop = z.infer<typeof stop>;

export const trajectoryEntry = z.object({ date: isoDate, times: z.array(timeSpan).min(1), stop });
export type TrajectoryEntry = z.infer<typeof trajectoryEntry>;

/** One case's published movements; the case is one of this document's positives. */
export const trajectory = z.object({
  case: z.object({ kind: z.enum(KINDS), number: caseNumber }),
  entries: z.array(trajectoryEntry).min(1),
});
export type Trajectory = z.infer<typeof trajectory>;

/** Running totals of traced contacts as of a date and hour (截至11月2日24时). */
export const contactTotals = z.object({
  asOf: z.object({ date: isoDate, hour: z.number().int().min(0).max(24) }),
  closeContacts: z.number().int().nonnegative(),
  contactsOfCloseContacts: z.number().int().nonnegative(),
  /** Whether every one of them is isolated or controlled (已全部进行隔离管控). */
  allIsolated: z.boolean(),
});

/** Cases of a district on the day, e.g. 治愈出院 南岗区2例. */
export const districtCount = z.object({
  district: text.meta({ label: '区县' }),
  count: z.number().int().positive().meta({ label: '例数' }),
});

/**
 * Running totals of the current outbreak (本轮疫情) since its first case: per kind, with the optional count of
 * those who were closed-loop arrivals from another province (外省闭环转运抵哈人员).
 */
export const outbreakTotals = z.object({
  since: isoDate.meta({ label: '本轮疫情起始日期' }),
  confirmed: z.number().int().nonnegative().meta({ label: '累计确诊病例' }).default(0),
  asymptomatic: z.number().int().nonnegative().meta({ label: '累计无症状感染者' }).default(0),
  closedLoopArrivals: z.number().int().nonnegative().meta({ label: '闭环转运抵哈人员' }).optional(),
});

/** Wording fixed for an issue rather than derived from records. */
export const fixedText = z.object({
  /** Paragraphs before the figures (a press conference's opening). */
  preamble: z.array(text).meta({ label: '开头段落' }).default([]),
  /** Paragraphs after the figures (reminders to the public). */
  notices: z.array(text).meta({ label: '提示段落' }).default([]),
  /** Title of the diagnosis protocol, printed inside 《》. */
  diagnosisBasis: text.meta({ label: '诊断依据' }).optional(),
  /** What the authorities did about contacts and places, closing the case paragraph. */
  followUp: text.meta({ label: '处置措施' }).optional(),
  /** Sentence closing the figures: where the positives were taken. */
  transferNote: text.meta({ label: '转运说明' }).optional(),
});

/** Typography of the printed page; each template has its own default. */
export const style = z.object({
  /** fullwidth: ，；：（）; halfwidth: ,;:() */
  punctuation: z.enum(['fullwidth', 'halfwidth']).optional(),
  /** em-dash: 0—24时; hyphen: 0-24时; to: 0时至24时 */
  hourRange: z.enum(['em-dash', 'hyphen', 'to']).optional(),
});

export const bulletinDocumentSchema = z
  .object({
    city: text,
    /** Short name used in headlines (哈市); the full name when absent. */
    cityShortName: text.optional(),
    date: isoDate,
    fromHour: z.number().int().min(0).max(23),
    toHour: z.number().int().min(1).max(24),
    positives: z.array(positive).default([]),
    trajectories: z.array(trajectory).default([]),
    contacts: contactTotals.optional(),
    outbreak: outbreakTotals.optional(),
    /** Confirmed cases discharged cured on the day (治愈出院), per district. */
    recoveries: z.array(districtCount).default([]),
    /** Asymptomatic infections released from medical observation on the day (解除医学观察), per district. */
    releases: z.array(districtCount).default([]),
    fixedText: fixedText.prefault({}),
    signature: z.object({ issuer: text, date: isoDate }).optional(),
    style: style.prefault({}),
  })
  .superRefine((doc, ctx) => {
    if (doc.fromHour >= doc.toHour)
      ctx.addIssue({ code: 'custom', path: ['toHour'], message: '截止时点须晚于起始时点 (toHour must follow fromHour)' });
    const seen = new Set<string>();
    doc.positives.forEach((p, i) => {
      const key = `${p.kind}:${p.number}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['positives', i, 'number'], message: `duplicate ${key}` });
      seen.add(key);
    });
    doc.trajectories.forEach((t, i) => {
      if (!seen.has(`${t.case.kind}:${t.case.number}`))
        ctx.addIssue({ code: 'custom', path: ['trajectories', i, 'case'], message: 'no such positive in this document' });
    });
  });

/** The parsed document the templates render (defaults filled in). */
export type BulletinDocument = z.infer<typeof bulletinDocumentSchema>;
/** The JSON an API or a fixture supplies (defaults optional). */
export type BulletinDocumentInput = z.input<typeof bulletinDocumentSchema>;
