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

const days = (label: string) => z.number().int().min(0).max(60).meta({ label });
const testDays = (label: string) => z.array(z.number().int().min(1).max(60)).max(30).meta({ label });

/** One step down: after `quietDays` consecutive days without a new infection inside (and, where required, an all-negative round of everyone inside on the last of them). */
export const loweringStep = z.object({
  from: z.enum(RISK_LEVELS).meta({ label: '原等级' }),
  to: z.enum(RISK_LEVELS).meta({ label: '调整为' }),
  quietDays: z.number().int().min(1).max(60).meta({ label: '连续无新增感染天数' }),
  negativeRoundOnLastDay: z.boolean().meta({ label: '末日全员核酸阴性' }),
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
    .object({ high: text({ max: 'name' }), medium: text({ max: 'name' }), low: text({ max: 'name' }) })
    .meta({ label: '等级名称' }),
  /** What life inside an area of each tier is (高风险区: 足不出户、上门服务). */
  measures: z
    .object({ high: text({ max: 'label' }), medium: text({ max: 'label' }).optional(), low: text({ max: 'label' }).optional() })
    .meta({ label: '管控措施' }),
  lowering: z.array(loweringStep).max(6).meta({ label: '降级条件' }),
  closeContact: quarantineTerm.meta({ label: '密切接触者' }),
  /** Contacts of close contacts (次密接); null where the edition no longer determines them. */
  secondaryContact: quarantineTerm.nullable().meta({ label: '密接的密接' }),
  /** Testing inside areas: every N days (1 = daily), null where the edition sets none. */
  areaTestingEveryDays: z
    .object({
      high: z.number().int().min(1).max(14).nullable(),
      medium: z.number().int().min(1).max(14).nullable(),
      low: z.number().int().min(1).max(14).nullable(),
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
  /** Where this page's figures could not be confirmed: which ones, in words (shown beside the edition). */
  unconfirmed: z
    .array(text({ max: 'paragraph' }))
    .max(20)
    .default([]),
});
export type Edition = z.infer<typeof editionSchema>;
