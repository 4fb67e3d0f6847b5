import { z } from 'zod';
import { keyset, keysetPage } from '../../kit/keyset';
import { isoDay, saneDate, text } from '../../kit/text';
import { dutyRegion, riskAreaChange } from '../surveillance/reminder/document';

export { idParam } from '../surveillance/contract';

/** The wire shapes of other cities' risk areas (外地中高风险地区): the registry, its imports, the duty check. */

const name = (label: string) => text({ max: 'name', label, fold: 'prose' });
/** The area as the other city's notice printed it (河庄村; 未来路办事处银基王朝四期). */
const areaName = text({ max: 'address', label: '区域名称', fold: 'prose' });
const instant = (label: string) => z.iso.datetime({ offset: true }).meta({ label });

export const LEVELS = ['high', 'medium', 'low'] as const;
export const areaLevel = z.enum(LEVELS).meta({ label: '风险等级' });

/** One span of one area at one level (a level change ends a span and starts the next). */
export const elsewhereArea = z.object({
  id: z.number(),
  province: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  name: z.string(),
  level: z.enum(LEVELS),
  since: z.date(),
  until: z.date().nullable(),
  source: z.enum(['feed', 'manual']),
  /** The feed the span came from: the other city and when its system generated the feed. */
  feed: z.object({ province: z.string(), city: z.string(), generatedAt: z.date() }).nullable(),
  feedAreaId: z.string().nullable(),
});
export type ElsewhereArea = z.infer<typeof elsewhereArea>;

/** The current list pages by province, city and id. */
export const areaCursor = keyset(z.tuple([z.string(), z.string(), z.number().int().positive()]));
export const areasQuery = z.object({
  province: name('省份').optional(),
  city: name('城市').optional(),
  level: areaLevel.optional(),
  cursor: areaCursor.param.optional(),
  pageSize: z.coerce.number().int().min(1).max(200).meta({ label: '每页条数' }).default(50),
});
export const areasPage = keysetPage(elsewhereArea);

/** Per city: how many areas are in effect or announced, of each level, and the earliest start among them. */
export const cityRow = z.object({
  province: z.string(),
  city: z.string(),
  high: z.number(),
  medium: z.number(),
  low: z.number(),
  earliestSince: z.date(),
});
export const citiesResponse = z.object({ items: z.array(cityRow) });

/** An area of another city entered by hand from its notice. */
export const areaInput = z.object({
  province: name('省份'),
  city: name('城市'),
  district: name('区县').optional(),
  name: areaName,
  level: areaLevel,
  since: instant('起始时间'),
});
export type AreaInput = z.infer<typeof areaInput>;

/** A new level of a manually entered area from `at` on (the span before it is kept). */
export const levelChange = z.object({ level: areaLevel, at: instant('调整时间') });
/** The end of a manually entered area (lifted, or found entered in error). */
export const areaEnd = z.object({ at: instant('解除时间') });

/** What an import of a feed did. A replay (this city's feed of this generation time again) changed nothing. */
export const feedOutcome = z.object({
  province: z.string(),
  city: z.string(),
  generatedAt: z.date(),
  added: z.number(),
  changed: z.number(),
  ended: z.number(),
  unchanged: z.number(),
  replayOf: z.object({ at: z.date() }).optional(),
});
export type FeedOutcome = z.infer<typeof feedOutcome>;

/** The reminder's 风险地区调整 between two days (both included, China Standard Time), and its 报备地区 as of the last. */
export const changesQuery = z
  .object({ since: isoDay().meta({ label: '起始日期' }), until: isoDay().meta({ label: '截止日期' }) })
  .refine((q) => q.until >= q.since, {
    message: '不能早于起始日期 (must not precede the first day)',
    path: ['until'],
  });
export const changesResponse = z.object({ items: z.array(riskAreaChange), reportDuty: z.array(dutyRegion) });

/** A traveller's stay in another city, as the check form asks it. */
export const tripQuery = z
  .object({
    province: name('省份'),
    city: name('城市'),
    district: name('区县').optional(),
    place: name('地点').optional(),
    arrivedAt: saneDate().meta({ label: '抵达时间' }),
    leftAt: saneDate().meta({ label: '离开时间' }).optional(),
  })
  .refine((t) => !t.leftAt || t.leftAt >= t.arrivedAt, {
    message: '不能早于抵达时间 (must not precede the arrival)',
    path: ['leftAt'],
  });
export const dutyAnswer = z.object({
  mustReport: z.boolean(),
  /** How many areas the stay overlapped; `reasons` says the first 50 of them (a stay somewhere in a city may meet thousands). */
  count: z.number(),
  /** One sentence per area the stay overlapped: 曾于11月4日至11月6日到过河北省石家庄市深泽县河庄村（高风险地区，自11月4日起）. */
  reasons: z.array(z.object({ areaId: z.number(), level: z.enum(LEVELS), sentence: z.string() })),
});
