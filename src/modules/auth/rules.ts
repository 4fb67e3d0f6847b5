/** Pure rules about accounts: roles, what each may see, session lifetime and login lockout. */

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

/** Who works with residents' records at all (lists, detail, ledgers). */
export const PEOPLE_READERS: readonly Role[] = ['city_hq', 'cdc', 'district', 'street', 'community', 'admin'];
/** Who may import or edit residents. */
export const PEOPLE_WRITERS: readonly Role[] = ['district', 'street', 'community', 'admin'];
/** Investigation is the CDC's; headquarters and districts read it. */
export const SURVEILLANCE_READERS: readonly Role[] = ['cdc', 'city_hq', 'district', 'admin'];
export const SURVEILLANCE_WRITERS: readonly Role[] = ['cdc', 'admin'];
/** The places a case visited are disinfected and closed by their district, street and community. */
export const PLACE_TASK_READERS: readonly Role[] = ['cdc', 'city_hq', 'district', 'street', 'community', 'admin'];
export const PLACE_TASK_WRITERS: readonly Role[] = ['cdc', 'district', 'street', 'community', 'admin'];
/**
 * Who may see full ID numbers and phones: those who must call or identify a person (CDC investigators and the
 * community's own workers, who correct health codes on seeing the ID). Every such read is audited.
 */
export const UNMASKED_READERS: readonly Role[] = ['cdc', 'community', 'admin'];

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/** A session ends after `idleMinutes` without a request or `maxHours` after login, whichever comes first. */
export function sessionExpired(s: SessionTimes, now: Date, limits: SessionLimits): boolean {
  const idle = now.getTime() - s.lastSeenAt.getTime() > limits.idleMinutes * 60_000;
  const old = now.getTime() - s.createdAt.getTime() > limits.maxHours * 3_600_000;
  return idle || old;
}

export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

/** After each failed login: the new failure count and, at the limit, the time until which the account is locked. */
export function afterFailedLogin(failures: number, now: Date): { failures: number; lockedUntil: Date | null } {
  const n = failures + 1;
  if (n < LOCKOUT.maxFailures) return { failures: n, lockedUntil: null };
  return { failures: 0, lockedUntil: new Date(now.getTime() + LOCKOUT.minutes * 60_000) };
}

export const isLocked = (lockedUntil: Date | null, now: Date) => !!lockedUntil && lockedUntil > now;
