import { z } from 'zod';
import { DAYS, text } from '../../kit/text';
import { areaSpec } from './area-spec';
import { LEVELS, ZONES } from './rules';

const LEVEL_KEYS = Object.keys(LEVELS) as [keyof typeof LEVELS, ...(keyof typeof LEVELS)[]];
const ZONE_KEYS = Object.keys(ZONES) as [keyof typeof ZONES, ...(keyof typeof ZONES)[]];
export const level = z.enum(LEVEL_KEYS).meta({ label: '风险等级' });
export const zone = z.enum(ZONE_KEYS).meta({ label: '管控类型' });

/** An exact instant with its offset (2022-11-02T03:00:00+08:00), within the days the platform stores. */
export const instant = (label: string) =>
  z.iso
    .datetime({ offset: true })
    .refine((s) => {
      const t = new Date(s);
      // Not a time at all: refused by the datetime check itself (refinements still run after it).
      if (Number.isNaN(t.getTime())) return true;
      const day = t.toISOString().slice(0, 10);
      return day >= DAYS.first && day <= DAYS.last;
    }, `时间须在 ${DAYS.first} 至 ${DAYS.last} 之间 (a time between ${DAYS.first} and ${DAYS.last})`)
    .meta({ label });

export const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ label: '编号' }) });

/** A period of an area's level and zone: from its start until the next change (null: still in force). */
export const period = z.object({
  changeId: z.number(),
  level,
  zone,
  from: z.string(),
  until: z.string().nullable(),
  status: z.enum(['planned', 'published']),
  noticeId: z.number().nullable(),
});

export const areaItem = z.object({
  id: z.number(),
  nodeId: z.number(),
  nodeType: z.string(),
  districtId: z.number(),
  district: z.string(),
  label: z.string(),
  /** Where the node lies (district · street · community), as every place is shown. */
  trail: z.array(z.string()),
  current: period.nullable(),
  /** The next published period, when a change was published ahead of its hour. */
  upcoming: period.nullable(),
});
export type AreaItem = z.infer<typeof areaItem>;

export const areaDetail = areaItem.extend({
  spec: areaSpec,
  history: z.array(period),
  rounds: z.array(z.object({ heldAt: z.string(), allNegative: z.boolean() })),
  /** Subtrees inside and the exceptions, as resolved from the territory. */
  nodes: z.object({ included: z.number(), excluded: z.number() }),
});

export const areasQuery = z.object({
  /** Only areas whose current level is this one. */
  level: level.optional(),
  after: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().meta({ label: '起始位置' }),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).meta({ label: '每页条数' }),
});
export const areasPage = z.object({ items: z.array(areaItem), next: z.number().nullable() });

export const planChange = z.object({
  level,
  zone,
  from: instant('起始时间'),
});

export const changeItem = period.extend({ areaId: z.number(), label: z.string(), district: z.string() });
export type ChangeItem = z.infer<typeof changeItem>;

export const roundBody = z.object({ heldAt: instant('检测时间'), allNegative: z.boolean().meta({ label: '全部阴性' }) });

export const levelAtQuery = z.object({
  nodeId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ label: '节点' }),
  at: instant('时间'),
});
export const levelAtAnswer = z.object({
  level: level.nullable(),
  zone: zone.nullable(),
  areas: z.array(z.object({ id: z.number(), label: z.string(), level, zone })),
});

export const insideQuery = z.object({
  areaId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().meta({ label: '区域' }),
  level: level.optional(),
  at: instant('时间').optional(),
});

/** Per district: compounds sealed, controlled and under precaution now, and the residents inside them. */
export const zoneCounts = z.object({
  items: z.array(
    z.object({
      districtId: z.number(),
      district: z.string(),
      compounds: z.object({ sealed: z.number(), controlled: z.number(), precaution: z.number() }),
      people: z.object({ sealed: z.number(), controlled: z.number(), precaution: z.number() }),
    }),
  ),
});

export const proposal = z.object({
  areaId: z.number(),
  label: z.string(),
  district: z.string(),
  level,
  since: z.string(),
  to: level,
  dueAt: z.string(),
  lastInfectionAt: z.string().nullable(),
  round: z.string().nullable(),
  edition: z.string(),
});
export const confirmBody = z.object({
  areaId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ label: '区域' }),
  to: level.meta({ label: '调整为' }),
  from: instant('起始时间'),
});

export const publicSearch = z.object({ q: text({ max: 'name', label: '地址或小区名称', fold: 'prose' }) });
export const publicSearchAnswer = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      trail: z.array(z.string()),
      address: z.string().nullable(),
      /** The current areas the place lies in (or that lie in it), with their level and start. */
      areas: z.array(z.object({ name: z.string(), level, since: z.string() })),
    }),
  ),
});

export const publicMeasures = z.object({
  edition: z.string(),
  levelNames: z.object({ high: z.string(), medium: z.string(), low: z.string() }),
  measures: z.object({ high: z.string(), medium: z.string().optional(), low: z.string().optional() }),
});
