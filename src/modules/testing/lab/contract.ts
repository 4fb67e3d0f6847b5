import { z } from 'zod';
import { bodyId, queryId } from '../../../kit/ids';
import { text } from '../../../kit/text';
import { instant } from '../../risk/contract';
import { tubeBarcode } from '../barcode';
import { CT_MAX, RESULT_KEYS } from './rules';

const id = bodyId;
const barcode = tubeBarcode();

/** The most tubes one handover names by barcode (a point's cool box holds a few hundred). */
export const HANDOVER_MAX_BARCODES = 5_000;

/** A handover (交接单): the closed tubes of a round at a point not yet handed over, or the tubes named, to a lab. */
export const handoverBody = z
  .object({
    roundId: id('检测轮次'),
    pointId: id('采样点').optional(),
    barcodes: z.array(barcode).min(1).max(HANDOVER_MAX_BARCODES).meta({ label: '试管条码' }).optional(),
    lab: text({ max: 100, label: '检测机构' }),
    note: text({ max: 200, label: '备注' }).optional(),
  })
  .refine((b) => b.pointId !== undefined || b.barcodes !== undefined, {
    message: '须指定采样点或试管条码 (name the point or the barcodes)',
    path: ['pointId'],
  });

/** The lab's count of the tubes it received. */
export const receiveBody = z.object({
  counted: z.number().int().min(0).max(1_000_000).meta({ label: '实收管数' }),
  note: text({ max: 200, label: '差异说明' }).optional(),
});

export const handoverStatus = z.enum(['sent', 'received', 'discrepancy']).meta({ label: '交接状态' });
export const handoverItem = z.object({
  id: z.number(),
  roundId: z.number(),
  pointId: z.number().nullable(),
  lab: z.string(),
  tubesSent: z.number(),
  sentAt: z.string(),
  tubesReceived: z.number().nullable(),
  receivedAt: z.string().nullable(),
  status: handoverStatus,
  note: z.string().nullable(),
});
export type HandoverItem = z.infer<typeof handoverItem>;

export const handoversQuery = z.object({
  roundId: queryId('检测轮次').optional(),
  /** sent: awaiting the lab's count; discrepancy: counted, and the counts differ. */
  status: z.enum(['sent', 'discrepancy']).meta({ label: '交接状态' }).optional(),
  after: queryId('游标').optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).meta({ label: '每页条数' }),
});
export const handoversPage = z.object({ items: z.array(handoverItem), next: z.number().nullable() });

/** The most rows one device post carries (an instrument's plate is 96 or 384 wells; a run of plates fits). */
export const DEVICE_MAX_ROWS = 5_000;

/** One result as an instrument posts it. */
export const deviceRow = z.object({
  barcode,
  result: z.enum(RESULT_KEYS).meta({ label: '检测结果' }),
  orf1abCt: z.number().min(0).max(CT_MAX).nullable().optional().meta({ label: '开放读码框基因循环阈值' }),
  nCt: z.number().min(0).max(CT_MAX).nullable().optional().meta({ label: 'N基因循环阈值' }),
  lab: text({ max: 100, label: '检测机构' }),
  at: instant('检测时间'),
});
export const deviceBody = z.object({ rows: z.array(deviceRow).min(1).max(DEVICE_MAX_ROWS).meta({ label: '检测结果' }) });
export const deviceOutcome = z.object({
  rows: z.number(),
  recorded: z.number(),
  /** Rows whose tube already had the same result: a replay changes nothing and says so. */
  unchanged: z.number(),
  positivePools: z.number(),
  retestsResolved: z.number(),
});

export const retestStatus = z.enum(['open', 'sampled', 'negative', 'positive']).meta({ label: '复核状态' });
export const retestsQuery = z.object({
  roundId: queryId('检测轮次'),
  /** Hours after closing past which a tube without a result is overdue (超时未出结果). */
  overdueHours: z.coerce.number().int().min(1).max(240).default(12).meta({ label: '超时小时数' }),
  poolsAfter: queryId('阳性混管游标').optional(),
  overdueAfter: queryId('超时试管游标').optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).meta({ label: '每页条数' }),
});
export const retestPerson = z.object({
  taskId: z.number(),
  personId: z.number(),
  name: z.string(),
  status: retestStatus,
  positiveId: z.number().nullable(),
  resolvedAt: z.string().nullable(),
});
export const positivePool = z.object({
  tubeId: z.number(),
  barcode: z.string(),
  mode: z.string(),
  size: z.number(),
  lab: z.string().nullable(),
  resultAt: z.string().nullable(),
  ct: z.object({ orf1ab: z.number().optional(), n: z.number().optional() }).nullable(),
  people: z.array(retestPerson),
});
export const overdueTube = z.object({
  tubeId: z.number(),
  barcode: z.string(),
  purpose: z.enum(['round', 'retest']),
  mode: z.string(),
  size: z.number(),
  pointId: z.number().nullable(),
  closedAt: z.string(),
  handedOver: z.boolean(),
  hours: z.number(),
});
export const retestsPage = z.object({
  counts: z.object({ open: z.number(), sampled: z.number(), negative: z.number(), positive: z.number() }),
  pools: z.array(positivePool),
  poolsNext: z.number().nullable(),
  overdue: z.array(overdueTube),
  overdueNext: z.number().nullable(),
});
export type RetestsPage = z.infer<typeof retestsPage>;
export type PositivePool = z.infer<typeof positivePool>;
