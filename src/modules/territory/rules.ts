/** Pure rules about the territory tree: node kinds, path arithmetic and postal addresses. */

export const NODE_TYPES = {
  city: '市',
  district: '区',
  county: '县',
  county_city: '县级市',
  street: '街道',
  town: '乡镇',
  community: '社区',
  village: '村屯',
  compound: '小区',
  building: '楼栋',
  unit: '单元',
  household: '户',
  place: '场所',
} as const;

export type NodeType = keyof typeof NODE_TYPES;

/** The ids on a path, root first. */
export const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

/** Escapes a path for use as a LIKE prefix (paths hold only digits and slashes, but stay safe). */
export const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, '\\$&')}%`;

/** The deepest level whose subtree counts come from `territory_rollup` (city 0, district 1, street 2; see migration 0003). */
export const ROLLUP_DEPTH = 2;

/** Levels an address names; streets and communities are administrative and not part of one. */
const ADDRESS_LEVELS: ReadonlySet<string> = new Set<NodeType>([
  'district',
  'county',
  'county_city',
  'town',
  'village',
  'compound',
  'building',
  'unit',
  'household',
  'place',
]);

/**
 * A dwelling's address as bulletins print a residence (现住南岗区学府小区3栋2单元501室), from its node and
 * ancestors root first: the district or county, then the rural town and village or the compound, building,
 * unit and room; a room named by digits alone gets 室.
 */
export function postalAddress(nodes: readonly { type: string; name: string }[]): string {
  return nodes
    .filter((n) => ADDRESS_LEVELS.has(n.type))
    .map((n) => (n.type === 'household' && /^\d+$/.test(n.name) ? `${n.name}室` : n.name))
    .join('');
}

/**
 * The levels a search finds. Buildings, units and households are named by numbers (3栋, 2单元, 501) and are
 * millions at city scale: they are reached by browsing, so the search indexes (migration 0018) leave them out.
 */
export const SEARCHED_TYPES: readonly NodeType[] = [
  'city',
  'district',
  'county',
  'county_city',
  'street',
  'town',
  'community',
  'village',
  'compound',
  'place',
];
const SEARCHED: ReadonlySet<string> = new Set(SEARCHED_TYPES);
export const isSearched = (type: string) => SEARCHED.has(type);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * What a search text `q` matches (NFKC, so full-width letters and digits count): a part of a name or address;
 * a code prefix when `q` looks like one (digits and letters); a prefix of the pinyin initials when it is all
 * letters (ghbm finds 光华便民超市).
 */
export function searchTerms(q: string) {
  const text = q.normalize('NFKC').trim();
  const e = escapeLike(text);
  return {
    text,
    /** ILIKE only when there are Latin letters to fold: on Chinese text it costs several times LIKE's time. */
    like: /[A-Za-z]/.test(text) ? ('ilike' as const) : ('like' as const),
    prefix: `${e}%`,
    part: `%${e}%`,
    code: /^[0-9A-Za-z-]+$/.test(text) ? `${e}%` : null,
    initials: /^[A-Za-z]+$/.test(text) ? `${text.toLowerCase()}%` : null,
  };
}
