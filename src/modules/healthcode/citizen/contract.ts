import { z } from 'zod';
import { isoDay, text } from '../../../kit/text';
import { idNumberField } from '../../people/contract';

/** The ID number a citizen signs in with (format, birth date and check digit). */
const idNumber = idNumberField('身份证号');

export const codeRequestBody = z.object({ idNumber }).meta({ label: '获取验证码' });

/** The same answer whether or not a resident has the number: where the code went, masked, only when one did. */
export const codeRequestAnswer = z.object({
  sent: z.literal(true),
  /** Seconds the code stays good. */
  expiresIn: z.number(),
  /** Seconds before another code may be asked for. */
  resendIn: z.number(),
});

export const verifyBody = z
  .object({
    idNumber,
    code: text({
      max: 6,
      label: '验证码',
      pattern: { regex: /^\d{6}$/, message: '须为6位数字 (must be 6 digits)' },
    }),
  })
  .meta({ label: '登录' });

export const citizenMe = z.object({
  personId: z.number(),
  /** The masked name (张*). */
  name: z.string(),
  expiresAt: z.string(),
});

const colour = z.enum(['green', 'yellow', 'red']);

export const testResult = z.object({
  roundNumber: z.number(),
  purpose: z.enum(['round', 'retest']),
  sampledAt: z.string(),
  resultAt: z.string().nullable(),
  meaning: z.enum(['negative', 'positive', 'pool_positive', 'pending', 'invalid']),
  /** 阴性 / 混管阳性（待单管复核） / 检测中 … */
  label: z.string(),
});

export const leavingAnswer = z.object({
  allowed: z.boolean(),
  /** Why not, in Chinese (须持绿码，当前为黄码). */
  reason: z.string().nullable(),
  withinHours: z.number(),
  negativeTests: z.number(),
  greenCode: z.boolean(),
});

export const codeAnswer = z.object({
  name: z.string(),
  colour,
  reasons: z.array(z.string()),
  version: z.number(),
  /** The QR token (a signed, sealed JWS): the page renews it before `renewAt`. */
  token: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  renewAt: z.string(),
  lastNegativeAt: z.string().nullable(),
  tests: z.array(testResult),
  leaving: leavingAnswer,
});
export type CodeAnswer = z.infer<typeof codeAnswer>;

const placeName = (label: string) => text({ max: 'name', label });

/** A self-report (报备): a trip to another city, left here on `leftOn`, back on `arrivedOn` (CST days). */
export const travelBody = z
  .object({
    province: placeName('省份'),
    city: placeName('城市'),
    district: placeName('区县').optional(),
    place: text({ max: 'address', label: '具体地点' }).optional(),
    leftOn: isoDay().meta({ label: '离哈日期' }),
    arrivedOn: isoDay().meta({ label: '返哈日期' }),
    transport: text({ max: 'label', label: '交通方式' }).optional(),
  })
  .meta({ label: '行程报备' });
export type TravelBody = z.infer<typeof travelBody>;

export const travelReport = z.object({
  id: z.number(),
  province: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  place: z.string().nullable(),
  leftOn: z.string(),
  arrivedOn: z.string(),
  transport: z.string().nullable(),
  /** Whether the trip met a medium- or high-risk area there (the elsewhere registry's duty check). */
  mustReport: z.boolean(),
  level: z.enum(['high', 'medium']).nullable(),
  /** What the registry said (曾于11月4日至11月5日到过…（高风险地区，自11月4日起）), null when nothing. */
  sentence: z.string().nullable(),
  reportedAt: z.string(),
});
export const travelAnswer = travelReport.extend({
  /** True when this trip was reported before: the earlier report is answered and nothing changes. */
  replay: z.boolean(),
});
export const travelList = z.object({ items: z.array(travelReport) });
export const okAnswer = z.object({ ok: z.literal(true) });
