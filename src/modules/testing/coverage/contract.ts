import { z } from 'zod';
import { queryId } from '../../../kit/ids';

const id = queryId;

export const coverageQuery = z.object({ nodeId: id('区域').optional() });

/** A node's figures: target (应检, less exemptions), sampled (已采), results back (已出结果), positive, and shares. */
export const figures = z.object({
  target: z.number(),
  exempt: z.number(),
  sampled: z.number(),
  resulted: z.number(),
  positive: z.number(),
  /** Sampled of the target, and results back of the sampled, in percent (one decimal). */
  sampledPct: z.number(),
  resultedPct: z.number(),
});
export type CoverageFigures = z.infer<typeof figures>;

const roundBrief = z.object({ id: z.number(), number: z.number(), name: z.string(), closedAt: z.string().nullable() });

export const coverageAnswer = z.object({
  round: roundBrief,
  node: z.object({ id: z.number(), name: z.string(), type: z.string(), trail: z.array(z.string()) }),
  total: figures,
  /** The node's children with residents in the target (districts … buildings, units, households), path order. */
  children: z.array(figures.extend({ id: z.number(), name: z.string(), type: z.string() })),
  /** For a building or a unit: its floors, per unit, from the rooms' numbers (floor null: a room without one). */
  floors: z.array(figures.extend({ unitId: z.number(), unit: z.string(), floor: z.number().nullable() })),
  /** When the figures were counted (a large node's are kept a few seconds). */
  countedAt: z.string(),
});

export const missingQuery = z.object({
  nodeId: id('区域').optional(),
  /** The last row's household path and resident id: /1/2/…/|42. */
  after: z
    .string()
    .max(400)
    .regex(/^\/[\d/]*\|\d{1,15}$/)
    .optional()
    .meta({ label: '游标' }),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100).meta({ label: '每页条数' }),
});

/** The missing list's export: the same node as the list, all its pages. */
export const missingExportQuery = missingQuery.pick({ nodeId: true });

export const missingItem = z.object({
  personId: z.number(),
  name: z.string(),
  /** The household as the door knockers find it: 小区, 楼栋, 单元, 户. */
  household: z.string(),
  floor: z.number().nullable(),
  phone: z.string().nullable(),
  masked: z.boolean(),
});
export const missingPage = z.object({ items: z.array(missingItem), next: z.string().nullable() });

export const closeAnswer = z.object({ closedAt: z.string(), missed: z.number() });

const hours = z.number().nullable();
/** Hours from the round's start to 90%, 99% and 100% of a community's target (null: not reached). */
export const marks = z.object({ h90: hours, h99: hours, h100: hours });

export const speedAnswer = z.object({
  round: roundBrief,
  communities: z.array(
    marks.extend({ id: z.number(), name: z.string(), trail: z.array(z.string()), target: z.number(), sampled: z.number() }),
  ),
  points: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      total: z.number(),
      /** Samples per hour: the busiest hour, and the mean over the hours the point sampled. */
      peak: z.number(),
      average: z.number(),
      hours: z.array(z.object({ at: z.string(), samples: z.number() })),
    }),
  ),
});

export const compareQuery = z.object({ a: id('轮次甲'), b: id('轮次乙'), nodeId: id('区域').optional() });

export const compareAnswer = z.object({
  /** The earlier round (lower number) first, whichever order they were asked in. */
  earlier: roundBrief,
  later: roundBrief,
  communities: z.array(z.object({ id: z.number(), name: z.string(), trail: z.array(z.string()), earlier: marks, later: marks })),
  /** The mean hours to the compared mark over the communities both rounds reached it in. */
  average: z.object({ mark: z.enum(['h100', 'h99', 'h90']), earlier: hours, later: hours, communities: z.number() }),
  /** 第四轮平均用时比第三轮减少了3个多小时 (null: no community reached a mark in both). */
  sentence: z.string().nullable(),
});
