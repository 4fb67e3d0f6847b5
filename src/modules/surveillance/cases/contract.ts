import { z } from 'zod';
import { keyset } from '../../../kit/keyset';
import { isoDay, text } from '../../../kit/text';
import { idNumberField } from '../../people/contract';
import { stop, timeSpan } from '../bulletin/document';
import { positivePlaceTask } from '../places/contract';

const isoDate = isoDay();
const severity = z.enum(['mild', 'moderate', 'severe', 'critical']).meta({ label: '临床分型' });

export const trajectoryInput = z
  .array(
    z.object({
      day: isoDate.meta({ label: '日期' }),
      times: z.array(timeSpan).min(1).meta({ label: '时间' }),
      stop: stop.meta({ label: '地点' }),
      /** The stop as a place of the territory (商铺, 银行网点, 餐馆 …), when known. */
      placeNodeId: z.number().int().positive().meta({ label: '场所' }).nullish(),
    }),
  )
  .max(500)
  .meta({ label: '活动轨迹' });
export type TrajectoryInput = z.infer<typeof trajectoryInput>;

/**
 * The epidemiological account of a positive (流调信息), in the bulletin document's terms (bulletin/document.ts):
 * what the case paragraph says of how the person came and was found. Stored as given (positives.account).
 */
export const positiveAccount = z.object({
  /** The day the CDC was notified of this person (协查通知). */
  notifiedOn: isoDate.meta({ label: '接到协查通知日期' }).optional(),
  /** How and when the person arrived: from a city or country, by a flight, through a port of entry. */
  arrival: z
    .object({
      date: isoDate.meta({ label: '抵达日期' }),
      from: text({ max: 'name', label: '出发地' }).optional(),
      flight: text({ max: 'name', label: '航班或车次' }).optional(),
      port: text({ max: 'label', label: '入境口岸' }).optional(),
    })
    .meta({ label: '抵达信息' })
    .optional(),
  /** Taken hand to hand (手递手转运) to quarantine on arrival. */
  closedLoopTransfer: z.boolean().meta({ label: '闭环转运' }).default(false),
  /** The person went nowhere else (无其他活动轨迹). */
  noOtherTrajectory: z.boolean().meta({ label: '无其他活动轨迹' }).default(false),
  /** A close contact of a case reported by another city: 系大连市确诊病例的密切接触者. */
  contactOfElsewhere: z
    .object({
      place: text({ max: 'name', label: '外地城市' }),
      kind: z.enum(['confirmed', 'asymptomatic']).meta({ label: '外地病例类型' }),
    })
    .meta({ label: '外地病例密接' })
    .optional(),
  /** A sentence of the account where no field fits, printed as given. */
  text: text({ max: 'paragraph', label: '流调补充说明' }).optional(),
});
export type PositiveAccount = z.infer<typeof positiveAccount>;

export const createPositive = z.object({
  reportDate: isoDate.meta({ label: '报告日期' }),
  reportHour: z.number().int().min(0).max(23).meta({ label: '报告时点' }),
  kind: z.enum(['confirmed', 'asymptomatic']).meta({ label: '类型' }),
  severity: severity.optional(),
  source: z.enum(['local', 'imported']).meta({ label: '来源' }).default('local'),
  districtId: z.number().int().positive().meta({ label: '区县' }),
  residence: text({ max: 'address', label: '现住址' }).optional(),
  /** The resident of the ledger this positive is: links the record and takes their household as the dwelling. */
  idNumber: idNumberField().optional(),
  /** The dwelling as a territory node (a household, building, compound or village) inside the district. */
  residenceNodeId: z.number().int().positive().meta({ label: '住址' }).optional(),
  origin: text({ max: 'label', label: '来源说明' }).optional(),
  channel: text({ max: 'name', label: '发现途径' }),
  relationships: text({ max: 'address', label: '关系' }).optional(),
  transferredTo: text({ max: 'label', label: '转运至' }).optional(),
  contactOf: z.array(z.number().int().positive()).max(50).meta({ label: '关联病例' }).default([]),
  trajectory: trajectoryInput.default([]),
  account: positiveAccount.meta({ label: '流调信息' }).optional(),
});

/** 无症状感染者转为确诊病例: the day and hour the confirmation is reported. */
export const reclassifyInput = z.object({
  reportDate: isoDate.meta({ label: '报告日期' }),
  reportHour: z.number().int().min(0).max(23).meta({ label: '报告时点' }),
  severity: severity.optional(),
});

/** The case list's order and cursor: report day (newest first), kind (confirmed first), number. */
export const positiveCursor = keyset(
  z.tuple([z.iso.date(), z.enum(['confirmed', 'asymptomatic']), z.number().int().nonnegative()]),
);

export const positiveItem = z.object({
  id: z.number(),
  kind: z.enum(['confirmed', 'asymptomatic']),
  severity: z.string().nullable(),
  source: z.enum(['local', 'imported']),
  number: z.number(),
  district: z.string(),
  districtId: z.number(),
  channel: z.string(),
  residence: z.string().nullable(),
  origin: z.string().nullable(),
  relationships: z.string().nullable(),
  transferredTo: z.string().nullable(),
  reclassified: z.boolean(),
  reportDate: z.string(),
  reportHour: z.number(),
  contactOf: z.array(z.object({ id: z.number(), date: z.string(), kind: z.string(), number: z.number() })),
});

export const positiveDetail = positiveItem.extend({
  account: positiveAccount.nullable(),
  residenceNodeId: z.number().nullable(),
  personId: z.number().nullable(),
  trajectory: trajectoryInput,
  placeTasks: z.array(positivePlaceTask),
});

export const dailyCounts = z.object({ date: z.string(), confirmed: z.number(), asymptomatic: z.number() });
