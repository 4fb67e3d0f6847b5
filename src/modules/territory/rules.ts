/** Pure rules about the territory tree: node kinds, what may hang under what, and path arithmetic. */

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

/** Depth of each level below the city; a place takes the depth below its parent. */
export const LEVEL: Record<Exclude<NodeType, 'place'>, number> = {
  city: 0,
  district: 1,
  county: 1,
  county_city: 1,
  street: 2,
  town: 2,
  community: 3,
  village: 3,
  compound: 4,
  building: 5,
  unit: 6,
  household: 7,
};

/** Whether a node of type `child` may hang under a node of type `parent`. Places hang anywhere above a household. */
export function mayContain(parent: NodeType, child: NodeType): boolean {
  if (parent === 'household' || parent === 'place') return false;
  if (child === 'place') return true;
  if (child === 'city') return false;
  return LEVEL[child] === LEVEL[parent] + 1;
}

export const PLACE_KINDS = {
  shop: '商铺',
  bank: '银行网点',
  restaurant: '餐馆',
  bus_line: '公交线路',
  school: '学校',
  hotel: '宾馆',
  market: '市场',
  other: '其他',
} as const;

/** '/1/5/' + 23 → '/1/5/23/' */
export const childPath = (parentPath: string, id: number) => `${parentPath}${id}/`;

/** The ids on a path, root first. */
export const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

/** Whether `path` lies in the subtree rooted at `scopePath` (the node itself included). */
export const within = (path: string, scopePath: string) => path.startsWith(scopePath);

/** Escapes a path for use as a LIKE prefix (paths hold only digits and slashes, but stay safe). */
export const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, '\\$&')}%`;
