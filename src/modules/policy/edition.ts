import { z } from 'zod';
import { isoDay, text } from '../../kit/text';

/**
 * A policy edition (防控方案版本) as data: every figure a rule needs, so no rule hard-codes a number of days.
 * The shipped editions live in `editions/*.json` (each names its source); the city HQ may add or edit editions,
 * each with the time it takes effect. Rules take an edition and a time (`rules.ts`).
 */

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const CODE_COLOURS = ['green', 'yellow', 'red'] as const;
export type CodeColour = (typeof CODE_COLOURS)[number];
/** How an area came to its current level: lowered from a higher tier, or drawn (or raised) at it. */
export const REACHED_BY = ['lowering', 'designation'] as const;
export type ReachedBy = (typeof REACHED_BY)[number];

const days = (label: string) => z.number().int().min(0).max(60).meta({ label });
const everyDays = (label: string) => z.number().int().min(1).max(14).nullable().meta({ label });
const testDays = (label: string) => z.array(z.number().int().min(1).max(60)).max(30).meta({ label });

/** One step down: after `quietDays` consecutive days without a new infection inside (and, where required, an all-negative round of everyone inside on the last of them). */
export const loweringStep = z.object({
  from: z.enum(RISK_LEVELS).meta({ label: '原等级' }),
  to: z.enum(RISK_LEVELS).meta({ label: '调整为' }),
  quietDays: z.number().int().min(1).max(60).meta({ label: '连续无新增感染天数' }),
  negativeRoundOnLastDay: z.boolean().meta({ label: '末日全员核酸阴性' }),
  /**
   * Only for an area whose level was reached this way: `lowering` (lowered from a higher tier, the 9th edition's
   * "3 more days" after high → medium) or `designation` (drawn or raised at this level); absent: either.
   */
  reachedBy: z.enum(REACHED_BY).optional().meta({ label: '适用情形' }),
});
export type LoweringStep = z.infer<typeof loweringStep>;

/** A stay in quarantine: centralized days, then home days (isolation or health monitoring), with the test days of each phase (day 1 = the first day). */
export const quarantineTerm = z.object({
  centralizedDays: days('集中隔离天数'),
  homeDays: days('居家天数'),
  homeMode: z.enum(['isolation', 'health_monitoring']).meta({ label: '居家方式' }),
  centralizedTestDays: testDays('集中隔离检测日'),
  homeTestDays: testDays('居家检测日'),
});
export type QuarantineTerm = z.infer<typeof quarantineTerm>;

/** The statuses whose health-code colour an edition sets. */
export const CODE_STATUSES = [
  'positive',
  'close_contact_centralized',
  'close_contact_home',
  'secondary_contact',
  'resident_high',
  'resident_medium',
  'arrival_high',
  'arrival_medium',
  'missed_round',
  'refused_investigation',
  'fever',
] as const;
export type CodeStatus = (typeof CODE_STATUSES)[number];

export const editionSchema = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .meta({ label: '版本代码' }),
  name: text({ max: 'label', label: '版本名称' }),
  /** The day the document was issued, and the document with its publisher. */
  issued: isoDay().meta({ label: '发布日期' }),
  source: text({ max: 'address', label: '来源' }),
  /** The tiers areas are drawn in (high/medium/low, high/low, or high only) and how texts name each. */
  tiers: z.array(z.enum(RISK_LEVELS)).min(1).max(3).meta({ label: '风险等级' }),
  levelNames: z
    .object({
      high: text({ max: 'name', label: '高风险名称' }),
      medium: text({ max: 'name', label: '中风险名称' }),
      low: text({ max: 'name', label: '低风险名称' }),
    })
    .meta({ label: '等级名称' }),
  /** What life inside an area of each tier is (高风险区: 足不出户、上门服务). */
  measures: z
    .object({
      high: text({ max: 'label', label: '高风险区措施' }),
      medium: text({ max: 'label', label: '中风险区措施' }).optional(),
      low: text({ max: 'label', label: '低风险区措施' }).optional(),
    })
    .meta({ label: '管控措施' }),
  lowering: z.array(loweringStep).max(6).meta({ label: '降级条件' }),
  closeContact: quarantineTerm.meta({ label: '密切接触者' }),
  /** Contacts of close contacts (次密接); null where the edition no longer determines them. */
  secondaryContact: quarantineTerm.nullable().meta({ label: '密接的密接' }),
  /** Testing inside areas: every N days (1 = daily), null where the edition sets none. */
  areaTestingEveryDays: z
    .object({
      high: everyDays('高风险区每几天检测'),
      medium: everyDays('中风险区每几天检测'),
      low: everyDays('低风险区每几天检测'),
    })
    .meta({ label: '区域检测频次' }),
  /** Leaving the city: negative tests needed within the hours, at least `apartHours` apart, and a green code. */
  leavingCity: z
    .object({
      negativeTests: z.number().int().min(0).max(3).meta({ label: '阴性检测次数' }),
      withinHours: z.number().int().min(0).max(168).meta({ label: '时限（小时）' }),
      apartHours: z.number().int().min(0).max(72).meta({ label: '间隔（小时）' }),
      greenCode: z.boolean().meta({ label: '须绿码' }),
    })
    .meta({ label: '离市条件' }),
  /** The health-code colour each status gives (absent: the status does not colour the code under this edition). */
  healthCode: z.partialRecord(z.enum(CODE_STATUSES), z.enum(CODE_COLOURS)).meta({ label: '健康码规则' }),
  /** Inbound travellers (入境人员), null where the edition sets no term (the 10 measures). Added after the first shape: optional. */
  inboundTraveller: quarantineTerm.nullable().default(null).meta({ label: '入境人员' }),
  /** Arrivals from risk areas elsewhere (中高低风险区来返人员), per tier of the area they come from; null: no term. */
  arrivals: z
    .object({
      high: quarantineTerm.nullable().meta({ label: '高风险区来返人员' }),
      medium: quarantineTerm.nullable().meta({ label: '中风险区来返人员' }),
      low: quarantineTerm.nullable().meta({ label: '低风险区来返人员' }),
    })
    .default({ high: null, medium: null, low: null })
    .meta({ label: '风险区来返人员' }),
  /** How a high-risk area is drawn (in principle per compound; per building or unit; never a whole compound). */
  drawing: text({ max: 'paragraph', label: '划定原则' }).optional(),
  /** Other provisions of the edition worth showing beside its figures, in words. */
  notes: z
    .array(text({ max: 'paragraph', label: '说明' }))
    .max(20)
    .default([])
    .meta({ label: '其他说明' }),
  /** Where this page's figures could not be confirmed: which ones, in words (shown beside the edition). */
  unconfirmed: z
    .array(text({ max: 'paragraph', label: '未经核实' }))
    .max(20)
    .default([])
    .meta({ label: '未经核实的数值' }),
});
export type Edition = z.infer<typeof editionSchema>;
