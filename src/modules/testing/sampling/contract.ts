import { z } from 'zod';
import { bodyId } from '../../../kit/ids';
import { text } from '../../../kit/text';
import { instant } from '../../risk/contract';
import { tubeBarcode } from '../barcode';

const id = bodyId;

/** A tube barcode as printed on the tube, stored upper-cased as the lab's files name it. */
const barcode = tubeBarcode('管码');

/**
 * One scan the phone queued: open a tube, sample a person into it, or close it by hand. `scanId` is made by the
 * phone, so a scan sent twice (a dropped connection) is stored once and answered the same.
 */
export const scan = z.object({
  scanId: z.uuid().meta({ label: '扫码编号' }),
  kind: z.enum(['open_tube', 'person', 'close_tube']).meta({ label: '扫码类型' }),
  roundId: id('检测轮次'),
  pointId: id('采样点').optional(),
  barcode,
  /** A tube opened for single-tube retests of positive pools (单管复核) takes only people with an open retest task. */
  purpose: z.enum(['round', 'retest']).optional().meta({ label: '用途' }),
  /** The tube's pooling mode (the round's own by default). */
  mode: z.enum(['pool10', 'pool5', 'pool20', 'single', 'household']).optional().meta({ label: '混采模式' }),
  idNumber: text({ max: 18, label: '身份证号' }).optional(),
  /** The health-code QR's text: the signed token of the citizen's page (healthcode/tokens.ts, some 330 characters). */
  code: text({ max: 600, label: '健康码' }).optional(),
  at: instant('扫码时间'),
});
export type Scan = z.infer<typeof scan>;

export const scansBody = z.object({ scans: z.array(scan).min(1).max(200).meta({ label: '扫码记录' }) });

export const REFUSALS = {
  already_sampled: { zh: '已在本轮采样', en: 'already sampled this round' },
  tube_full: { zh: '该管已满', en: 'the tube is full' },
  tube_closed: { zh: '该管已封管', en: 'the tube is closed' },
  barcode_elsewhere: { zh: '条码已用于其他轮次/采样点', en: 'the barcode belongs to another round or point' },
  no_tube: { zh: '该管未开管，请先扫管码', en: 'no open tube with this barcode: scan the tube first' },
  no_person: { zh: '查无此人', en: 'no such person' },
  mode_single: { zh: '须单人单管', en: 'must be sampled in a single tube' },
  mode_key_group: { zh: '重点人群须单人单管', en: 'a member of a key group must be sampled in a single tube' },
  mode_quarantine: {
    zh: '集中隔离人员须单人单管',
    en: 'a person under centralized quarantine must be sampled in a single tube',
  },
  mode_pool5: { zh: '须5混1', en: 'must be sampled 5 to a tube' },
  mode_household: { zh: '须1户1管', en: 'must be sampled one tube per household' },
  household_only: { zh: '户管只收同户', en: 'a household tube takes one household only' },
  no_retest: { zh: '此人无待复核任务', en: 'no open retest task for this person' },
  round_closed: { zh: '该轮次已结束', en: 'the round is closed' },
  no_round: { zh: '检测轮次不存在或不在您的辖区内', en: 'no such round in your scope' },
  no_point: { zh: '采样点不存在或不在您的辖区内', en: 'no such sampling point in your scope' },
  bad_time: { zh: '扫码时间不在本轮检测时间内', en: 'the scan time is outside the round' },
  bad_code: { zh: '无法识别身份证号或健康码', en: 'neither an ID number nor a health code' },
  code_expired: { zh: '健康码已过期，请刷新后再扫', en: 'the health code has expired: refresh it and scan again' },
  code_invalid: { zh: '健康码无效', en: 'the health code is not valid' },
} as const;
export type RefusalCode = keyof typeof REFUSALS;

export const scanOutcome = z.object({
  scanId: z.string(),
  ok: z.boolean(),
  code: z.string().optional(),
  zh: z.string().optional(),
  en: z.string().optional(),
  /** The tube's fill after the scan (7/10). */
  size: z.number().optional(),
  capacity: z.number().optional(),
  closed: z.boolean().optional(),
  mode: z.string().optional(),
  /** The person's masked name (张**). */
  name: z.string().optional(),
  /** When the person was sampled before (已在本轮采样). */
  sampledAt: z.string().optional(),
});
export type ScanOutcome = z.infer<typeof scanOutcome>;
export const scansAnswer = z.object({ outcomes: z.array(scanOutcome) });

export const doorTasksQuery = z.object({
  squad: text({ max: 40, label: '小分队' }).optional(),
  after: z
    .string()
    .max(400)
    .regex(/^\/[\d/]*\|\d{1,15}$/)
    .optional()
    .meta({ label: '游标' }),
  pageSize: z.coerce.number().int().min(1).max(500).default(200).meta({ label: '每页条数' }),
});

export const DOOR_REASONS = { sealed: '封控区', home_quarantine: '居家隔离', immobile: '行动不便' } as const;

export const doorTask = z.object({
  personId: z.number(),
  name: z.string(),
  reason: z.enum(['sealed', 'home_quarantine', 'immobile']),
  squad: z.string(),
  building: z.string(),
  floor: z.number().nullable(),
  room: z.string(),
  done: z.boolean(),
});
export const doorTasksPage = z.object({
  items: z.array(doorTask),
  squads: z.array(z.object({ squad: z.string(), tasks: z.number(), done: z.number() })),
  next: z.string().nullable(),
});
export const doorTasksMade = z.object({ tasks: z.number(), added: z.number(), squads: z.number() });

export const samplingChoices = z.object({
  rounds: z.array(z.object({ id: z.number(), name: z.string(), defaultMode: z.string(), startsAt: z.string() })),
  points: z.array(z.object({ id: z.number(), name: z.string(), address: z.string().nullable() })),
});
