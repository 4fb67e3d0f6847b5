import { z } from 'zod';
import { bodyId } from '../../../kit/ids';
import { keyset } from '../../../kit/keyset';
import { text } from '../../../kit/text';
import { instant } from '../../risk/contract';
import { plannerFigures } from './planner-rules';

const id = bodyId;

/** A time of day as a point's hours are posted (07:00-19:00). */
export const clock = (label: string) =>
  z
    .string()
    .max(5)
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '须为“时:分”，如07:30 (must be HH:MM)')
    .meta({ label });

/** A sampling point (采样点) to set up, or its new state: where it stands, its hours, its posts, whom it serves. */
export const pointInput = z.object({
  name: text({ max: 60, label: '采样点名称' }),
  /** The community or compound it stands in. */
  nodeId: id('所在社区或小区'),
  address: text({ max: 200, label: '地址' }).optional(),
  opensAt: clock('开始时间'),
  closesAt: clock('结束时间'),
  posts: z.number().int().min(1).max(200).meta({ label: '采样台数' }),
  communityIds: z.array(id('服务社区')).max(50).default([]).meta({ label: '服务社区' }),
  active: z.boolean().default(true).meta({ label: '启用' }),
});
export type PointInput = z.infer<typeof pointInput>;

export const pointItem = z.object({
  id: z.number(),
  name: z.string(),
  nodeId: z.number(),
  nodeName: z.string(),
  /** District, street, community of the node (a place is always shown with where it is). */
  trail: z.array(z.string()),
  address: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  posts: z.number(),
  active: z.boolean(),
  communities: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type PointItem = z.infer<typeof pointItem>;

/** Points page in path order (the places of a street together), then id. */
/** A cursor's id: any bigint the database can compare (a forged 1e300 is refused, not sent to PostgreSQL). */
const cursorId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const pointCursor = keyset(
  z.tuple([
    z
      .string()
      .max(400)
      .regex(/^\/[\d/]*$/),
    cursorId,
  ]),
);
export const pointsQuery = z.object({
  after: pointCursor.param.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).meta({ label: '每页条数' }),
  /** Only the points serving this community (the slots form's choice). */
  communityId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().meta({ label: '服务社区' }),
});
export const pointsPage = z.object({ items: z.array(pointItem), next: z.string().nullable() });

/** Time slots a community announces for a round at a point (错峰采样: 1-5栋 08:00-10:00); a replay adds nothing. */
/** A slot's hours and whom it calls (1-5栋): what a community may change of a slot it announced. */
export const slotChange = z.object({
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间'),
  note: text({ max: 60, label: '说明' }).optional(),
});
export const slotsInput = z.object({
  slots: z
    .array(z.object({ pointId: id('采样点'), communityId: id('社区'), ...slotChange.shape }))
    .min(1)
    .max(100)
    .meta({ label: '时段' }),
});

export const slotItem = z.object({
  id: z.number(),
  pointId: z.number(),
  pointName: z.string(),
  communityId: z.number(),
  communityName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string().nullable(),
});
// The start as the store wrote it (toISOString: years 1900-9999 of the rounds), so PostgreSQL never sees year 0.
export const slotCursor = keyset(z.tuple([z.iso.datetime().regex(/^(19|[2-9]\d)\d\d-/), cursorId]));
export const slotsQuery = z.object({
  after: slotCursor.param.optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).meta({ label: '每页条数' }),
  pointId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().meta({ label: '采样点' }),
});
export const slotsPage = z.object({ items: z.array(slotItem), next: z.string().nullable() });

export const plannerItem = z.object({
  figures: plannerFigures,
  /** False while the city HQ has not set them: the defaults of the rules. */
  set: z.boolean(),
  updatedAt: z.string().nullable(),
});

const figure = z.object({ k: z.number(), tests: z.number(), saving: z.number() });

/** The planner's suggestion for a round, beside what the round's communities already have. */
export const roundPlan = z.object({
  roundId: z.number(),
  /** The round's target in the caller's subtree, exemptions left out. */
  population: z.number(),
  figures: plannerFigures,
  points: z.object({ min: z.number(), max: z.number() }),
  samplers: z.number(),
  hours: z.number(),
  existing: z.object({ points: z.number(), posts: z.number(), hours: z.number().nullable(), fits: z.boolean() }),
});

export const poolPlanItem = z.object({
  prevalence: z.number(),
  maxPool: z.number(),
  optimal: figure,
  pool10: figure,
  validated: z.array(figure),
  bestValidated: figure,
  squareArray: figure,
  squareArray10: figure,
});

/** A district's pooled results of recent rounds and the plan they suggest. */
export const districtPoolPlan = z.object({
  districtId: z.number(),
  name: z.string(),
  tubes: z.number(),
  positive: z.number(),
  /** Pool-positive rate of its round tubes with a result (null: none yet). */
  rate: z.number().nullable(),
  /** The prevalence those results give (p̂ = 1 − (1−q)^(1/k)), null without results. */
  prevalence: z.number().nullable(),
  plan: poolPlanItem.nullable(),
});
export const poolPlanQuery = z.object({
  rounds: z.coerce.number().int().min(1).max(10).default(3).meta({ label: '最近轮次数' }),
});
export const poolPlanAnswer = z.object({
  rounds: z.array(z.object({ id: z.number(), name: z.string() })),
  districts: z.array(districtPoolPlan),
});
