import { z } from 'zod';
import { bodyId, queryId } from '../../../kit/ids';
import { keyset, listTotal } from '../../../kit/keyset';
import { LENGTH, text } from '../../../kit/text';
import { venueRule } from './rule';
import { VENUE_KIND_KEYS } from './rules';

export const venueKind = z.enum(VENUE_KIND_KEYS).meta({ label: '场所类型' });

/** 登记/修改场所: what it is, the node it stands at, its park (zones, shops, warehouses), line or plate, its rule. */
export const venueBody = z.object({
  kind: venueKind,
  name: text({ max: LENGTH.name, label: '场所名称' }),
  nodeId: bodyId('所在辖区'),
  parentId: bodyId('所属园区').nullable().optional(),
  line: text({ max: 40, label: '公交线路' }).nullable().optional(),
  plate: text({
    max: 12,
    label: '车牌号',
    pattern: { regex: /^[\p{Script=Han}A-Za-z0-9·-]+$/u, message: '车牌号只含汉字、字母和数字 (letters, digits and Han only)' },
  })
    .nullable()
    .optional(),
  address: text({ max: LENGTH.address, label: '地址' }).nullable().optional(),
  rule: venueRule.optional(),
});
export type VenueBody = z.infer<typeof venueBody>;

/** The list's cursor: the id of the last row shown (newest first). */
export const venueCursor = keyset(z.number().int().positive());
export const venuesQuery = z.object({
  q: text({ max: LENGTH.name, label: '搜索' }).optional(),
  kind: venueKind.optional(),
  nodeId: queryId('所在辖区').optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ label: '状态' }),
  after: venueCursor.param.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).meta({ label: '每页条数' }),
});

export const venueItem = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: venueKind,
  nodeId: z.number(),
  /** The node's name, then where it lies (district, street, community). */
  nodeName: z.string(),
  trail: z.array(z.string()),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  line: z.string().nullable(),
  plate: z.string().nullable(),
  address: z.string().nullable(),
  rule: venueRule,
  active: z.boolean(),
  /** The zones, shops and warehouses of a park (0 for other venues). */
  venues: z.number(),
  createdAt: z.string(),
});
export type VenueItem = z.infer<typeof venueItem>;
export const venuesPage = z.object({ items: z.array(venueItem), next: z.string().nullable(), total: listTotal });

/** A park's zones, shops and warehouses (a park has tens, at most `CHILDREN_AT_MOST`). */
export const venueChildren = z.object({ items: z.array(venueItem), truncated: z.boolean() });

/** What a deactivation changed: the venue, and a park's venues with it. */
export const venueActiveAnswer = z.object({ changed: z.number() });
