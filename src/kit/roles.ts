/** The platform's roles. What each may do is not listed here: every module's permissions name their roles. */
export const ROLES = {
  city_hq: '市指挥部',
  cdc: '疾控',
  district: '区/县',
  street: '街道',
  community: '社区',
  sampler: '采样/扫码员',
  lab: '检测机构',
  quarantine_site: '隔离点',
  supplier: '保供单位',
  hotline: '12345坐席',
  inspector: '督查',
  volunteer: '志愿者',
  admin: '系统管理员',
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_KEYS = Object.keys(ROLES) as Role[];

/** Every role: for permissions any signed-in account holds (browsing the territory tree of one's own scope). */
export const ALL_ROLES: readonly Role[] = ROLE_KEYS;
