/** Pure rules about accounts: session lifetime and login lockout. (Roles: src/kit/roles.ts; permissions: each module.) */

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
