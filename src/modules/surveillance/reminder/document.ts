import { z } from 'zod';
import { text as boundedText, isoDay } from '../../../kit/text';
import { DIRECTORY_LAYOUTS } from './clauses/closing';
import { RISK_LEVELS, type RiskLevel } from './clauses/opening';
import { DEFAULT_LAYOUT, hasReminderLayout, reminderLayoutNames } from './layout-files';

/**
 * The ReminderDocument: every fact of the CDC's urgent reminder (疾病预防控制中心紧急提醒) as plain JSON records.
 * The parts that change from one issue to the next (other cities' risk areas, their reported cases, the regions
 * whose visitors must report) are records an API reads from the database; the paragraphs the CDC repeats
 * (the strategy sentence, points 二 to 四, the phone directory) travel with them as data, because their
 * wording drifts between issues (seed 000 prints 特发布 and 等症状, seed 001 发布 and 等症).
 */

// The vocabularies a clause prints (risk levels, directory layouts) belong to the clause, and the layouts' names
// are looked up only when a document is parsed: clauses import nothing but types from here, so whichever of these
// modules loads first never meets a half-loaded other.

const isoDate = isoDay();
/** Any printed text of a document: a paragraph at most (the kit's text refuses NUL and lone surrogates). */
const text = boundedText({ max: 'paragraph' });
/** A name printed inside a list: the separators of the sentence would make the list ambiguous. */
const name = text.regex(/^[^，；、。,;]+$/, '不能含有，；、。,; (a name may not contain ，；、。 , or ;)');

/** An administrative path outside Harbin, from the province down; a municipality or a city printed alone has no province. */
const division = {
  province: name.meta({ label: '省份' }).optional(),
  city: name.meta({ label: '城市' }).optional(),
  county: name.meta({ label: '区县' }).optional(),
};

/**
 * A place of another city whose risk level changed. `wording` keeps the two phrasings of seed 000:
 * `plain` "河庄村调整为高风险地区" and `disposal` "将…银基王朝四期调整为中风险地区" (the 将 construction).
 */
export const riskAreaChange = z.object({
  ...division,
  city: name.meta({ label: '城市' }),
  place: name.meta({ label: '地区' }),
  level: z.enum(Object.keys(RISK_LEVELS) as [RiskLevel, ...RiskLevel[]]).meta({ label: '风险等级' }),
  effectiveFrom: isoDate.meta({ label: '调整日期' }),
  wording: z.enum(['plain', 'disposal']).meta({ label: '措辞' }).default('plain'),
});
export type RiskAreaChange = z.infer<typeof riskAreaChange>;

/**
 * Cases another city reported on a date (seed 001: 11月2日，成都市金牛区报告1例新冠肺炎确诊病例). A report may
 * name a town below the county (某镇), count positives not yet classified (阳性人员), and say through which
 * channel they were found (在重点人群筛查中发现…), which then replaces 报告.
 */
export const caseReport = z
  .object({
    ...division,
    city: name.meta({ label: '城市' }),
    town: name.meta({ label: '乡镇' }).optional(),
    date: isoDate.meta({ label: '报告日期' }),
    confirmed: z.number().int().nonnegative().meta({ label: '确诊病例' }).default(0),
    asymptomatic: z.number().int().nonnegative().meta({ label: '无症状感染者' }).default(0),
    positives: z.number().int().nonnegative().meta({ label: '阳性人员' }).default(0),
    channel: name
      .refine(
        (c) => !/^在|中$|发现$/.test(c),
        '只填途径本身，如“重点人群筛查” (the channel alone, e.g. 重点人群筛查, printed as 在重点人群筛查中发现)',
      )
      .meta({ label: '发现途径' })
      .optional(),
  })
  .refine((r) => r.confirmed + r.asymptomatic + r.positives > 0, {
    message: '至少报告一例 (a report names at least one case)',
    path: ['confirmed'],
  });
export type CaseReport = z.infer<typeof caseReport>;

/** A region whose visitors since a date must report (报备): 10月17日以来到过河北省石家庄市深泽县. */
export const dutyRegion = z
  .object({ ...division, since: isoDate.meta({ label: '起始日期' }) })
  .refine((r) => r.province ?? r.city ?? r.county, {
    message: '至少填写省份、城市或区县之一 (a region needs at least one level)',
    path: ['city'],
  });
export type DutyRegion = z.infer<typeof dutyRegion>;

/** Paragraphs the CDC repeats from issue to issue, verbatim. */
export const fixedText = z.object({
  /** The strategy sentence before the points: 为精准落实“防输入、防输出、防扩散”防控策略…如下： */
  lead: text.meta({ label: '导语' }),
  /** Point 一 after its regions, from 以及 (seed 000) or ，以及 (seed 001) to the end. */
  dutyTail: text.meta({ label: '第一条结尾' }),
  /** Points 二, 三, 四 … without their numerals, which the renderer adds. */
  points: z
    .array(text.regex(/^[^，；、。,;：:]/, '不能以标点开头 (a point may not start with punctuation)'))
    .meta({ label: '其余各条' })
    .default([]),
});

export const directoryEntry = z.object({
  name: text.meta({ label: '单位' }),
  phone: z
    .string()
    .regex(/^\d{7,8}$/, '应为7至8位本地电话号码 (expected a local number)')
    .meta({ label: '电话' }),
});
export type DirectoryEntry = z.infer<typeof directoryEntry>;

/**
 * The CDC consultation phones printed under the reminder: the city CDC's first, then the districts'. `list`
 * prints one per paragraph (seed 000); `two-columns` prints the districts as a table of two columns, the
 * first half on the left (seed 001).
 */
export const directory = z.object({
  heading: text.meta({ label: '标题' }).optional(),
  main: directoryEntry.meta({ label: '市疾控电话' }),
  entries: z.array(directoryEntry).meta({ label: '各区电话' }).default([]),
  layout: z.enum(DIRECTORY_LAYOUTS).meta({ label: '排版' }).default('list'),
});
export type Directory = z.infer<typeof directory>;

export const reminderDocumentSchema = z
  .object({
    /** Day of issue; not printed, but no date in the reminder may follow it. */
    issuedOn: isoDate.meta({ label: '发布日期' }),
    /** 哈尔滨市疾病预防控制中心 */
    issuer: text.meta({ label: '发布单位' }),
    /** Name used in the title when the page shortens it (哈市疾病预防控制中心). */
    issuerShortName: text.meta({ label: '单位简称' }).optional(),
    /** What the CDC calls this text, printed after the issuer (or alone, as the layout says). */
    title: boundedText({ max: 'label', label: '标题' }).default('紧急提醒'),
    /** The house style (a file of `layouts/`) the text is composed by; the CLI's `--layout` overrides it. */
    layout: z
      .string()
      .refine(hasReminderLayout, {
        error: () => `没有这个版式 (unknown layout; one of ${reminderLayoutNames().join(', ')})`,
      })
      .meta({ label: '版式' })
      .default(DEFAULT_LAYOUT),
    riskAreaChanges: z.array(riskAreaChange).meta({ label: '风险地区调整' }).default([]),
    caseReports: z.array(caseReport).meta({ label: '外地病例报告' }).default([]),
    /** Point 一's regions; the duty to report is the reason a reminder is issued, so there is at least one. */
    reportDuty: z.array(dutyRegion).min(1).meta({ label: '报备地区' }),
    fixedText: fixedText.meta({ label: '固定段落' }),
    directory: directory.meta({ label: '咨询电话' }).optional(),
    /** Width of the commas and semicolons the renderer writes; both seeds print full-width ones. */
    style: z
      .object({ punctuation: z.enum(['fullwidth', 'halfwidth']).meta({ label: '标点宽度' }).default('fullwidth') })
      .meta({ label: '排版样式' })
      .prefault({}),
  })
  .superRefine((doc, ctx) => {
    const dated = [
      ...doc.riskAreaChanges.map((c, i) => ({ date: c.effectiveFrom, path: ['riskAreaChanges', i, 'effectiveFrom'] })),
      ...doc.caseReports.map((r, i) => ({ date: r.date, path: ['caseReports', i, 'date'] })),
      ...doc.reportDuty.map((r, i) => ({ date: r.since, path: ['reportDuty', i, 'since'] })),
    ];
    for (const { date, path } of dated) {
      if (date > doc.issuedOn)
        ctx.addIssue({
          code: 'custom',
          path,
          message: `不能晚于发布日期 ${doc.issuedOn} (after the day of issue ${doc.issuedOn})`,
        });
    }
    const duplicates = (keys: string[], field: string) => {
      keys.forEach((key, i) => {
        if (keys.indexOf(key) !== i)
          ctx.addIssue({ code: 'custom', path: [field, i], message: `重复列出 (listed twice: ${key})` });
      });
    };
    duplicates(doc.riskAreaChanges.map(pathKey), 'riskAreaChanges');
    duplicates(doc.reportDuty.map(pathKey), 'reportDuty');
  });

/** One key per administrative path, so the same place cannot be listed twice with two levels or dates. */
function pathKey(p: { province?: string; city?: string; county?: string; place?: string }): string {
  return [p.province, p.city, p.county, p.place].map((level) => level ?? '').join('/');
}

/** The parsed document the renderer takes (defaults filled in). */
export type ReminderDocument = z.infer<typeof reminderDocumentSchema>;
/** The JSON an API or a fixture supplies (defaults optional). */
export type ReminderDocumentInput = z.input<typeof reminderDocumentSchema>;
