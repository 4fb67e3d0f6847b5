import type { FieldIssue } from '../../../server/errors';
import type { VenueRule } from './rule';

/** The kinds of venue (场所) the table takes (migration 0028), with the names the console and the sheets use. */
export const VENUE_KINDS = {
  shop: '商铺',
  market: '农贸市场',
  supermarket: '超市',
  bank: '银行网点',
  restaurant: '餐饮',
  hospital: '医疗机构',
  school: '学校',
  office: '办公场所',
  bus: '公交车',
  taxi: '出租车',
  logistics_park: '物流园区',
  zone: '园区分区',
  warehouse: '仓库',
  other: '其他',
} as const;
export type VenueKind = keyof typeof VENUE_KINDS;
export const VENUE_KIND_KEYS = Object.keys(VENUE_KINDS) as [VenueKind, ...VenueKind[]];

/** The kinds that stand inside a park (一区一店一库一码): a zone and a warehouse must, a shop may. */
export const PARK_KINDS: ReadonlySet<VenueKind> = new Set(['zone', 'warehouse', 'shop']);
const MUST_HAVE_PARK: ReadonlySet<VenueKind> = new Set(['zone', 'warehouse']);

/** A venue's fields as a write states them (the console's form, an import row). */
export interface VenueFields {
  kind: VenueKind;
  name: string;
  line?: string | null;
  plate?: string | null;
}

/** The park a write names, as found in scope (null: none named; undefined: named but not found). */
export interface ParkFound {
  kind: string;
  terrPath: string;
  active: boolean;
}

/**
 * What a venue's write is refused for, field by field (pure): a bus names its line, a taxi its plate; a zone or
 * a warehouse stands in a park, a shop may, nothing else does; the park is a logistics park, open, and the venue
 * stands at the park's node or below it (the park's code is printed at its gate, its zones' inside).
 */
export function venueIssues(
  v: VenueFields,
  nodePath: string,
  parentId: number | null | undefined,
  park: ParkFound | null | undefined,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (v.kind === 'bus' && !v.line) out.push({ field: 'line', zh: '公交车须填写线路', en: 'a bus needs its line' });
  if (v.kind === 'taxi' && !v.plate) out.push({ field: 'plate', zh: '出租车须填写车牌号', en: 'a taxi needs its plate' });
  if (parentId == null) {
    if (MUST_HAVE_PARK.has(v.kind))
      out.push({ field: 'parentId', zh: '园区分区和仓库须选择所属园区', en: 'a zone or warehouse stands in a park' });
    return out;
  }
  if (!PARK_KINDS.has(v.kind))
    out.push({ field: 'parentId', zh: '只有分区、商铺和仓库可属于园区', en: 'only zones, shops and warehouses stand in a park' });
  else if (!park) out.push({ field: 'parentId', zh: '所属园区不存在或不在您的辖区内', en: 'no such park in your scope' });
  else if (park.kind !== 'logistics_park')
    out.push({ field: 'parentId', zh: '所属园区须为物流园区', en: 'the parent must be a logistics park' });
  else if (!park.active) out.push({ field: 'parentId', zh: '所属园区已停用', en: 'the park is deactivated' });
  else if (!nodePath.startsWith(park.terrPath))
    out.push({ field: 'nodeId', zh: '场所须位于所属园区所在辖区之内', en: 'the venue must stand inside its park’s node' });
  return out;
}

/** 须绿码、72小时内核酸阴性: a rule in words (the list and the printed sheet). */
export function ruleZh(r: VenueRule): string {
  const colour = r.green ? '须绿码' : '非红码';
  return r.negativeWithinHours === null ? colour : `${colour}、${r.negativeWithinHours}小时内核酸阴性`;
}

/** Crockford's base32 (no I, L, O, U): a printed code is read aloud and typed by hand at a checkpoint. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A venue's printed code: 'V' and 13 base32 characters from `bytes` (at least 9 random bytes: 65 bits), so a
 * code cannot be guessed from another (codes are not numbered) and two never meet in practice (the column is
 * unique; a clash fails the insert).
 */
export function venueCode(bytes: Uint8Array): string {
  let bits = 0;
  let acc = 0;
  let out = 'V';
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < 14) {
      out += BASE32[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (out.length < 14) throw new Error('venueCode needs at least 9 random bytes');
  return out;
}
