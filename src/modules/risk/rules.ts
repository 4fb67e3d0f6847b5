import type { AreaSpec } from './area-spec';

/** Pure rules of risk areas: how a spec reads as a label and which subtrees of the territory it covers. */

export const LEVELS = { high: '高风险区', medium: '中风险区', low: '低风险区' } as const;
export type Level = keyof typeof LEVELS;
export const ZONES = { sealed: '封控区', controlled: '管控区', precaution: '防范区', none: '无' } as const;
export type Zone = keyof typeof ZONES;

/** Levels from the most severe down (a node in two areas is as risky as the worse one). */
export const LEVEL_ORDER: readonly Level[] = ['high', 'medium', 'low'];
export const worse = (a: Level, b: Level): Level => (LEVEL_ORDER.indexOf(a) <= LEVEL_ORDER.indexOf(b) ? a : b);

/** Whether a level or zone makes an area current: a low-risk area without control zone is back to normal. */
export const isCurrent = (level: Level, zone: Zone) => level !== 'low' || zone !== 'none';

/** The area as the notices print it: 学府路194号哈尔滨医科大学家属楼(除35栋外), 艺体花园小区24栋至35栋合围区(除30栋外). */
export function areaLabel(spec: AreaSpec): string {
  const part = (() => {
    const p = spec.part;
    if (p.kind === 'whole') return spec.nodeType === 'street' || spec.nodeType === 'town' ? '全域' : '';
    if (p.kind === 'buildings') return p.names.join('、');
    if (p.kind === 'building_range') return `${p.from}至${p.to}${p.enclosed ? '合围区' : ''}`;
    const units = Array.isArray(p.units) ? p.units.join('、') : `${p.units.from}至${p.units.to}`;
    return `${p.building}${units}`;
  })();
  const except = spec.except ? `(除${spec.except.names.join('、')}${spec.except.outer ? '外' : ''})` : '';
  const before = spec.address?.position === 'before' ? spec.address.text : '';
  const after = spec.address?.position === 'after' ? `(${spec.address.text})` : '';
  const within = spec.within ? `${spec.within.building}${spec.within.floor}` : '';
  return `${before}${within}${spec.name}${part}${except}${after}${spec.suffix ?? ''}`;
}

/** The number a building or unit is known by (24栋 → 24, 3号楼 → 3, 1单元 → 1), or null. */
export function numberOf(name: string): number | null {
  const m = /\d+/.exec(name.normalize('NFKC'));
  return m ? Number(m[0]) : null;
}

/** A node of the tree as resolution sees it. */
export interface TreeNode {
  name: string;
  type: string;
  path: string;
}

/** A node by the name a notice gives it: the same name, else the only one of the same number (35号楼 for 35栋). */
export function nodeNamed<N extends TreeNode>(name: string, nodes: readonly N[]): N | undefined {
  const exact = nodes.find((n) => n.name === name);
  if (exact) return exact;
  const k = numberOf(name);
  if (k === null) return undefined;
  const same = nodes.filter((n) => numberOf(n.name) === k);
  return same.length === 1 ? same[0] : undefined;
}

/** A name the spec gives that the territory does not hold, by the field that gives it (no name: nothing is left inside). */
export interface Missing {
  field: string;
  name: string;
}

export type Resolved = { included: string[]; excluded: string[] } | { missing: Missing[] };

/**
 * The subtrees a spec covers, from the node it is drawn on (`base`), that node's children and, for a part naming
 * units, the named building's children: the included paths and the excluded ones (the exceptions). A range of
 * buildings takes every building whose number lies between the two ends (both must exist); any name the tree
 * does not hold is reported by its field, so the area is refused rather than drawn smaller than the notice says.
 */
export function resolveArea(
  spec: AreaSpec,
  base: TreeNode,
  children: readonly TreeNode[],
  units: readonly TreeNode[] = [],
): Resolved {
  const missing: Missing[] = [];
  const pick = (names: readonly string[], among: readonly TreeNode[], field: string) =>
    names.flatMap((name, i) => {
      const n = nodeNamed(name, among);
      if (!n) missing.push({ field: `${field}.${i}`, name });
      return n ? [n.path] : [];
    });
  const buildings = children.filter((c) => c.type === 'building');
  const p = spec.part;
  let included: string[] = [];
  let exceptAmong: readonly TreeNode[] = buildings;
  if (p.kind === 'whole') included = [base.path];
  else if (p.kind === 'buildings') included = pick(p.names, buildings, 'part.names');
  else if (p.kind === 'building_range') included = range(p.from, p.to, buildings, 'part', missing);
  else {
    if (!buildingOf(p.building, base, children)) missing.push({ field: 'part.building', name: p.building });
    included = Array.isArray(p.units)
      ? pick(p.units, units, 'part.units')
      : range(p.units.from, p.units.to, units, 'part.units', missing);
    exceptAmong = units;
  }
  const excluded = new Set(spec.except ? pick(spec.except.names, exceptAmong, 'except.names') : []);
  // An exception naming what the part names takes it out whole; an area left with nothing inside is refused.
  const kept = [...new Set(included)].filter((p) => !excluded.has(p)).sort();
  if (!missing.length && !kept.length) missing.push({ field: 'except.names', name: '' });
  return missing.length ? { missing } : { included: kept, excluded: [...excluded].filter((p) => !included.includes(p)).sort() };
}

/** The building a part naming units means: the node itself when the area is drawn on it, else its child. */
export const buildingOf = <N extends TreeNode>(name: string, base: N, children: readonly N[]): N | undefined =>
  base.type === 'building' && nodeNamed(name, [base])
    ? base
    : nodeNamed(
        name,
        children.filter((c) => c.type === 'building'),
      );

/** The nodes numbered from `from` to `to` (either order), both ends existing. */
function range(from: string, to: string, nodes: readonly TreeNode[], field: string, missing: Missing[]): string[] {
  const a = nodeNamed(from, nodes);
  const b = nodeNamed(to, nodes);
  if (!a) missing.push({ field: `${field}.from`, name: from });
  if (!b) missing.push({ field: `${field}.to`, name: to });
  if (!a || !b) return [];
  const [lo, hi] = [numberOf(a.name) ?? 0, numberOf(b.name) ?? 0].sort((x, y) => x - y) as [number, number];
  return nodes
    .filter((n) => {
      const k = numberOf(n.name);
      return k !== null && k >= lo && k <= hi;
    })
    .map((n) => n.path);
}

/** Whether a household at `path` is inside an area resolved to `included` minus `excluded` (the membership rule). */
export const inside = (path: string, area: { included: readonly string[]; excluded: readonly string[] }) =>
  area.included.some((p) => path.startsWith(p)) && !area.excluded.some((p) => path.startsWith(p));

/** The paths of a node and its ancestors ('/1/5/23/' → '/1/', '/1/5/', '/1/5/23/'): what an area holding it names. */
export function prefixesOf(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** The district path of a node's path (its first two levels: city and district). */
export const districtPathOf = (path: string) => prefixesOf(path)[1] ?? path;

/** An instant as the notices say it, in Beijing time: 2022年11月2日3时 (minutes when there are any: 3时30分). */
export function hourZh(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + 8 * 3600_000);
  const m = d.getUTCMinutes();
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日${d.getUTCHours()}时${m ? `${m}分` : ''}`;
}

/** The control zone an area keeps when lowered to `level`: a medium-risk area stays controlled, a low one has none. */
export const zoneAfterLowering = (level: Level): Zone =>
  level === 'high' ? 'sealed' : level === 'medium' ? 'controlled' : 'none';
