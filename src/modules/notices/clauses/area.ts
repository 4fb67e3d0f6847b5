import { z } from 'zod';
import type { Punctuation } from '../../../lib/zh-words';
import type { AreaPart, AreaSpec } from '../../risk/area-spec';

/**
 * An area as a notice names it, from its spec (area-spec.ts has the table of examples): the address before the
 * name or in brackets after it, the building and floor a shop is on, the part of the node (whole, buildings, a
 * range of buildings and the block they enclose, units as a range or a list), what is left out (除7栋外, 除3号楼)
 * and the words after it (及其临街商服).
 */
export const areaOptions = z.strictObject({
  /** A whole street or town is said 王岗镇全域; `false` prints its name alone. */
  wholeStreet: z.boolean().default(true),
});
export type AreaOptions = z.infer<typeof areaOptions>;

const STREET_LEVELS: ReadonlySet<AreaSpec['nodeType']> = new Set(['street', 'town']);

/** The list of names inside one area (8栋、9栋; 1单元、3单元): always 、, whatever separates the areas. */
const list = (names: readonly string[]) => names.join('、');

function partWords(part: AreaPart, whole: string): string {
  switch (part.kind) {
    case 'whole':
      return whole;
    case 'buildings':
      return list(part.names);
    case 'building_range':
      return `${part.from}至${part.to}${part.enclosed ? '合围区' : ''}`;
    case 'units':
      return `${part.building}${Array.isArray(part.units) ? list(part.units) : `${part.units.from}至${part.units.to}`}`;
  }
}

export function areaWords(spec: AreaSpec, p: Punctuation, o: AreaOptions = { wholeStreet: true }): string {
  const before = spec.address?.position === 'before' ? spec.address.text : '';
  const after = spec.address?.position === 'after' ? `${p.open}${spec.address.text}${p.close}` : '';
  const within = spec.within ? `${spec.within.building}${spec.within.floor}` : '';
  const whole = o.wholeStreet && STREET_LEVELS.has(spec.nodeType) ? '全域' : '';
  const except = spec.except ? `${p.open}除${list(spec.except.names)}${spec.except.outer ? '外' : ''}${p.close}` : '';
  return `${before}${within}${spec.name}${after}${partWords(spec.part, whole)}${except}${spec.suffix ?? ''}`;
}
